"""`ret-desk dossier destroy --bsn BSN|--casus NUMMER --reden TEKST [--bevestig ...]`
(issue 12 §3): the administrator destroys a youth's dossier, after a second confirmation.
At a terminal the BSN or case number is typed again; without one, `--bevestig` must match.
The output lists what lies outside the store: documents printed or saved, and backups
made before the destruction, with what to do with them."""

from __future__ import annotations

import argparse
import json
import sys

from ret_desk.cli.login import login_workspace
from ret_desk.domain.audit_actions import action_label, local_timestamp
from ret_desk.domain.bsn import normalise_bsn
from ret_desk.domain.errors import RuleViolation
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.services.admin.destruction import BACKUP_ADVICE, PRINT_ADVICE, DestroyReport, destroy_dossier
from ret_desk.services.context import Workspace


def add_parser(commands: argparse._SubParsersAction) -> None:
    destroy = commands.add_parser("destroy", help="alle persoonsgegevens van een jeugdige vernietigen")
    which = destroy.add_mutually_exclusive_group(required=True)
    which.add_argument("--bsn", help="het BSN van de jeugdige")
    which.add_argument("--casus", metavar="NUMMER", help="een casusnummer (voor een jeugdige zonder BSN)")
    destroy.add_argument("--reden", required=True, help="waarom (verzoek, bewaartermijn); zonder naam of BSN")
    destroy.add_argument(
        "--bevestig", metavar="BSN-OF-NUMMER", help="zonder terminal: het BSN of casusnummer nogmaals"
    )
    destroy.add_argument("--json", action="store_true", help="het verslag als JSON")


def _same(given: str, typed: str, is_bsn: bool) -> bool:
    if is_bsn:
        return normalise_bsn(given.strip()) == normalise_bsn(typed.strip())
    return given.strip().casefold() == typed.strip().casefold()


def _confirmed(args: argparse.Namespace) -> None:
    given, is_bsn = (args.bsn, True) if args.bsn else (args.casus, False)
    what = "het BSN" if is_bsn else "het casusnummer"
    if sys.stdin.isatty():
        print("Dit vernietigt alle persoonsgegevens van deze jeugdige; dat kan niet ongedaan worden gemaakt.")
        typed = input(f"Typ ter bevestiging {what} nogmaals: ")
    elif args.bevestig is None:
        raise RuleViolation(f"Bevestig de vernietiging: typ {what} nogmaals, of geef --bevestig {what[4:]}.")
    else:
        typed = args.bevestig
    if not _same(given, typed, is_bsn):
        raise RuleViolation(f"De bevestiging komt niet overeen met {what}; er is niets vernietigd.")


def run(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    assert ws.actor is not None
    if is_allowed(ws.actor.role, Action.DESTROY_DOSSIER):
        _confirmed(args)  # a refused role is refused (and logged) by the service, unasked
    report = ws.call_store(destroy_dossier, reason=args.reden, bsn=args.bsn, case_number=args.casus)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print(report)
        if not ws.is_sqlite:
            print(
                "PostgreSQL: oude rijversies blijven tot VACUUM; laat de databasebeheerder "
                "VACUUM (FULL) draaien (docs/privacy.md, Vernietiging)."
            )
    return 0


def _print(report: DestroyReport) -> None:
    cases = ", ".join(report.case_numbers) or "geen"
    print(f"Dossier vernietigd: jeugdige {report.youth_id}, casus(sen) {cases}.")
    print(
        "Wat blijft: de casussen en plaatsingen met datums, routes en uitkomsten, "
        "de gemeente en het geboortejaar."
    )
    print(
        f"Logboek: {report.redacted_events} regel(s) geredigeerd; "
        "de keten blijft controleerbaar (ret-desk audit verify)."
    )
    if report.printed:
        print("Afgedrukt of opgeslagen vóór de vernietiging:")
        for out in report.printed:
            what = action_label(out.action)
            print(f"- {local_timestamp(out.at)} {what} door {out.actor} op {out.workstation}")
        print(f"  {PRINT_ADVICE}")
    else:
        print("Afgedrukt of opgeslagen: niets volgens het logboek.")
    if report.backups:
        print("Back-ups van vóór de vernietiging:")
        for backup in report.backups:
            when = local_timestamp(backup.made_at) if backup.made_at else "onbekend"
            where = "" if backup.found else " (alleen in het logboek; de plaats koos de maker)"
            print(f"- {backup.name}, gemaakt {when}{where}")
        print(f"  {BACKUP_ADVICE}")
    else:
        print("Back-ups van vóór de vernietiging: geen gevonden.")
