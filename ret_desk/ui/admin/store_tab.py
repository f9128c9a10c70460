"""The store as the administrator sees it: where it is (no password), schema revision, type,
size; and "Back-up maken…" for SQLite (services.store_admin, in the background)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ret_desk.services.admin import store_admin, store_info
from ret_desk.services.admin.store_info import StoreInfo
from ret_desk.services.context import Workspace
from ret_desk.ui.errors import show_error
from ret_desk.ui.ops import Op


def _size(size: int | None) -> str:
    if size is None:
        return "—"
    return f"{size / 1_048_576:.1f} MB".replace(".", ",")


class StoreTab(QWidget):
    status_message = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.info: StoreInfo | None = None
        self.url = QLabel()
        self.kind = QLabel()
        self.revision = QLabel()
        self.size = QLabel()
        for label in (self.url, self.kind, self.revision, self.size):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back-&up maken…"))
        self.backup_note = QLabel()
        self.backup_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Adres"), self.url)
        form.addRow(self.tr("Soort"), self.kind)
        form.addRow(self.tr("Schemaversie"), self.revision)
        form.addRow(self.tr("Grootte"), self.size)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.backup_button)
        layout.addWidget(self.backup_note)
        layout.addStretch(1)
        self.backup_button.clicked.connect(self._on_backup)

    def reload(self) -> None:
        ws = self._workspace
        Op(self, lambda: ws.call_store(store_info.store_info)).success(self._on_loaded).run()

    def _on_loaded(self, info: StoreInfo) -> None:
        self.info = info
        self.url.setText(info.url)
        self.kind.setText(info.kind)
        state = (
            self.tr("actueel")
            if info.revision == info.head
            else self.tr("verouderd (nieuwste: %1)").replace("%1", info.head)
        )
        self.revision.setText(f"{info.revision or self.tr('geen')} ({state})")
        self.size.setText(_size(info.size_bytes))
        self.backup_button.setEnabled(info.is_sqlite)
        self.backup_note.setText(
            ""
            if info.is_sqlite
            else self.tr("Van een PostgreSQL-opslag maakt de databasebeheerder een back-up met pg_dump.")
        )

    def choose_target(self) -> Path | None:
        assert self.info is not None and self.info.path is not None
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        suggested = self.info.path.with_name(f"{self.info.path.stem}.backup-{stamp}.sqlite")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back-up opslaan als"), str(suggested), self.tr("SQLite-opslag (*.sqlite)")
        )
        return Path(name) if name else None

    def _on_backup(self) -> None:
        if self.info is None or not self.info.is_sqlite or (target := self.choose_target()) is None:
            return
        ws = self._workspace
        self.backup_button.setEnabled(False)
        self.backup_note.setText(self.tr("Back-up wordt gemaakt…"))
        Op(self, lambda: ws.call_store(store_admin.backup, target=target)).success(
            self._on_backup_done
        ).failure(self._on_backup_failed).run()

    def _on_backup_done(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        text = self.tr("Back-up gemaakt: %1").replace("%1", str(path))
        self.backup_note.setText(text)
        self.status_message.emit(text)

    def _on_backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.backup_note.setText("")
        show_error(self, exc)
