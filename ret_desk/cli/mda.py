"""`ret-desk mda ...`: the MDA++ record of a case on the command line (phases, risk
assessments, the safety plan, the household's members, system conferences). Same services
as the app; a refusal is one Dutch line on stderr (exit 1)."""

from __future__ import annotations

import argparse

from ret_desk.cli.login import login_workspace
from ret_desk.cli.parsing import parse_date
from ret_desk.domain.mda import MemberRole, Phase, RiskLevel, position_label
from ret_desk.services.context import Workspace
from ret_desk.services.routes import mda_record

OK = 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add `mda` and its subcommands to the top-level parser."""
    mda = sub.add_parser("mda", help="het MDA++-dossier van een casus (veiligheid in het gezin)")
    commands = mda.add_subparsers(dest="mda_command", required=True)

    phase = commands.add_parser("phase", help="fase vastleggen (1 veiligheid, 2 stabilisatie, 3 herstel)")
    phase.add_argument("number", metavar="NUMMER")
    phase.add_argument("phase", choices=[p.value for p in Phase], metavar="veiligheid|stabilisatie|herstel")
    phase.add_argument("--datum", required=True, type=parse_date, metavar="D", help="begin van de fase")

    risk = commands.add_parser("risk", help="risicotaxatie vastleggen")
    risk.add_argument("number", metavar="NUMMER")
    risk.add_argument("--instrument", required=True, metavar="NAAM", help="het gebruikte instrument")
    risk.add_argument("--niveau", required=True, choices=[r.value for r in RiskLevel], help="de uitkomst")
    risk.add_argument("--datum", required=True, type=parse_date, metavar="D")

    plan = commands.add_parser("safety-plan", help="nieuwe versie van het veiligheidsplan")
    plan.add_argument("number", metavar="NUMMER")
    plan.add_argument("--tekst", required=True, metavar="TEKST", help="afspraken en veiligheidsvoorwaarden")

    member = commands.add_parser("member", help="leden van het huishouden").add_subparsers(
        dest="member_command", required=True
    )
    add = member.add_parser("add", help="lid van het huishouden toevoegen")
    add.add_argument("number", metavar="NUMMER")
    add.add_argument("--naam", required=True, metavar="NAAM")
    add.add_argument("--rol", required=True, choices=[r.value for r in MemberRole])
    position = add.add_mutually_exclusive_group()
    position.add_argument("--slachtoffer", action="store_true", help="dit lid is slachtoffer")
    position.add_argument("--pleger", action="store_true", help="dit lid is pleger")

    conference = commands.add_parser("conference", help="systeemgesprek vastleggen")
    conference.add_argument("number", metavar="NUMMER")
    conference.add_argument("--datum", required=True, type=parse_date, metavar="D")
    conference.add_argument(
        "--deelnemers", required=True, metavar="TEKST", help="wie er waren, het gezin ook"
    )
    conference.add_argument("--uitkomst", required=True, metavar="TEKST")


def run(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    number = args.number
    if args.mda_command == "phase":
        phase = Phase(args.phase)
        ws.call(mda_record.set_phase, number=number, phase=phase, on=args.datum)
        print(f"Casus {number}: fase {phase.label} per {args.datum:%d-%m-%Y} vastgelegd.")
    elif args.mda_command == "risk":
        level = RiskLevel(args.niveau)
        ws.call(
            mda_record.add_risk_assessment,
            number=number,
            instrument=args.instrument,
            level=level,
            on=args.datum,
        )
        what = f"risicotaxatie ({args.instrument.strip()}, {level.label})"
        print(f"Casus {number}: {what} van {args.datum:%d-%m-%Y} vastgelegd.")
    elif args.mda_command == "safety-plan":
        version = ws.call(mda_record.set_safety_plan, number=number, text=args.tekst)
        print(f"Casus {number}: veiligheidsplan versie {version} vastgelegd.")
    elif args.mda_command == "member":
        role = MemberRole(args.rol)
        ws.call(
            mda_record.add_member,
            number=number,
            name=args.naam,
            role=role,
            victim=args.slachtoffer,
            perpetrator=args.pleger,
        )
        position = position_label(args.slachtoffer, args.pleger)
        print(f"Casus {number}: lid van het huishouden toegevoegd ({role.label}, {position}).")
    else:
        ws.call(
            mda_record.add_conference,
            number=number,
            on=args.datum,
            participants=args.deelnemers,
            outcome=args.uitkomst,
        )
        print(f"Casus {number}: systeemgesprek van {args.datum:%d-%m-%Y} vastgelegd.")
    return OK
