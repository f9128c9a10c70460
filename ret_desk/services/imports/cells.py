"""Reading one cell of an import row, and the error of one cell (row, column, reason).

Every parser raises ValueError with a Dutch reason; the pipeline files it under the
row and column the user sees in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from ret_desk.domain.spreadsheet_cells import unquoted

_YES = {"ja", "j", "yes", "true", "1", "waar"}
_NO = {"nee", "n", "no", "false", "0", "onwaar", ""}


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"rij {self.row}, kolom {self.column}: {self.reason}"


def text(value: Any) -> str:
    """The cell as text, trimmed; a leading `'` that our own export put before a formula
    character is taken off again (`'t Hart` stays: domain/spreadsheet_cells.py)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unquoted(str(value).strip())


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{raw}' is geen datum (dd-mm-jjjj of jjjj-mm-dd).")


def parse_choice(value: Any, enum: type[Enum]) -> Any:
    raw = text(value).lower()
    try:
        return enum(raw)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum)
        raise ValueError(f"'{raw}' is geen geldige waarde; kies uit: {allowed}.") from None


def parse_numbers(value: Any, enum: type[Enum]) -> frozenset:
    raw = text(value)
    if not raw:
        return frozenset()
    found = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(f"'{part}' is geen nummer.")
        try:
            found.add(enum(int(part)))
        except ValueError:
            low, high = min(m.value for m in enum), max(m.value for m in enum)
            raise ValueError(f"{part} ligt niet tussen {low} en {high}.") from None
    return frozenset(found)


def parse_bool(value: Any) -> bool:
    raw = text(value).lower()
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise ValueError(f"'{raw}' is geen ja of nee.")
