"""Issue 11 §4: every file RET Desk writes is the user's alone (mode 0600 on POSIX, with a
permissive umask so that the checks can fail), and side files (`*.deel`) never outlive
the next start."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from ret_desk.cli import main
from ret_desk.db import private_files
from ret_desk.domain.enums import Role
from ret_desk.services.admin import audit_export, audit_query
from ret_desk.services.context import open_workspace
from ret_desk.services.demo.demo_mode import open_demo_store
from tests.db.test_import_export import GOOD, second, write_csv
from tests.test_cli import PW

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask(tmp_path, monkeypatch):
    """0o022, the usual umask: a file created without care is 0644 and the checks fail.
    The side-file journal goes to the test's own data dir."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    store = tmp_path / "winkel" / "cli.sqlite"
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, stdin: str = PW + "\n" + PW + "\n") -> tuple[int, str, str]:
        import io

        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--db", f"sqlite:///{store}", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    run.store = store  # type: ignore[attr-defined]
    return run


def test_a_store_made_by_db_upgrade_is_private(cli):
    code, out, err = cli("db", "upgrade")
    assert code == 0, err
    assert mode(cli.store) == 0o600


def test_exports_backups_and_pdfs_from_the_command_line_are_private(cli, tmp_path):
    # Given a store made by the first account (the store file itself is private)
    assert cli("user", "add", "beheer", "--role", "admin")[0] == 0
    assert mode(cli.store) == 0o600
    assert cli("--user", "beheer", "user", "add", "anne", "--role", "coordinator")[0] == 0
    assert cli("--user", "beheer", "user", "add", "ineke", "--role", "chair")[0] == 0
    cases = write_csv(tmp_path / "in.csv", [GOOD, second()])
    assert cli("--user", "anne", "import", "cases", str(cases))[0] == 0
    # When the user exports, backs up and saves a PDF
    made = [tmp_path / "uit.csv", tmp_path / "uit.xlsx", tmp_path / "kopie" / "b.sqlite", tmp_path / "s.pdf"]
    assert cli("--user", "anne", "export", "cases", str(made[0]))[0] == 0
    assert cli("--user", "anne", "export", "cases", str(made[1]))[0] == 0
    assert cli("--user", "beheer", "db", "backup", str(made[2]))[0] == 0
    code, _, err = cli("--user", "anne", "report", "case-summary", "IMP-0001", "--out", str(made[3]))
    assert code == 0, err
    # Then every file is the user's alone, and no side file is left
    assert {p.name: mode(p) for p in made} == {p.name: 0o600 for p in made}
    assert mode(made[2].parent) == 0o700  # a folder the backup made
    assert not list(tmp_path.rglob("*.deel"))


def test_an_export_over_a_readable_file_makes_it_private(cli, tmp_path):
    assert cli("user", "add", "beheer", "--role", "admin")[0] == 0
    assert cli("--user", "beheer", "user", "add", "anne", "--role", "coordinator")[0] == 0
    out = tmp_path / "uit.csv"
    out.write_text("oud\n")
    out.chmod(0o644)
    assert cli("--user", "anne", "export", "cases", str(out))[0] == 0
    assert mode(out) == 0o600 and out.read_text().startswith("casusnummer")


def test_the_store_its_wal_and_shm_are_private_while_open(tmp_path):
    path = tmp_path / "nieuw" / "ret-desk.sqlite"
    door = open_workspace(f"sqlite:///{path}")  # the app's and the commands' opener
    try:
        from ret_desk.services.admin import accounts

        door.call_anonymous(accounts.create_account, actor=None, username="b", password=PW, role=Role.ADMIN)
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    finally:
        door.close()


def test_an_older_store_and_its_side_files_become_private_when_opened(tmp_path):
    # Given a store an older RET Desk left readable for everyone, with a WAL beside it
    path = tmp_path / "oud.sqlite"
    open_workspace(f"sqlite:///{path}").close()
    for p in (path, path.with_name("oud.sqlite-wal")):
        p.touch()
        p.chmod(0o644)
    # When it is opened, then the store and its WAL are private
    open_workspace(f"sqlite:///{path}").close()
    assert mode(path) == 0o600
    wal = path.with_name("oud.sqlite-wal")
    assert not wal.exists() or mode(wal) == 0o600


def test_the_backup_before_an_upgrade_is_private(tmp_path):
    path = tmp_path / "oud.sqlite"
    path.write_bytes((Path(__file__).parent / "db" / "stores" / "schema_0003.sqlite").read_bytes())
    path.chmod(0o600)
    door = open_workspace(f"sqlite:///{path}")
    try:
        backup = door.store.last_backup
        assert backup is not None and mode(backup) == 0o600
        with sqlite3.connect(backup) as copy:
            assert copy.execute("SELECT count(*) FROM ret_case").fetchone()[0] > 0
    finally:
        door.close()
    assert not list(tmp_path.glob("*.deel*"))


def test_the_audit_export_is_private(sqlite_store, actors, tmp_path):
    out = tmp_path / "logboek.csv"
    audit_export.export_csv(
        uow=sqlite_store.uow(), actor=actors[Role.AUDITOR], flt=audit_query.AuditFilter(), path=out
    )
    assert mode(out) == 0o600


def test_the_demo_store_is_private(tmp_path):
    store, _ = open_demo_store(tmp_path, youths=3)
    store.close()
    assert mode(tmp_path / "demo.sqlite") == 0o600


# -- side files ---------------------------------------------------------------------


def test_a_side_file_is_private_journaled_while_written_and_gone_after(tmp_path):
    target = tmp_path / "uit.csv"
    with private_files.side_file(target) as partial:
        assert partial.name == "uit.csv.deel" and mode(partial) == 0o600
        partial.write_text("x")
        # a start while the writer is at work leaves its side file alone
        assert private_files.remove_leftovers() == [] and partial.exists()
        assert len(list(private_files.journal_folder().iterdir())) == 1
    assert target.read_text() == "x" and mode(target) == 0o600
    assert not partial.exists() and list(private_files.journal_folder().iterdir()) == []


def test_a_failed_write_leaves_neither_side_file_nor_journal_entry(tmp_path):
    target = tmp_path / "uit.csv"
    with pytest.raises(RuntimeError), private_files.side_file(target) as partial:
        partial.write_text("half")
        raise RuntimeError("schijf vol")
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]
    assert list(private_files.journal_folder().iterdir()) == []


def test_a_side_file_left_without_a_journal_is_replaced(tmp_path):
    # (an older RET Desk, or a copy of the folder): nobody writes it, so it is taken over
    target = tmp_path / "uit.csv"
    stale = tmp_path / "uit.csv.deel"
    stale.write_text("oud")
    with private_files.side_file(target) as partial:
        assert partial.read_text() == "" and mode(partial) == 0o600
        partial.write_text("nieuw")
    assert target.read_text() == "nieuw" and not stale.exists()


def test_only_side_files_are_ever_removed_from_the_journal(tmp_path):
    # A journal entry that names something else (damaged, or planted) removes nothing
    folder = private_files.journal_folder()
    folder.mkdir(parents=True)
    precious = tmp_path / "ret-desk.sqlite"
    precious.write_text("opslag")
    (folder / "planted.side").write_text(str(precious))
    assert private_files.remove_leftovers() == []
    assert precious.exists() and not (folder / "planted.side").exists()


def test_an_unwritable_journal_never_stops_an_export(tmp_path, monkeypatch):
    # A profile where the journal cannot be made (here: a file where its folder should be)
    blocked = tmp_path / "geen-map"
    blocked.write_text("")
    monkeypatch.setattr(private_files, "journal_folder", lambda: blocked / "side-files")
    target = tmp_path / "uit.csv"
    with private_files.side_file(target) as partial:
        partial.write_text("x")
    assert target.read_text() == "x" and mode(target) == 0o600


def test_a_second_writer_to_the_same_file_is_refused_while_the_first_writes(tmp_path):
    from ret_desk.domain.errors import RetDeskError

    target = tmp_path / "uit.csv"
    with private_files.side_file(target) as partial:
        partial.write_text("eerste")
        refused = pytest.raises(RetDeskError, match="Er wordt al naar uit.csv geschreven")
        with refused, private_files.side_file(target):
            pass
        assert partial.read_text() == "eerste"
    assert target.read_text() == "eerste"
