"""`ret-desk retention due [--json]` (issue 12 §3). Placeholder: the part that owns it fills it in."""

from __future__ import annotations

import argparse

from ret_desk.services.context import Workspace


def add_parsers(sub: argparse._SubParsersAction) -> None:
    retention = sub.add_parser("retention", help="bewaartermijnen van dossiers")
    commands = retention.add_subparsers(dest="retention_command", required=True)
    commands.add_parser("due", help="dossiers waarvan de bewaartermijn voorbij is")


def run(args: argparse.Namespace, store: Workspace) -> int:
    raise NotImplementedError("issue 12 §3: retention due")
