"""The safe reader of import files (services.imports.table_files, xlsx_file, row_guard):
the delimiter from the header row, the caps, a sheet whose declared size lies, and the
checks every row passes. The hostile corpus (tests/test_hostile_imports.py) runs the
same code through every importer; these pin the details."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ret_desk.db.models import Youth
from ret_desk.services.cases.importer import CaseRows
from ret_desk.services.imports import table_files, xlsx_file
from ret_desk.services.imports.row_guard import Limit, limits_of, row_errors
from ret_desk.services.imports.table_files import FileRow, ImportFileError, choose_delimiter, read_rows

COLUMNS = ("agb", "naam")


def rows_of(path: Path, columns=COLUMNS) -> list[FileRow]:  # noqa: ANN001
    return list(read_rows(path, columns))


def test_defusedxml_guards_openpyxl():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def test_without_defusedxml_no_xlsx_is_parsed(tmp_path, monkeypatch):
    import openpyxl.xml

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    path = tmp_path / "p.xlsx"
    path.write_bytes(_sheet("A1:B2", 1))
    with pytest.raises(ImportFileError, match="defusedxml"):
        rows_of(path)


def test_the_delimiter_comes_from_the_header_not_from_counting_commas(tmp_path):
    # Given: a semicolon file whose first 4 KB hold far more commas than semicolons
    names = ", ".join(["Jansen"] * 20)
    path = tmp_path / "p.csv"
    path.write_text("agb;naam\n" + "".join(f"1100000{i};{names}\n" for i in range(1, 9)), encoding="utf-8")
    # Then: every row has its name whole
    assert [r.values for r in rows_of(path)][0] == {"agb": "11000001", "naam": names}


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_is_known_from_the_column_names(delimiter):
    assert choose_delimiter(delimiter.join(["naam", "agb", "x,y;z"]) + "\n", COLUMNS) == delimiter


def test_a_header_without_known_names_falls_back_on_the_sniffer_then_a_comma():
    assert choose_delimiter("a;b;c\n", COLUMNS) == ";"
    assert choose_delimiter("abc\n", COLUMNS) == ","


def test_trailing_empty_cells_are_no_extra_cells_but_a_filled_one_is(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("agb,naam\n11000001,Een,,\n11000002,Twee,,x\n", encoding="utf-8")
    first, second = rows_of(path)
    assert first.extra == [] and second.extra == [(4, "x")]
    assert [str(e) for e in row_errors(second, {})] == [
        "rij 3, kolom 4 (buiten de kop): Deze cel is gevuld, maar rij 1 geeft de kolom geen naam; een cel "
        "wordt niet stil weggelaten. Haal de cel weg of zet haar in de goede kolom."
    ]


def test_the_row_cap_stops_a_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(table_files, "MAX_ROWS", 3)
    path = tmp_path / "p.csv"
    path.write_text("agb,naam\n" + "\n" * 10, encoding="utf-8")
    with pytest.raises(ImportFileError, match="meer dan 3 rijen"):
        rows_of(path)


def test_the_line_cap_names_row_and_column(tmp_path, monkeypatch):
    monkeypatch.setattr(table_files, "MAX_LINE", 100)
    path = tmp_path / "p.csv"
    path.write_text("agb,naam\n1,Een\n2," + "x" * 200 + "\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        rows_of(path)
    assert caught.value.message.startswith("Rij 3, kolom naam: de regel is langer dan 100 tekens")


def test_a_csv_over_the_size_cap_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(table_files, "MAX_CSV_BYTES", 10)
    path = tmp_path / "p.csv"
    path.write_text("agb,naam\n1,Een\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="groter dan 0 MB"):
        rows_of(path)


def _sheet(dimension: str, rows: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for i in range(rows):
        sheet.append([f"1100000{i}", f"Naam {i}"])
    out = io.BytesIO()
    book.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, found = re.subn(
                    rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{dimension}"/>'.encode(), data
                )
                assert found == 1
            target.writestr(info, data)
    return patched.getvalue()


def test_a_sheet_that_declares_too_few_rows_is_read_whole(tmp_path):
    # A size that lies low would make openpyxl stop early: rows dropped without a word
    path = tmp_path / "p.xlsx"
    path.write_bytes(_sheet("A1:B1", 3))
    assert [r.values["naam"] for r in rows_of(path)] == ["Naam 0", "Naam 1", "Naam 2"]


def test_a_sheet_that_declares_too_many_rows_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "p.xlsx"
    path.write_bytes(_sheet("A1:B300000", 3))
    with pytest.raises(ImportFileError, match="250.000 rijen"):
        rows_of(path)


def test_the_cell_cap_stops_a_sheet_of_wide_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_file, "MAX_CELLS", 5)
    path = tmp_path / "p.xlsx"
    path.write_bytes(_sheet("A1:B4", 3))
    with pytest.raises(ImportFileError, match="Rij 4: het werkblad heeft meer dan 5 cellen"):
        rows_of(path)


def test_lengths_come_from_the_model():
    limits = limits_of(CaseRows.text_columns)
    assert limits["achternaam"] == Limit(Youth.family_name.property.columns[0].type.length)
    assert limits["hulpvraag"] == Limit(32_767, multiline=True)
    # The importer's other columns (dates, numbers, choices) are short
    assert limits_of(CaseRows.text_columns, parsed=CaseRows.columns)["geboortedatum"] == Limit(200)


def test_a_line_break_belongs_in_a_long_text_only():
    limits = {"naam": Limit(100), "toelichting": Limit(32_767, multiline=True)}
    row = FileRow(2, {"naam": "Een\nTwee", "toelichting": "Een\nTwee\tdrie"})
    assert [(e.column, e.reason[:30]) for e in row_errors(row, limits)] == [
        ("naam", "Bevat een stuurteken (U+000A, ")
    ]


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp")), max_size=50
    )
)
def test_ordinary_text_passes(value):
    assert row_errors(FileRow(2, {"naam": value}), {"naam": Limit(100)}) == []


# The invisible ones too (zero-width space, soft hyphen, a BOM inside the text, private
# use, a noncharacter): "Oost\u200bing" would otherwise be another youth than "Oosting".
@given(
    st.text(max_size=20),
    st.sampled_from(
        [
            "\x00",
            "\x1b",
            "\x7f",
            "\x85",
            "\u202e",
            "\u2028",
            "\ud800",
            "\u200b",
            "\u00ad",
            "\ufeff",
            "\ue000",
            "\uffff",
        ]
    ),
)
def test_any_control_character_is_refused(value, char):
    errors = row_errors(FileRow(2, {"naam": value + char}), {"naam": Limit(100)})
    assert len(errors) == 1 and "stuurteken" in errors[0].reason


@pytest.mark.parametrize("name", ["cases/too_long_casusnummer.xlsx", "cases/extra_cell.csv"])
def test_damaged_bytes_give_rows_or_a_dutch_refusal_never_a_crash(tmp_path, name):
    # Given: a corpus file with random bytes overwritten, and sometimes cut off (seeded)
    source = (Path(__file__).parents[1] / "data" / "hostile" / name).read_bytes()
    rng = random.Random(11)
    path = tmp_path / Path(name).name
    for _ in range(150):
        data = bytearray(source)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data[: rng.randrange(len(data))] if rng.random() < 0.2 else data))
        # When: it is read; Then: rows, or one ImportFileError, and every row can be checked
        try:
            rows = list(read_rows(path, CaseRows.columns))
        except ImportFileError as exc:
            assert exc.message and "Error" not in exc.message
            continue
        for row in rows:
            row_errors(row, limits_of(CaseRows.text_columns))


def test_a_hidden_first_sheet_is_refused_not_read(tmp_path):
    # Given: a workbook whose first sheet is very hidden, and Excel shows the second
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title, hidden.sheet_state = "Leeg", "veryHidden"
    hidden.append(["agb", "naam"])
    hidden.append(["11000001", "VERBORGEN"])
    shown = book.create_sheet("Blad1")
    shown.append(["agb", "naam"])
    shown.append(["11000002", "Dijkstra"])
    book.active = 1
    path = tmp_path / "p.xlsx"
    book.save(path)
    # Then: nothing is read, and the user is told why
    with pytest.raises(ImportFileError, match="eerste werkblad .*'Leeg'.* is verborgen"):
        rows_of(path)
