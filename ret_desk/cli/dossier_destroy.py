"""`ret-desk dossier destroy` (issue 12 §3). Placeholder: the part that owns it fills it in."""

from __future__ import annotations

import argparse

from ret_desk.services.context import Workspace


def add_parser(commands: argparse._SubParsersAction) -> None:
    commands.add_parser("destroy", help="alle persoonsgegevens van een jeugdige vernietigen")


def run(args: argparse.Namespace, store: Workspace) -> int:
    raise NotImplementedError("issue 12 §3: dossier destroy")
