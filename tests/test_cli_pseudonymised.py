"""End to end (issue 12 §1): from a real store file and real logins, through the real CLI
(`ret-desk report case-summary|agenda|pack`), to the PDF text a chair reads: the youth's
names (also as typed in free text: diminutive, no accent, initials), BSN, birth date and the
other agenda youth's names are gone; the help question's content and the municipality stay."""

from __future__ import annotations

import re

from pypdf import PdfReader

from tests.db.test_import_export import GOOD, second, write_csv
from tests.test_cli import cli, with_table, with_users  # noqa: F401  (the CLI fixtures)

QUESTION = (
    "Fennaatje (FvD, geb. 14 februari 2011, BSN 9999. 90. 019) loopt vast; vader woont in Emmen "
    "en belt 06-12345678. Haar vriendin Sanne Hoekstra (ook op de agenda) en broer Fenna's neef. "
    "Mentor vraagt om een plek met onderwijs dichtbij."
)


def _text(path) -> str:  # noqa: ANN001
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_pseudonymised_documents_from_the_cli_leak_no_identity(with_table, tmp_path):  # noqa: F811
    cli = with_table  # noqa: F811
    rows = [
        dict(GOOD, route="experttafel", achternaam="van Dijk", voornaam="Fenna", hulpvraag=QUESTION),
        second(
            route="experttafel", voornaam="Sanne", bsn="999900018", hulpvraag="Sanne zoekt een gezinshuis."
        ),
    ]
    assert cli("--user", "anne", "import", "cases", str(write_csv(tmp_path / "in.csv", rows)))[0] == 0
    code, _, err = cli(
        "--user", "ineke", "session", "add", "--date", "2026-12-07", "--time", "9:30",
        "--chair", "Ineke Veen",
    )  # fmt: skip
    assert code == 0, err
    for number in ("IMP-0001", "IMP-0002"):
        code, _, err = cli(
            "--user", "ineke", "session", "agenda", "1", "add", number,
            "--question", "Wat past bij Fenna en Sanne Hoekstra? Geboren 14-02-2011.",
        )  # fmt: skip
        assert code == 0, err
    texts = {}
    for args in (
        ["case-summary", "IMP-0001", "--pseudonymised", "--session", "1"],
        ["agenda", "1"],
        ["pack", "1", "--pseudonymised"],
    ):
        out_file = tmp_path / f"{args[0]}.pdf"
        code, _, err = cli("--user", "ineke", "report", *args, "--out", str(out_file))
        assert code == 0, err
        texts[args[0]] = _text(out_file)
    summary, pack = texts["case-summary"], texts["pack"]
    assert "IMP-0001" in summary and "loopt vast" in summary and "vader woont in Emmen" in summary
    assert "Emmen" in summary and "plek met onderwijs dichtbij" in pack
    for name, text in texts.items():
        for gone in (
            "Fenna",
            "Dijk",
            "Sanne",
            "Hoekstra",
            "FvD",
            "14 februari 2011",
            "14-02-2011",
            "06-12345678",
        ):
            assert not re.search(rf"(?<!\w){re.escape(gone)}", text), (name, gone)
        assert "999990019" not in re.sub(r"\D", "", text) and "999900018" not in re.sub(r"\D", "", text)
