"""The command line speaks Dutch in its help and its usage errors (exit code 2 stays)."""

from __future__ import annotations

import argparse

import pytest

from ret_desk.cli import main
from ret_desk.cli.args import build_parser

ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "optional arguments",
    "show this help message",
    "the following arguments are required",
    "invalid choice",
    "unrecognized arguments",
    "choose from",
    "error:",
    "expected one argument",
)


def every_parser(parser: argparse.ArgumentParser):
    """The parser and every sub-command's parser, however deep."""
    yield parser
    for action in parser._actions:  # noqa: SLF001 - argparse keeps sub-parsers only here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in set(action.choices.values()):
                yield from every_parser(sub)


def test_every_help_text_is_dutch():
    parsers = list(every_parser(build_parser()))
    assert len(parsers) > 20  # every command and sub-command
    for parser in parsers:
        text = parser.format_help()
        assert "gebruik: " in text and "toon deze hulp en stop" in text, parser.prog
        assert not [e for e in ENGLISH if e in text], (parser.prog, text)


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["db"], "deze argumenten ontbreken: OPDRACHT"),
        (["case", "route", "X", "ro3", "--reason", "r", "--onzin"], "onbekende argumenten: --onzin"),
        (["region", "toon"], "ongeldige keuze: 'toon' (kies uit"),
        (["case", "show", "X", "--onzin"], "onbekende argumenten: --onzin"),
        (["case", "route", "X", "ro3"], "deze argumenten ontbreken: --reason"),
        (["demo-data", "--youths", "veel"], "geen geheel getal: 'veel'"),
        (["case", "route", "X", "ro3", "--reason"], "verwacht een waarde"),
    ],
)
def test_usage_errors_are_dutch_and_exit_2(capsys, args, dutch):
    with pytest.raises(SystemExit) as caught:
        main(args)
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert err.startswith("gebruik: ret-desk") and "Ongeldige aanroep: " in err and dutch in err
    assert not [e for e in ENGLISH if e in err], err


def test_help_exits_0_in_dutch(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["case", "--help"])
    out = capsys.readouterr().out
    assert caught.value.code == 0 and out.startswith("gebruik: ret-desk case") and "opties:" in out
