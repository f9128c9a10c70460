"""`ret-desk dossier export|destroy` and `ret-desk retention due`: the rights of child and
parents on the command line (issue 12 §3). Each subcommand lives in its own module."""

from __future__ import annotations

import argparse

from ret_desk.cli import dossier_destroy, dossier_export, retention
from ret_desk.services.context import Workspace


def add_parsers(sub: argparse._SubParsersAction) -> None:
    dossier = sub.add_parser("dossier", help="het dossier van een jeugdige (inzage, vernietiging)")
    commands = dossier.add_subparsers(dest="dossier_command", required=True)
    dossier_export.add_parser(commands)
    dossier_destroy.add_parser(commands)
    retention.add_parsers(sub)


def run(args: argparse.Namespace, store: Workspace) -> int:
    if args.command == "retention":
        return retention.run(args, store)
    if args.dossier_command == "export":
        return dossier_export.run(args, store)
    return dossier_destroy.run(args, store)
