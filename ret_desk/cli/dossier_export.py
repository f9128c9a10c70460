"""`ret-desk dossier export NUMMER|--bsn BSN --out F.pdf` (issue 12 §3): the right of
inspection, for a coordinator. Everything stored about the youth, and who accessed it."""

from __future__ import annotations

import argparse
from pathlib import Path

from ret_desk.cli.login import login_workspace
from ret_desk.domain.errors import FieldError, InvalidInput
from ret_desk.services.cases import dossier_export
from ret_desk.services.context import Workspace


def add_parser(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="inzage: alles wat over de jeugdige is vastgelegd, als PDF")
    export.add_argument("number", nargs="?", metavar="NUMMER", help="een casusnummer van de jeugdige")
    export.add_argument("--bsn", metavar="BSN", help="of: het BSN van de jeugdige")
    export.add_argument("--out", required=True, metavar="BESTAND.pdf")


def run(args: argparse.Namespace, store: Workspace) -> int:
    if bool(args.number) == bool(args.bsn):
        raise InvalidInput(
            [FieldError("dossier", "Geef een casusnummer of --bsn, niet allebei en niet geen van beide.")]
        )
    ws = login_workspace(store, args.user)
    done = ws.call(dossier_export.export_dossier, path=Path(args.out), number=args.number, bsn=args.bsn)
    cases = ", ".join(done.case_numbers) or "geen casussen"
    print(f"Dossier ({cases}) opgeslagen in {done.path}.")
    return 0
