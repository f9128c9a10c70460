"""House-plan checks (ARCHITECTURE.md): import rules between layers, and small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ret_desk"
MAX_LINES = 400


def modules(layer: str = "") -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def offending(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in modules(layer)
        for name in sorted(imports_of(path))
        if name.split(".")[0] in forbidden or any(name.startswith(f + ".") or name == f for f in forbidden)
    ]


def test_domain_imports_nothing_of_ours_nor_qt_sqlalchemy_reportlab():
    bad = [
        hit
        for hit in offending("domain", ("PySide6", "sqlalchemy", "reportlab", "ret_desk"))
        if not hit.split(": ")[1].startswith("ret_desk.domain")
    ]
    assert bad == []


def test_db_imports_only_domain_of_ours():
    assert (
        offending("db", ("ret_desk.services", "ret_desk.ui", "ret_desk.reports", "ret_desk.cli", "PySide6"))
        == []
    )


def test_services_never_import_ui_or_qt():
    assert offending("services", ("ret_desk.ui", "ret_desk.cli", "PySide6")) == []


def test_ui_never_touches_the_db_layer_or_sessions():
    assert offending("ui", ("ret_desk.db", "sqlalchemy")) == []


def test_cli_talks_only_to_services():
    clis = sorted((PACKAGE / "cli").glob("*.py"))
    assert len(clis) >= 4
    for path in clis:
        names = imports_of(path)
        assert not any(n.startswith(("sqlalchemy", "ret_desk.db", "PySide6")) for n in names), path.name


def test_reports_know_nothing_of_qt_the_store_or_the_services():
    assert (
        offending("reports", ("PySide6", "sqlalchemy", "ret_desk.db", "ret_desk.services", "ret_desk.ui"))
        == []
    )


def test_qt_appears_only_under_ui():
    outside = [p for p in modules() if "ui" not in p.relative_to(PACKAGE).parts]
    assert [str(p) for p in outside if any(n.startswith("PySide6") for n in imports_of(p))] == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small_and_say_what_they_are_for(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES
    if text.strip() and path.name != "__main__.py":
        assert ast.get_docstring(ast.parse(text)), f"{path.name} has no module docstring"
