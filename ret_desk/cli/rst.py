"""`ret-desk rst deploy NUMMER ...`: record a deployment of the Reizend Specialistisch Team.

Discipline, place, date and hours are checked by the domain (domain/rst.py), not by
argparse, so that a wrong value is one Dutch line `Fout: ...` with exit 1, like every refusal.
"""

from __future__ import annotations

import argparse

from ret_desk.cli.login import login_workspace
from ret_desk.domain.dutch_dates import long_date
from ret_desk.domain.dutch_numbers import decimal
from ret_desk.domain.rst import Discipline, Place, Prevented
from ret_desk.services.routes import rst

OK = 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add `rst` and its subcommands to the top-level parser."""
    group = sub.add_parser("rst", help="Reizend Specialistisch Team: inzet bij de jeugdige")
    commands = group.add_subparsers(dest="rst_command", required=True)
    deploy = commands.add_parser("deploy", help="een inzet van het team vastleggen")
    deploy.add_argument("number", metavar="NUMMER", help="casusnummer")
    deploy.add_argument(
        "--discipline",
        required=True,
        metavar="D",
        help=f"discipline: {', '.join(d.value for d in Discipline)}",
    )
    deploy.add_argument(
        "--waar", required=True, metavar="W", help=f"waar de inzet was: {', '.join(p.value for p in Place)}"
    )
    deploy.add_argument(
        "--datum", required=True, metavar="D", help="datum van de inzet (JJJJ-MM-DD of DD-MM-JJJJ)"
    )
    deploy.add_argument("--uren", required=True, metavar="H", help="aantal uren, bijvoorbeeld 2 of 1,5")
    deploy.add_argument("--doel", default="", metavar="TEKST", help="doel van de inzet")
    deploy.add_argument("--uitkomst", default="", metavar="TEKST", help="uitkomst van de inzet")
    deploy.add_argument(
        "--plaatsing-voorkomen",
        default=Prevented.UNKNOWN.value,
        metavar="ja|nee|onbekend",
        help="is een verhuizing of plaatsing voorkomen? (standaard: onbekend)",
    )


def run(args: argparse.Namespace, store) -> int:  # noqa: ANN001 - the opened store, only to log in
    ws = login_workspace(store, args.user)
    view = ws.call(
        rst.record_deployment,
        number=args.number,
        discipline=args.discipline,
        where=args.waar,
        on=args.datum,
        hours=args.uren,
        purpose=args.doel,
        outcome=args.uitkomst,
        placement_prevented=args.plaatsing_voorkomen,
    )
    d = view.deployment
    print(
        f"Inzet vastgelegd bij casus {args.number.strip()}: {d.discipline.label}, {d.where.label.lower()}, "
        f"{long_date(d.on)}, {decimal(d.hours, 2)} uur; plaatsing voorkomen: {d.placement_prevented.label}."
    )
    return OK
