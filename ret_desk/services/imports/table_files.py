"""Reading an import file safely (step 1 of services.imports.pipeline): a CSV (UTF-8, its
delimiter taken from the header row) or the first sheet of an XLSX (services.imports.
xlsx_file), as FileRows: the row number the user sees, the values by lower-cased header,
and any filled cell beyond the header. A file that cannot be read is one ImportFileError
with a Dutch message naming the row and column where there is one.

The caps below are far above what a region's real files hold (100,000 cases is the
scale), and they are checked before the reading, so that a hostile file cannot make
the app read without end.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ret_desk.domain.errors import RetDeskError
from ret_desk.domain.stray_characters import stray_character

#: Rows a file may hold (the header not counted): 2.5 times the largest region's cases.
MAX_ROWS = 250_000
#: Bytes a CSV may hold: 100,000 cases with long help questions come to about 100 MB.
MAX_CSV_BYTES = 512 * 1024 * 1024
#: Characters one CSV line may hold (a record of sixteen full cells is far below it).
MAX_LINE = 1024 * 1024
#: The most characters a cell may hold: what one Excel cell can hold.
MAX_CELL = 32_767
_DELIMITERS = (",", ";", "\t")


class ImportFileError(RetDeskError):
    """The file itself cannot be read (missing, wrong type, header wrong, hostile)."""


@dataclass(frozen=True, slots=True)
class FileRow:
    number: int  # as the user sees it: the header is row 1
    values: dict[str, Any]
    #: filled cells beyond the header: (column number from 1, value)
    extra: list[tuple[int, Any]] = field(default_factory=list)


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def read_rows(path: Path, columns: Sequence[str]) -> Iterator[FileRow]:
    """Every row after the header that has a filled cell; header is row 1."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFileError(f"Het bestand {path} bestaat niet.")
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError("Importeer een .csv- of .xlsx-bestand.")
    if path.stat().st_size == 0:
        raise ImportFileError(f"Het bestand {path.name} is leeg (0 bytes); er is niets geïmporteerd.")
    if suffix == ".csv":
        yield from _read_csv(path, columns)
    else:
        from ret_desk.services.imports.xlsx_file import read_xlsx

        yield from read_xlsx(path, columns)


def header_names(header: Sequence[Any], columns: Sequence[str]) -> list[str]:
    """Row 1 as lower-cased names; refuses control characters, a column named twice and
    a missing column."""
    names = []
    for position, cell in enumerate(header, start=1):
        raw = "" if cell is None else str(cell)
        if len(raw) > 200 or stray_character(raw):
            raise ImportFileError(
                f"Rij 1, kolom {position}: de kop bevat een stuurteken of is te lang; "
                "dit is geen importbestand van RET Desk."
            )
        names.append(raw.strip().lower())
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise ImportFileError(f"Rij 1 noemt de kolom {name} twee keer; welke geldt is niet te zeggen.")
        seen.add(name)
    missing = [c for c in columns if c not in names]
    if missing:
        raise ImportFileError(f"Rij 1 mist de kolom(men): {', '.join(missing)}.")
    return names


def split_row(number: int, names: list[str], cells: Sequence[Any]) -> FileRow:
    values: dict[str, Any] = {}
    extra: list[tuple[int, Any]] = []
    for position, cell in enumerate(cells, start=1):
        name = names[position - 1] if position <= len(names) else ""
        if name:
            values[name] = cell
        elif cell not in (None, "") and str(cell).strip():
            extra.append((position, cell))
    return FileRow(number, values, extra)


def too_many_rows() -> ImportFileError:
    return ImportFileError(
        f"Het bestand heeft meer dan {thousands(MAX_ROWS)} rijen; zoveel heeft geen regio "
        "(100.000 casussen is de schaal). Splits het bestand; er is niets geïmporteerd."
    )


# --- CSV -------------------------------------------------------------------------


class _Lines:
    """The file's lines for csv.reader, decoded one by one (so that a refusal knows its
    row), each at most MAX_LINE characters, keeping the lines of the record being read:
    so that a refusal can name the record's column."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self.pending: list[str] = []
        self._first = True

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = self._handle.readline(MAX_LINE + 1)
        if not raw:
            raise StopIteration
        if self._first and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        self._first = False
        if len(raw) > MAX_LINE:
            self.pending.append(raw.decode("utf-8", "replace"))
            raise _LineTooLong
        line = raw.decode("utf-8")  # UnicodeDecodeError: not UTF-8 (named by its row)
        self.pending.append(line)
        return line


class _LineTooLong(Exception):
    pass


def _position(text: str, delimiter: str) -> int:
    """The column (from 1) of `text`, the start of a record, where the csv module stopped:
    the first cell over the field limit, text after a closing quote, or else the last cell
    (an open quote at the end of the file)."""
    column, size, quoted, closed = 1, 0, False, False
    limit = csv.field_size_limit()
    for char in text:
        if quoted:
            quoted, closed = (False, True) if char == '"' else (True, False)
            size += char != '"'
        elif closed and char == '"':  # a doubled quote inside a quoted cell
            quoted, closed, size = True, False, size + 1
        elif char == delimiter:
            column, size, closed = column + 1, 0, False
        elif char in "\r\n":
            closed = False
        elif closed:
            return column
        elif char == '"' and size == 0:
            quoted = True
        else:
            size += 1
        if size > limit:
            return column
    return column


def _column_label(names: list[str], column: int) -> str:
    if column <= len(names) and names[column - 1]:
        return names[column - 1]
    return f"{column} (buiten de kop)"


def choose_delimiter(header_line: str, columns: Sequence[str]) -> str:
    """The delimiter that makes row 1 name the most known columns; else csv.Sniffer's
    choice among comma, semicolon and tab; else a comma."""

    def known(delimiter: str) -> int:
        names = next(csv.reader([header_line], delimiter=delimiter), [])
        return sum(1 for n in names if n.strip().lower() in columns)

    best = max(_DELIMITERS, key=known)
    if known(best) > 0:
        return best
    try:
        return csv.Sniffer().sniff(header_line, delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        return ","


def _read_csv(path: Path, columns: Sequence[str]) -> Iterator[FileRow]:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise ImportFileError(
            f"Het bestand is groter dan {MAX_CSV_BYTES // (1024 * 1024)} MB; zo groot is geen "
            "importbestand van een regio. Er is niets geïmporteerd."
        )
    number = 0  # the last row read whole
    names: list[str] = []
    delimiter = ","
    with path.open("rb") as handle:
        lines = _Lines(handle)
        try:
            first = next(lines, "")
            delimiter = choose_delimiter(first, columns)
            handle.seek(0)
            lines = _Lines(handle)
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
            names = header_names(next(reader, []), columns)
            number = 1
            lines.pending.clear()
            for number, row in enumerate(reader, start=2):
                lines.pending.clear()
                if number > MAX_ROWS + 1:
                    raise too_many_rows()
                if any(cell.strip() for cell in row):
                    yield split_row(number, names, row)
                lines.pending.clear()
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"Rij {number + 1}: het CSV-bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'."
            ) from exc
        except _LineTooLong as exc:
            column = _column_label(names, _position("".join(lines.pending)[:MAX_LINE], delimiter))
            raise ImportFileError(
                f"Rij {number + 1}, kolom {column}: de regel is langer dan {thousands(MAX_LINE)} tekens; "
                "zo'n regel heeft een importbestand niet. Er is niets geïmporteerd."
            ) from exc
        except csv.Error as exc:
            column = _column_label(names, _position("".join(lines.pending), delimiter))
            raise ImportFileError(f"Rij {number + 1}, kolom {column}: {_csv_reason(exc)}") from exc


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return (
            f"de cel is groter dan {thousands(csv.field_size_limit())} tekens, de grens van een "
            "CSV-veld; een cel heeft er hoogstens {0}. Er is niets geïmporteerd."
        ).format(thousands(MAX_CELL))
    if "expected after" in text:
        return "na een afsluitend aanhalingsteken hoort een scheidingsteken; het bestand klopt hier niet."
    if "end of data" in text:
        return "een aanhalingsteken wordt nooit gesloten; de rest van het bestand zou in deze cel belanden."
    return "het CSV-bestand is hier niet te lezen."
