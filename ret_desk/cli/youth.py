"""`ret-desk youth merge NUMMER_A NUMMER_B [--neem VELD=A|B]... [--verschillen]`.

Youth A (of case A) stays; all cases of B's youth move to it. Every field in which the two
differ must be chosen with `--neem VELD=A` or `--neem VELD=B`; without a choice the merge is
refused and the differences are listed.
"""

from __future__ import annotations

import argparse
import sys

from ret_desk.cli.login import login_workspace
from ret_desk.domain.youth_identity import FIELDS
from ret_desk.services.cases import youth_merge
from ret_desk.services.context import Workspace

OK, REFUSED, USAGE = 0, 1, 2


def add_parsers(sub: argparse._SubParsersAction) -> None:
    youth = sub.add_parser("youth", help="jeugdigen").add_subparsers(dest="youth_command", required=True)
    merge = youth.add_parser(
        "merge",
        help="twee jeugdigen (dezelfde persoon) samenvoegen; alle casussen van B gaan naar A",
    )
    merge.add_argument("number_a", metavar="NUMMER_A", help="casus van de jeugdige die blijft")
    merge.add_argument("number_b", metavar="NUMMER_B", help="casus van de jeugdige die opgaat in A")
    merge.add_argument(
        "--neem",
        action="append",
        default=[],
        metavar="VELD=A|B",
        help=f"welke waarde blijft bij een verschil; velden: {', '.join(FIELDS)}",
    )
    merge.add_argument("--verschillen", action="store_true", help="toon alleen de verschillen")


def _choices(items: list[str]) -> dict[str, str] | None:
    choices = {}
    for item in items:
        field, sep, side = item.partition("=")
        if not sep:
            return None
        choices[field.strip().lower()] = side.strip().upper()
    return choices


def run(args: argparse.Namespace, store: Workspace) -> int:
    choices = _choices(args.neem)
    if choices is None:
        print("Ongeldige aanroep: --neem verwacht VELD=A of VELD=B.", file=sys.stderr)
        return USAGE
    ws = login_workspace(store, args.user)
    if args.verschillen:
        preview = ws.call(youth_merge.preview_merge, number_a=args.number_a, number_b=args.number_b)
        for side, label in ((preview.a, "A"), (preview.b, "B")):
            print(f"{label}: {side.name}, {side.municipality}; casussen {', '.join(side.case_numbers)}")
        if not preview.differences:
            print("Geen verschillen.")
        for d in preview.differences:
            print(f"{d.field}: A {d.stored} | B {d.new}")
        return OK
    result = ws.call(
        youth_merge.merge_youths, number_a=args.number_a, number_b=args.number_b, choices=choices
    )
    taken = ", ".join(result.from_b) or "geen"
    print(
        f"Samengevoegd: casussen {', '.join(result.moved_cases)} horen nu bij de jeugdige van "
        f"{args.number_a}. Van B overgenomen: {taken}."
    )
    return OK
