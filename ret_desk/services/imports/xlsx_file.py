"""Reading the first sheet of an .xlsx import file safely (for services.imports.table_files).

Before openpyxl reads a byte, the zip is checked: it is a zip at all, it holds at most
MAX_MEMBERS parts, it unpacks to at most MAX_UNPACKED bytes (the sum of every part's
declared size: Python's zipfile never unpacks more than a part declares), no part
unpacks more than MAX_RATIO times its packed size (a zip bomb), and no XML part starts
with a DTD or an entity (what Excel never writes; billion laughs and external entities
need one). openpyxl then parses through defusedxml (openpyxl.DEFUSEDXML), which refuses
entities further in. The sheet's declared size is checked against MAX_ROWS before the
rows are read, and the rows and cells read are counted while reading, because a
declared size can lie. Every failure is one ImportFileError in Dutch.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from ret_desk.services.imports.table_files import (
    MAX_ROWS,
    FileRow,
    ImportFileError,
    header_names,
    split_row,
    thousands,
    too_many_rows,
)

#: Parts an .xlsx may hold; Excel writes about 10 to 20 for one sheet.
MAX_MEMBERS = 1_000
#: Bytes the parts may unpack to together: 100,000 cases come to about 200 MB of XML.
MAX_UNPACKED = 512 * 1024 * 1024
#: How many times its packed size a part may unpack to (parts above 1 MB); real sheets
#: pack about 5 to 20 times, a zip bomb about 1,000 times.
MAX_RATIO = 200
#: Cells read in all (the gaps openpyxl fills in counted): 40 per row at the row cap.
MAX_CELLS = MAX_ROWS * 40
_MB = 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOTHING = "Er is niets geïmporteerd."


def _damaged(where: str = "") -> ImportFileError:
    return ImportFileError(
        f"{where}Het Excel-bestand is beschadigd of geen echt .xlsx-bestand en is niet gelezen. "
        f"Sla het in Excel opnieuw op als .xlsx. {_NOTHING}"
    )


def _dtd(part: str) -> ImportFileError:
    return ImportFileError(
        f"Het Excel-bestand bevat een DTD of entiteiten (<!DOCTYPE>/<!ENTITY>) in {part}. Excel "
        "schrijft die nooit; zo'n bestand kan een aanval zijn (entity-expansie, externe "
        f"entiteit) en is niet gelezen. {_NOTHING}"
    )


def check_zip(path: Path) -> None:
    """Refuse what is not a zip, a zip bomb, or XML with a DTD, before anything is parsed."""
    with path.open("rb") as handle:
        if handle.read(8) == _OLE2:
            raise ImportFileError(
                "Dit is een oud (.xls) of met een wachtwoord beveiligd Excel-bestand. Sla het op "
                f"als .xlsx zonder wachtwoord. {_NOTHING}"
            )
    # zipfile's failures on hostile bytes are many (BadZipFile, zlib.error, EOFError,
    # NotImplementedError, RuntimeError for an encrypted part, ...): each means "unreadable".
    try:
        archive = zipfile.ZipFile(path)
    except Exception as exc:  # noqa: BLE001 (see above)
        raise ImportFileError(
            f"Dit is geen Excel-bestand: een .xlsx is een zip-archief en dit bestand is dat niet. {_NOTHING}"
        ) from exc
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_MEMBERS:
            raise ImportFileError(
                f"Het Excel-bestand bevat {thousands(len(parts))} onderdelen; een werkmap heeft er "
                f"hoogstens {thousands(MAX_MEMBERS)}. Het is niet gelezen. {_NOTHING}"
            )
        unpacked = sum(part.file_size for part in parts)
        if unpacked > MAX_UNPACKED:
            raise ImportFileError(
                f"Het Excel-bestand pakt uit tot {thousands(unpacked // _MB)} MB; de grens is "
                f"{MAX_UNPACKED // _MB} MB (100.000 casussen komen op ongeveer 200 MB). Het is niet "
                f"gelezen (een zip-bom?). {_NOTHING}"
            )
        for part in parts:
            if part.file_size > _MB and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                raise ImportFileError(
                    f"Het onderdeel {part.filename} van het Excel-bestand pakt meer dan {MAX_RATIO} keer "
                    f"zo groot uit; zo pakt geen werkblad in. Het is niet gelezen (een zip-bom?). {_NOTHING}"
                )
            if part.filename.lower().endswith((".xml", ".rels", ".vml")) and _declares_dtd(archive, part):
                raise _dtd(part.filename)


def _declares_dtd(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(part) as member:
            start = member.read(4096)
    except Exception as exc:  # noqa: BLE001 (see check_zip)
        raise _damaged() from exc
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        start = start.decode("utf-16", "replace").encode("utf-8", "replace")
    start = start.upper()
    return b"<!DOCTYPE" in start or b"<!ENTITY" in start


def _refused_xml(exc: BaseException | None) -> bool:
    """defusedxml refused the XML (openpyxl re-raises it as a plain ValueError, its cause)."""
    from defusedxml import DefusedXmlException

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DefusedXmlException):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def read_xlsx(path: Path, columns: Sequence[str]) -> Iterator[FileRow]:
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    check_zip(path)
    if not DEFUSEDXML:  # the install is broken: never parse XML unguarded
        raise ImportFileError(
            "Excel-bestanden lezen vraagt het pakket defusedxml; installeer RET Desk opnieuw."
        )
    number = 0  # the last row read whole
    # openpyxl's failures on a hostile file are many and undocumented (KeyError,
    # TypeError, ParseError, ...): every one of them means "this file cannot be read".
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's English warnings stay off the screen
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 (see above)
        raise (_dtd("het werkboek") if _refused_xml(exc) else _damaged()) from exc
    try:
        if not book.worksheets:
            raise ImportFileError(f"Het Excel-bestand heeft geen werkblad. {_NOTHING}")
        sheet = book.worksheets[0]
        if getattr(sheet, "sheet_state", "visible") != "visible":
            # Excel shows another sheet: what would be imported is not what the user checked
            raise ImportFileError(
                f"Het eerste werkblad ('{sheet.title[:31]}') is verborgen; RET Desk leest het eerste "
                f"werkblad, en dat ziet u in Excel niet. Maak het zichtbaar of verwijder het. {_NOTHING}"
            )
        if (sheet.max_row or 0) > MAX_ROWS + 1:  # the declared size, before any row is read
            raise too_many_rows()
        sheet.reset_dimensions()  # a declared size that is too small would drop rows silently
        cells = 0
        rows = sheet.iter_rows(values_only=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            names = header_names(next(rows, ()), columns)
            number = 1
            for number, row in enumerate(rows, start=2):
                cells += len(row)
                if number > MAX_ROWS + 1:
                    raise too_many_rows()
                if cells > MAX_CELLS:
                    raise ImportFileError(
                        f"Rij {number}: het werkblad heeft meer dan {thousands(MAX_CELLS)} cellen; zoveel "
                        f"heeft geen importbestand van een regio. {_NOTHING}"
                    )
                if any(cell not in (None, "") for cell in row):
                    yield split_row(number, names, row)
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 (see above)
        raise (_dtd("het werkblad") if _refused_xml(exc) else _damaged(f"Rij {number + 1}: ")) from exc
    finally:
        book.close()
