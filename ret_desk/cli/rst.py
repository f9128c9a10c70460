"""`ret-desk rst ...`: the rst route record on the command line (issue 9; being built)."""

from __future__ import annotations

import argparse

from ret_desk.services.context import Store


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add `rst` and its subcommands to the top-level parser."""


def run(args: argparse.Namespace, store: Store) -> int:
    raise NotImplementedError
