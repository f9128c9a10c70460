"""Qt fixtures: a store with accounts, a logged-in workspace, throwaway window settings."""

from __future__ import annotations

import copy
import shutil
from dataclasses import fields, replace
from importlib.resources import files
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ret_desk.db.engine import sqlite_path
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.services.admin import reference
from ret_desk.services.context import Workspace
from ret_desk.ui.accessibility import install_polisher
from ret_desk.ui.gc_guard import GarbageCollector
from ret_desk.ui.i18n import install_dutch
from ret_desk.ui.ops import Op
from tests.conftest import make_actors
from tests.ui.windows import DIALOGS, main_window

WINDOW_WAIT = 10_000


@pytest.fixture(scope="session", autouse=True)
def collect_garbage_on_the_gui_thread(qapp):
    """As the app does (ui/gc_guard.py): no cycle collection on worker threads."""
    guard = GarbageCollector(qapp)
    yield
    guard.stop()


@pytest.fixture(scope="session", autouse=True)
def dutch_and_polished(qapp):
    """As RetDeskApp does: its style sheet, Qt in Dutch, and every window polished
    (ui/accessibility.py), so that sizes and texts are what the user sees."""
    qapp.setStyleSheet(files("ret_desk.resources").joinpath("style.qss").read_text("utf-8"))
    translators = install_dutch(qapp)
    polisher = install_polisher(qapp)
    yield translators
    polisher.deleteLater()


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory):
    """`open_desk` once per run (demo data, sittings, capacity, requests: seconds of work);
    each module's `filled_desk` is a copy of it."""
    from tests.ui.windows import open_desk

    desk = open_desk(tmp_path_factory.mktemp("desk-template"))
    desk.store.close()
    return desk


@pytest.fixture(scope="module")
def filled_desk(tmp_path_factory, desk_template):
    """A filled store and the data every dialog is built from (tests/ui/windows.py): the
    module's own copy of the store `open_desk` made, and its own copy of that data."""
    desk = _copy_desk(desk_template, tmp_path_factory.mktemp("desk"))
    yield desk
    desk.store.close()


def _copy_desk(template, folder):
    source = sqlite_path(template.store.url)
    assert source is not None and not Path(f"{source}-wal").exists()
    target = folder / source.name
    shutil.copyfile(source, target)
    data = {f.name: copy.deepcopy(getattr(template, f.name)) for f in fields(template) if f.name != "store"}
    store = Store.open(f"sqlite:///{target.as_posix()}")
    store.last_upgrade, store.upgrade_notes = template.store.last_upgrade, dict(template.store.upgrade_notes)
    return replace(template, store=store, **data)


@pytest.fixture
def actors_sqlite(sqlite_store):
    return make_actors(sqlite_store)


@pytest.fixture
def workspace(sqlite_store, actors_sqlite) -> Workspace:
    return Workspace(sqlite_store, actors_sqlite[Role.COORDINATOR])


@pytest.fixture
def municipalities(sqlite_store):
    return reference.municipalities(uow=sqlite_store.uow())


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_work_left_running(qtbot):
    """Each test ends with its background work finished, so none leaks into the next."""
    yield
    from ret_desk.ui.ops import Op

    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=10_000)


# -- every dialog and every role's main window (tests/ui/windows.py), shown and polished --


@pytest.fixture(params=sorted(DIALOGS))
def dialog(request, qtbot, filled_desk):
    shown = DIALOGS[request.param](filled_desk)
    qtbot.addWidget(shown)
    with qtbot.waitActive(shown, timeout=WINDOW_WAIT):
        shown.open()
    qtbot.waitUntil(lambda: bool(shown.property("retDeskPolished")), timeout=WINDOW_WAIT)
    yield shown
    shown.close()


@pytest.fixture(params=list(Role), ids=lambda r: r.value)
def window(request, qtbot, filled_desk, settings):
    shown = main_window(filled_desk, request.param, settings)
    qtbot.addWidget(shown)
    with qtbot.waitActive(shown, timeout=WINDOW_WAIT):
        shown.show()
    shown.start()
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WINDOW_WAIT)
    yield shown
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WINDOW_WAIT)
