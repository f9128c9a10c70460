"""The checks every import row passes before its importer sees it (step 2 of
services.imports.pipeline): no control character in a field, no value longer than the
store's column (the lengths come from the SQLAlchemy model, so that they cannot drift),
and no filled cell beyond the header. A row that fails here is never handed to the
importer: its values would reach the store's queries, and PostgreSQL refuses a NUL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text

from ret_desk.domain.stray_characters import stray_character
from ret_desk.services.imports.cells import RowError, text
from ret_desk.services.imports.table_files import MAX_CELL, FileRow, thousands


@dataclass(frozen=True, slots=True)
class Limit:
    length: int
    multiline: bool = False  # tab and line breaks belong in a long text (a Text column)


#: The importer's other columns hold a date, a number, a choice or a code: never this long
#: (and a refusal that quotes the value stays readable).
SHORT = 200


def limits_of(columns: Mapping[str, Any], parsed: Iterable[str] = ()) -> dict[str, Limit]:
    """Import column → its Limit, from the model attribute each column is stored in
    (String(n): n characters on one line; Text: a cell's worth, on several lines); the
    `parsed` columns (the importer's others) get SHORT."""
    found = {name: Limit(SHORT) for name in parsed}
    for name, attribute in columns.items():
        kind = attribute.property.columns[0].type
        length = min(getattr(kind, "length", None) or MAX_CELL, MAX_CELL)
        found[name] = Limit(length, multiline=isinstance(kind, Text))
    return found


def row_errors(row: FileRow, limits: Mapping[str, Limit]) -> list[RowError]:
    errors = []
    for column, value in row.values.items():
        if not isinstance(value, str):
            continue
        limit = limits.get(column, Limit(MAX_CELL))
        if (char := stray_character(value, multiline=limit.multiline)) is not None:
            errors.append(
                RowError(
                    row.number,
                    column,
                    f"Bevat een stuurteken ({char}, bijvoorbeeld een NUL, escape of regeleinde); "
                    "zo'n teken hoort niet in dit veld. Haal het weg.",
                )
            )
        elif len(kept := text(value)) > limit.length:  # what is stored: cells.text() of the value
            errors.append(
                RowError(
                    row.number,
                    column,
                    f"Is {thousands(len(kept))} tekens lang; hier passen er hoogstens "
                    f"{thousands(limit.length)}.",
                )
            )
    for position, _value in row.extra:
        errors.append(
            RowError(
                row.number,
                f"{position} (buiten de kop)",
                "Deze cel is gevuld, maar rij 1 geeft de kolom geen naam; een cel wordt niet "
                "stil weggelaten. Haal de cel weg of zet haar in de goede kolom.",
            )
        )
    return errors
