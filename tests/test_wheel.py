"""A wheel carries migrations/ and resources/, so a non-editable install can create and
upgrade a store."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (found,) = out.glob("ret_desk-*.whl")
    return found


@pytest.mark.slow
def test_wheel_contains_migrations_and_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ret_desk/migrations/env.py" in names
    assert "ret_desk/migrations/script.py.mako" in names
    assert any(n.startswith("ret_desk/migrations/versions/0001_") for n in names)
    assert "ret_desk/resources/region/drenthe.json" in names
    assert "ret_desk/resources/style.qss" in names
    assert "ret_desk/resources/passwords_nl.txt" in names  # the Dutch list of the password rules


@pytest.mark.slow
def test_installed_wheel_creates_a_store(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(target), RET_DESK_PASSWORD="wachtwoord-voor-de-test")
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    code = (
        "import ret_desk, sys; from ret_desk.cli import main; "
        f"assert ret_desk.__file__.startswith({str(target)!r}), ret_desk.__file__; "
        f"sys.exit(main(['--db', {db!r}, 'user', 'add', 'beheer', '--role', 'admin']) or "
        f"main(['--db', {db!r}, '--user', 'beheer', 'db', 'current']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input="wachtwoord-voor-de-test\n" * 2, capture_output=True, text=True,
        env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "actueel" in result.stdout
