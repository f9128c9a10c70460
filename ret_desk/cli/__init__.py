"""The command line: thin, one module per area; parses, calls a service, prints.

The entry point `ret-desk` is `main` (in `entry.py`)."""

from ret_desk.cli.entry import main

__all__ = ["main"]
