"""Reading an import file safely (step 1 of services.imports.pipeline): a CSV (comma or
semicolon, UTF-8) or the first sheet of an XLSX, as (row number as the user sees it,
values by lower-cased header). A file that cannot be read is one ImportFileError."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from ret_desk.domain.errors import RetDeskError


class ImportFileError(RetDeskError):
    """The file itself cannot be read (missing, wrong type, header wrong)."""


def read_rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number as the user sees it, values by lower-cased header); header is row 1."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise ImportFileError(f"Het bestand {path} bestaat niet.")
    if suffix == ".csv":
        yield from _read_csv(path, columns)
    elif suffix == ".xlsx":
        yield from _read_xlsx(path, columns)
    else:
        raise ImportFileError("Importeer een .csv- of .xlsx-bestand.")


def _check_header(header: list[str], columns: Sequence[str]) -> list[str]:
    names = [h.strip().lower() for h in header]
    missing = [c for c in columns if c not in names]
    if missing:
        raise ImportFileError(f"Rij 1 mist de kolom(men): {', '.join(missing)}.")
    return names


def _read_csv(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
            reader = csv.reader(handle, delimiter=delimiter)
            header = _check_header(next(reader, []), columns)
            for number, row in enumerate(reader, start=2):
                if any(cell.strip() for cell in row):
                    yield number, dict(zip(header, row, strict=False))
    except UnicodeDecodeError as exc:
        raise ImportFileError("Het CSV-bestand is geen UTF-8-tekst.") from exc
    except csv.Error as exc:
        raise ImportFileError(f"Het CSV-bestand is niet te lezen: {exc}") from exc


def _read_xlsx(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportFileError(f"Het Excel-bestand is niet te lezen: {exc}") from exc
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = _check_header([str(h or "") for h in next(rows, ())], columns)
        for number, row in enumerate(rows, start=2):
            if any(cell not in (None, "") for cell in row):
                yield number, dict(zip(header, row, strict=False))
    finally:
        book.close()
