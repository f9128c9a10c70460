"""The one rule for text in a spreadsheet cell we write or read back (issue 11 §1).

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula (an `=HYPERLINK(...)` in a name can send another cell's content off
the machine when clicked). So:

- **CSV** (`csv_cell`): such a cell gets a leading `'` (the OWASP CSV-injection rule).
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
REPLACEMENT = "\ufffd"
# The characters openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE refuses (XML 1.0 cannot hold them).
_UNWRITABLE = re.compile(r"[\000-\010\013\014\016-\037]")


def starts_formula(value: str) -> bool:
    """Whether a spreadsheet would run `value` (after any leading quotes) as a formula."""
    return value.lstrip(QUOTE).startswith(FORMULA_START)


def writable(value: str) -> str:
    """`value` with every character XLSX cannot hold replaced by U+FFFD."""
    return _UNWRITABLE.sub(REPLACEMENT, value)


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    value = writable(value)
    return QUOTE + value if starts_formula(value) else value


def xlsx_cell(value: str) -> str:
    """The text of an XLSX string cell; `unquoted` gives `value` back."""
    value = writable(value)
    return QUOTE + value if value.startswith(QUOTE) and starts_formula(value) else value


def unquoted(value: str) -> str:
    """A cell as read back from our own export (or a spreadsheet that kept the quote)."""
    if value.startswith(QUOTE) and starts_formula(value[1:]):
        return value[1:]
    return value
