"""`ret-desk ro3 ...`: the RO3 record (Regie op 3) on the command line: parties, the plan's
agreements (done, not kept) and reviews. Same services as the app; messages in Dutch."""

from __future__ import annotations

import argparse

from ret_desk.cli.login import login_workspace
from ret_desk.cli.parsing import parse_date
from ret_desk.services.context import Workspace
from ret_desk.services.routes import ro3_plan

OK = 0


def _positive(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"geen afspraaknummer: '{value}'")
    return int(value)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add `ro3` and its subcommands to the top-level parser."""
    ro3 = sub.add_parser(
        "ro3", help="Regie op 3: partijen, afspraken en evaluaties van een casus op RO3"
    ).add_subparsers(dest="ro3_command", required=True, metavar="OPDRACHT")

    party = ro3.add_parser("party", help="partijen rond de casus").add_subparsers(
        dest="party_command", required=True, metavar="OPDRACHT"
    )
    add = party.add_parser("add", help="partij toevoegen")
    add.add_argument("number", metavar="NUMMER", help="casusnummer")
    add.add_argument("--organisatie", required=True, metavar="ORG", help="naam van de organisatie")
    add.add_argument("--rol", required=True, metavar="ROL", help="bijvoorbeeld GI, wijkteam, aanbieder")
    add.add_argument("--contact", default="", metavar="NAAM", help="contactpersoon")

    agreement = ro3.add_parser("agreement", help="afspraken van het plan").add_subparsers(
        dest="agreement_command", required=True, metavar="OPDRACHT"
    )
    add = agreement.add_parser("add", help="afspraak vastleggen (toont het nummer van de afspraak)")
    add.add_argument("number", metavar="NUMMER", help="casusnummer")
    add.add_argument("--partij", required=True, metavar="ORG", help="een partij die al is toegevoegd")
    add.add_argument("--wat", required=True, metavar="TEKST", help="wat de partij doet")
    add.add_argument("--uiterlijk", required=True, type=parse_date, metavar="DATUM", help="uiterlijk op")
    done = agreement.add_parser("done", help="afspraak afronden")
    done.add_argument("number", metavar="NUMMER", help="casusnummer")
    done.add_argument("agreement_id", type=_positive, metavar="ID", help="nummer van de afspraak")
    not_kept = agreement.add_parser("not-kept", help="afspraak niet nagekomen, met het gevolg")
    not_kept.add_argument("number", metavar="NUMMER", help="casusnummer")
    not_kept.add_argument("agreement_id", type=_positive, metavar="ID", help="nummer van de afspraak")
    not_kept.add_argument("--gevolg", required=True, metavar="TEKST", help="wat er nu gebeurt")

    review = ro3.add_parser("review", help="evaluatie vastleggen")
    review.add_argument("number", metavar="NUMMER", help="casusnummer")
    review.add_argument(
        "--datum", required=True, type=parse_date, metavar="DATUM", help="datum van de evaluatie"
    )
    review.add_argument("--verslag", default="", metavar="TEKST", help="kort verslag")


def run(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    number = args.number
    if args.ro3_command == "party":
        ws.call(
            ro3_plan.add_party,
            number=number,
            organisation=args.organisatie,
            role=args.rol,
            contact=args.contact,
        )
        print(f"Partij {args.organisatie.strip()} toegevoegd aan casus {number}.")
    elif args.ro3_command == "review":
        ws.call(ro3_plan.add_review, number=number, held_on=args.datum, report=args.verslag)
        print(f"Evaluatie van {args.datum:%d-%m-%Y} vastgelegd bij casus {number}.")
    elif args.agreement_command == "add":
        agreement_id = ws.call(
            ro3_plan.add_agreement, number=number, party=args.partij, what=args.wat, due=args.uiterlijk
        )
        print(agreement_id)
    elif args.agreement_command == "done":
        ws.call(ro3_plan.mark_done, number=number, agreement_id=args.agreement_id)
        print(f"Afspraak {args.agreement_id} van casus {number} is afgerond.")
    else:
        ws.call(
            ro3_plan.mark_not_kept, number=number, agreement_id=args.agreement_id, consequence=args.gevolg
        )
        print(f"Afspraak {args.agreement_id} van casus {number} is niet nagekomen; het gevolg is vastgelegd.")
    return OK
