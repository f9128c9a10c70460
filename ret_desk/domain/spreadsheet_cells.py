"""The one rule for text in a spreadsheet cell we write or read back (issue 11 §1).

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula (an `=HYPERLINK(...)` in a name can send another cell's content off
the machine when clicked). So:

- **CSV** (`csv_cell`): such a cell gets a leading `'` (the OWASP CSV-injection rule), and
  so does every place inside a value that follows a `,`, `;`, tab or line break: Dutch
  Excel splits a line on `;`, English on `,`, whatever separator we wrote, so
  `Jansen;=cmd|...` would otherwise become a cell `=cmd|...`.
- **XLSX** (`xlsx_cell`): every value is written as a string cell (the exporter forces the
  cell type), so it needs no quote; only a value that itself starts with `'` before one
  of those characters gets one more, so that a re-import gives it back exactly.
- **Re-import** (`unquoted`): a leading `'` is removed only when what follows, after any
  further quotes, starts with one of those characters. `'t Hart` stays `'t Hart`, and
  `unquoted(csv_cell(v)) == v` for every text `v`.
- **Characters XLSX cannot hold** (NUL and the other C0 control characters except tab,
  line feed and carriage return; openpyxl refuses them with IllegalCharacterError) are
  replaced by U+FFFD in every export, CSV too. Replaced rather than dropped: the reader
  sees that something was there and neighbouring words do not run together; the store
  keeps the original. The same text in CSV and XLSX keeps the two exports alike, and a
  re-import is not refused for a control character (issue 11 §2 refuses them).
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# Where a spreadsheet may split a CSV line into cells, whatever separator the file chose.
SEPARATORS = frozenset(",;\t\r\n")
REPLACEMENT = "\ufffd"
# The characters openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE refuses (XML 1.0 cannot hold them).
_UNWRITABLE = re.compile(r"[\000-\010\013\014\016-\037]")


def starts_formula(value: str) -> bool:
    """Whether a spreadsheet would run `value` (after any leading quotes) as a formula."""
    return value.lstrip(QUOTE).startswith(FORMULA_START)


def writable(value: str) -> str:
    """`value` with every character XLSX cannot hold replaced by U+FFFD."""
    return _UNWRITABLE.sub(REPLACEMENT, value)


def _cell_starts(value: str) -> list[bool]:
    """For each position: whether a spreadsheet may start a cell there (the start, or
    right after a character some locale's spreadsheet splits a CSV line on)."""
    starts = [True] * (len(value) + 1)
    for i, char in enumerate(value):
        starts[i + 1] = char in SEPARATORS
    return starts


def _quoted(value: str, *, always: bool) -> str:
    starts, out = _cell_starts(value), []
    for i, char in enumerate(value):
        if starts[i] and starts_formula(value[i:]) and (always or char == QUOTE):
            out.append(QUOTE)
        out.append(char)
    return "".join(out)


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula: also where a
    spreadsheet that splits on another separator (Dutch Excel: `;`) would start a cell."""
    return _quoted(writable(value), always=True)


def xlsx_cell(value: str) -> str:
    """The text of an XLSX string cell; `unquoted` gives `value` back."""
    return _quoted(writable(value), always=False)


def unquoted(value: str) -> str:
    """A cell as read back from our own export (or a spreadsheet that kept the quote):
    one quote off wherever `csv_cell` may have put one."""
    out, at_start, i = [], True, 0
    while i < len(value):
        if at_start and value[i] == QUOTE and starts_formula(value[i + 1 :]):
            i += 1  # the quote we added; what follows is the original cell start
            at_start = False
            out.append(value[i])
        else:
            out.append(value[i])
        at_start = value[i] in SEPARATORS
        i += 1
    return "".join(out)
