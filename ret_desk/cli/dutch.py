"""Dutch for the command line's grammar: help ("gebruik:", "opties", "toon deze hulp en
stop") and usage errors, which exit with code 2.

argparse writes its own texts in English; DutchParser sets its headings and help option
in Dutch and translates its error messages. Every sub-command parser is a DutchParser too
(argparse gives sub-parsers the class of their parent).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

USAGE_EXIT = 2

#: argparse's error phrases (Python 3.11–3.13), longest first where one contains another.
_ERRORS = (
    ("the following arguments are required", "deze argumenten ontbreken"),
    ("unrecognized arguments", "onbekende argumenten"),
    ("invalid choice", "ongeldige keuze"),
    ("choose from", "kies uit"),
    ("expected at least one argument", "verwacht minstens één waarde"),
    ("expected at most one argument", "verwacht hoogstens één waarde"),
    ("expected one argument", "verwacht een waarde"),
    ("one of the arguments", "een van de argumenten"),
    (" is required", " is verplicht"),
    ("not allowed with argument", "niet toegestaan samen met argument"),
    ("ambiguous option", "dubbelzinnige optie"),
    ("could match", "kan passen bij"),
    ("ignored explicit argument", "overbodige waarde"),
    ("unknown parser", "onbekende opdracht"),
    ("invalid int value", "geen geheel getal"),
    ("invalid float value", "geen getal"),
)
_INVALID_VALUE = re.compile(r"invalid \w+ value")


def dutch_error(message: str) -> str:
    for english, dutch in _ERRORS:
        message = message.replace(english, dutch)
    return _INVALID_VALUE.sub("ongeldige waarde", message)


class DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "positionele argumenten"
        self._optionals.title = "opties"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp en stop"
            )

    def add_subparsers(self, **kwargs):  # noqa: ANN003, ANN201
        # Without a metavar a missing command is named by its dest ("db_command") in errors.
        kwargs.setdefault("metavar", "OPDRACHT")
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"Ongeldige aanroep: {dutch_error(message)}", file=sys.stderr)
        raise SystemExit(USAGE_EXIT)
