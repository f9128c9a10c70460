"""LocationImportFlow: `import locations` from the app: choose a file, import in the
background with progress and a cancel button, then a Dutch summary (every error listed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from ret_desk.services import location_import
from ret_desk.services.context import Workspace
from ret_desk.services.importer import ImportReport
from ret_desk.ui.errors import show_error
from ret_desk.ui.ops import Op

MAX_LISTED = 25


class LocationImportFlow(QObject):
    finished = Signal(str)

    def __init__(self, workspace: Workspace, owner: QWidget) -> None:
        super().__init__(owner)
        self._workspace = workspace
        self._owner = owner
        self.progress: QProgressDialog | None = None
        self.op: Op | None = None
        self.summary: QMessageBox | None = None

    def choose_and_run(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self._owner, "Locaties importeren", "", "Importbestanden (*.csv *.xlsx)"
        )
        if name:
            self.run(Path(name))

    def run(self, path: Path) -> None:
        ws = self._workspace
        self.progress = QProgressDialog(f"{path.name} importeren…", "Annuleren", 0, 0, self._owner)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)

        def work(report: Callable[[int, int], bool]) -> ImportReport:
            return location_import.import_locations(uow=ws.uow(), actor=ws.actor, path=path, progress=report)

        self.op = Op(self._owner, work, with_progress=True)
        self.progress.canceled.connect(self.op.cancel)
        self.op.progress(self._on_progress).success(self._on_done).failure(self._on_failed).run()

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total + 1)
            self.progress.setValue(done)

    def _close(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_failed(self, exc: BaseException) -> None:
        self._close()
        show_error(self._owner, exc)

    def _on_done(self, report: ImportReport) -> None:
        self._close()
        if report.cancelled:
            text = "Import afgebroken; er is niets opgeslagen."
        elif report.errors:
            listed = "\n".join(str(e) for e in report.errors[:MAX_LISTED])
            more = f"\n… en nog {len(report.errors) - MAX_LISTED}." if len(report.errors) > MAX_LISTED else ""
            text = (
                f"Niets geïmporteerd: {len(report.errors)} fouten in {report.rows} rijen.\n\n{listed}{more}"
            )
        else:
            text = f"{report.written} regels geïmporteerd ({report.rows} rijen)."
        self.summary = QMessageBox(
            QMessageBox.Icon.Information, "Locaties importeren", text, parent=self._owner
        )
        self.summary.setObjectName("importSummary")
        self.summary.open()
        self.finished.emit(text.split("\n")[0])
