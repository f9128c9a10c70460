"""Issue 11 §2: no hostile file crashes an import or slips through.

Every file of the corpus (tests/data/hostile, built by its build_corpus.py) goes through
the importer it targets, and every generic file through all three, by the command line
in-process (`ret-desk import cases|locations|requests FILE`), on a real SQLite store that
already holds cases and locations. Each run: no traceback, a Dutch message that names
what the manifest says (row, column, the hostile thing), and not one row more or less in
any table (the audit log aside: reading is audited). A few files also go through the real
`ret-desk` program.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, table

from ret_desk.cli import main
from ret_desk.domain.errors import RetDeskError
from ret_desk.services.cases import importer as importer_module
from ret_desk.services.context import open_workspace
from ret_desk.services.placement import location_import, placement_requests
from tests.support.rop import write_locations

CORPUS = Path(__file__).parent / "data" / "hostile"
MANIFEST: dict[str, dict] = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
IMPORTERS = {"cases": "anne", "locations": "piet", "requests": "piet"}
PW = "een-lang-wachtwoord"
#: Words of an English exception text (csv.Error, ParseError, BadZipFile, ...)
ENGLISH = re.compile(
    r"\b(traceback|error|exception|invalid|expected|unexpected|cannot|could not|not well-formed|"
    r"field larger|line contains|the|is not|no such|file)\b",
    re.IGNORECASE,
)
DUTCH = re.compile(r"\b(rij|het|de|een|geen|niet|bestand|kolom)\b", re.IGNORECASE)
NOT_COUNTED = {"audit_event", "audit_chain_head"}  # reading a file is audited; nothing else


def pairs() -> list[tuple[str, str]]:
    found = []
    for name, entry in sorted(MANIFEST.items()):
        targets = IMPORTERS if entry["importer"] == "all" else [entry["importer"]]
        found += [(name, importer) for importer in targets]
    return found


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A store with accounts, two cases and the test locations; runs the CLI in-process."""
    folder = tmp_path_factory.mktemp("hostile")
    url = f"sqlite:///{folder / 'desk.sqlite'}"
    with pytest.MonkeyPatch.context() as patch:
        from argon2 import PasswordHasher

        from ret_desk.services.admin import accounts

        patch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        patch.setenv("RET_DESK_PASSWORD", PW)

        def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
            out, err = io.StringIO(), io.StringIO()
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["--db", url, *args])
            return code, out.getvalue(), err.getvalue()

        assert run("user", "add", "beheer", "--role", "admin", stdin=PW + "\n" + PW + "\n")[0] == 0
        for name, role in (("anne", "coordinator"), ("piet", "placement_officer")):
            assert (
                run("--user", "beheer", "user", "add", name, "--role", role, stdin=PW + "\n" + PW + "\n")[0]
                == 0
            )
        from tests.db.test_import_export import GOOD, second, write_csv

        code, _, err = run(
            "--user", "anne", "import", "cases", str(write_csv(folder / "c.csv", [GOOD, second()]))
        )
        assert code == 0, err
        code, _, err = run("--user", "piet", "import", "locations", str(write_locations(folder / "l.csv")))
        assert code == 0, err
        engine = create_engine(url)
        workspaces = {}
        for name in ("anne", "piet"):
            workspace = open_workspace(url)
            workspaces[name] = workspace.logged_in(workspace.authenticate(name, PW))
        yield run, workspaces, engine, counts(engine)
        for workspace in workspaces.values():
            workspace.store.close()
        engine.dispose()


def counts(engine) -> dict[str, int]:  # noqa: ANN001
    with engine.connect() as connection:
        names = [n for n in inspect(connection).get_table_names() if n not in NOT_COUNTED]
        return {n: connection.execute(select(func.count()).select_from(table(n))).scalar_one() for n in names}


def assert_dutch_refusal(err: str, expect: list[str]) -> None:
    assert err.strip(), "no message at all"
    assert "Traceback" not in err
    assert DUTCH.search(err), err[:300]
    english = ENGLISH.search(err)
    assert english is None, f"English text {english.group(0)!r} in: {err[:300]}"
    for words in expect:
        assert words.lower() in err.lower(), f"{words!r} not in: {err[:400]}"


def skipping_invalid(workspace, importer: str, path: Path) -> tuple[str, int]:  # noqa: ANN001
    """The service the command calls, told to skip invalid rows: (what the user reads, rows written)."""
    service = {
        "cases": importer_module.import_cases,
        "locations": location_import.import_locations,
        "requests": placement_requests.import_requests,
    }[importer]
    try:
        report = workspace.call(service, path=path, skip_invalid=True)
    except RetDeskError as exc:
        return f"Fout: {exc.message}", 0
    return "".join(f"Fout in {error}\n" for error in report.errors), report.written


@pytest.mark.parametrize(("name", "importer"), pairs(), ids=[f"{i}:{n}" for n, i in pairs()])
def test_every_hostile_file_is_refused_in_dutch_and_writes_nothing(desk, name, importer):
    run, workspaces, engine, before = desk
    expect, user = MANIFEST[name]["expect"], IMPORTERS[importer]
    # When: the command imports the file
    code, out, err = run("--user", user, "import", importer, str(CORPUS / name))
    # Then: exit 1 and a Dutch refusal naming the row, column and what is wrong
    assert code == 1, (out, err[:300])
    assert_dutch_refusal(err, expect)
    # And when the importer is told to skip invalid rows, the hostile row is still refused
    said, written = skipping_invalid(workspaces[user], importer, CORPUS / name)
    assert_dutch_refusal(said, expect)
    # Then: not one row written, either way
    assert written == 0
    assert counts(engine) == before


def test_the_corpus_covers_every_kind_for_every_importer():
    names = set(MANIFEST)
    assert len(names) >= 100
    for importer in ("cases", "locations", "requests"):
        mine = {n.split("/", 1)[1] for n in names if n.startswith(f"{importer}/")}
        for kind in (
            "field_limit_",
            "control_nul_",
            "control_escape_",
            "too_long_",
            "extra_cell",
            "laughs_",
            "xxe_",
        ):
            assert any(n.startswith(kind) for n in mine), (importer, kind)
        assert any(n.endswith(".xlsx") and n.startswith("control_") for n in mine), importer
    generic = {n.split("/", 1)[1] for n in names if n.startswith("generic/")}
    assert {"empty.xlsx", "not_a_zip.xlsx", "zip_bomb_ratio.xlsx", "zip_bomb_declared.xlsx"} <= generic
    assert {n for n in names if "municipality_" in n} >= {
        "cases/municipality_unknown_code.csv",
        "locations/municipality_unknown_code.csv",
    }
    assert all(p.stat().st_size < 200_000 for p in CORPUS.rglob("*") if p.is_file())  # bombs stay small


@pytest.mark.parametrize(
    ("importer", "name"),
    [("cases", "generic/zip_bomb_ratio.xlsx"), ("locations", "locations/control_nul_locatie.csv")],
)
def test_the_real_program_refuses_a_hostile_file_in_dutch(tmp_path, importer, name):
    # Given: a store with a user, through the installed `ret-desk` program
    env = {**os.environ, "RET_DESK_PASSWORD": PW}
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    user, role = ("anne", "coordinator") if importer == "cases" else ("piet", "placement_officer")
    program = [sys.executable, "-m", "ret_desk", "--db", url]
    for who, what, login in (("beheer", "admin", []), (user, role, ["--user", "beheer"])):
        command = [*program, *login, "user", "add", who, "--role", what]
        subprocess.run(
            command, input=PW + "\n" + PW + "\n", env=env, text=True, check=True, capture_output=True
        )
    # When: it imports the hostile file
    done = subprocess.run([*program, "--user", user, "import", importer, str(CORPUS / name)],
                          env=env, text=True, capture_output=True, timeout=120)  # fmt: skip
    # Then: exit 1, a Dutch message on stderr, no traceback
    assert done.returncode == 1, done.stderr
    assert_dutch_refusal(done.stderr, MANIFEST[name]["expect"])
