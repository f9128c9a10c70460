"""The one cell rule of every export and its re-import (domain/spreadsheet_cells.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ret_desk.domain.spreadsheet_cells import csv_cell, unquoted, writable, xlsx_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'t Hart", "'t Hart"),
        ("'=x", "''=x"),
        ("Jansen", "Jansen"),
        ("", ""),
        ("1=1", "1=1"),
        # Dutch Excel splits on ';', English on ',': every cell it could make is quoted
        ("Jansen;=cmd|' /C calc'!A0;", "Jansen;'=cmd|' /C calc'!A0;"),
        ("Org,@SUM(1)", "Org,'@SUM(1)"),
        ("Zie;+cmd", "Zie;'+cmd"),
        ("regel\n=1+1", "regel\n'=1+1"),
        ("a; =1", "a; =1"),
    ],
)
def test_csv_cells_get_the_owasp_quote(value, cell):
    assert csv_cell(value) == cell
    assert unquoted(cell) == value


def test_xlsx_cells_need_a_quote_only_before_a_quote_of_their_own():
    assert [xlsx_cell(v) for v in ("=1+1", "'t Hart", "'=x", "-5")] == ["=1+1", "'t Hart", "''=x", "-5"]


def test_a_quote_is_stripped_only_before_a_formula_character():
    read = [unquoted(v) for v in ("'t Hart", "'", "''", "'=x", "'''+x")]
    assert read == ["'t Hart", "'", "''", "=x", "''+x"]


@given(st.text())
def test_every_text_comes_back_from_either_export(value):
    expected = writable(value)
    assert unquoted(csv_cell(value)) == expected
    assert unquoted(xlsx_cell(value)) == expected
    assert not csv_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))


_ANY_SEPARATOR = re.compile(r"[,;\t\r\n]")


@given(st.text(alphabet=st.sampled_from("=+-@;,\t\r\n'ab ")))
def test_no_cell_a_spreadsheet_splits_off_starts_a_formula(value):
    # Whatever separator a spreadsheet splits the CSV text on, no piece runs as a formula
    for piece in _ANY_SEPARATOR.split(csv_cell(value)):
        assert not piece.startswith(("=", "+", "-", "@")), piece
    assert unquoted(csv_cell(value)) == value


@given(st.text(alphabet=st.characters(max_codepoint=0x40)))
def test_nothing_xlsx_cannot_hold_is_left(value):
    assert ILLEGAL_CHARACTERS_RE.search(writable(value)) is None
    assert len(writable(value)) == len(value)
