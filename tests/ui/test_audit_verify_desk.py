"""The Logboek workspace's "Logboek controleren", driven as an auditor would: an intact
log says so; after an event is edited in plain SQL it names the broken event in red."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import Role
from ret_desk.services.context import Workspace
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op

WAIT = 30_000


def test_the_auditor_checks_the_log_and_sees_a_tampered_event(
    qtbot, sqlite_store, actors_sqlite, municipalities, settings
):
    # Given the auditor's window on the Logboek
    window = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.AUDITOR]), municipalities, settings)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    window.start()
    log = window.audit
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    # When they click "Logboek controleren"
    qtbot.mouseClick(log.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: log.verify_result.isVisible() and log.verify_button.isEnabled(), timeout=WAIT)
    # Then the log is intact, and the check is itself in the log
    assert log.verify_result.text().startswith("logboek intact: ")
    assert "gebeurtenissen, laatste schakel " in log.verify_result.text()
    with sqlite_store.uow() as uow:
        actions = uow.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first()
        assert actions == "audit_verify"
    log.grab().save("/tmp/chain-verify-ok.png")
    # When someone edits an event in plain SQL, and the auditor checks again
    with sqlite3.connect(sqlite_store.engine.url.database) as conn:
        conn.execute("UPDATE audit_event SET detail = 'weg' WHERE chain_seq = 2")
        victim = conn.execute("SELECT id FROM audit_event WHERE chain_seq = 2").fetchone()[0]
    qtbot.mouseClick(log.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "NIET intact" in log.verify_result.text() and log.verify_button.isEnabled(), timeout=WAIT
    )
    # Then it names that event and says what is wrong, in red
    assert f"gebeurtenis {victim} van " in log.verify_result.text()
    assert "inhoud is gewijzigd" in log.verify_result.text()
    assert "#a40000" in log.verify_result.styleSheet()
    log.grab().save("/tmp/chain-verify-broken.png")
