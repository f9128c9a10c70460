"""LocationImportFlow: `import locations` from the app: choose a file, import in the
background with progress and a cancel button, then a Dutch summary (every error listed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ret_desk.services.cases.importer import ImportReport
from ret_desk.services.context import Workspace
from ret_desk.services.placement import location_import
from ret_desk.ui.dutch import count
from ret_desk.ui.places import documents_folder
from ret_desk.ui.progress_run import ProgressRun

MAX_LISTED = 25


class LocationImportFlow(QObject):
    finished = Signal(str)

    def __init__(self, workspace: Workspace, owner: QWidget) -> None:
        super().__init__(owner)
        self._workspace = workspace
        self._owner = owner
        self.running: ProgressRun | None = None
        self.summary: QMessageBox | None = None

    def choose_and_run(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self._owner, "Locaties importeren", str(documents_folder()), "Importbestanden (*.csv *.xlsx)"
        )
        if name:
            self.run(Path(name))

    def run(self, path: Path) -> None:
        ws = self._workspace

        def work(report: Callable[[int, int], bool]) -> ImportReport:
            return ws.call(location_import.import_locations, path=path, progress=report)

        self.running = ProgressRun(self._owner, f"{path.name} importeren…", work, done=self._on_done)

    def _on_done(self, report: ImportReport, cancelled: bool) -> None:
        if report.cancelled or cancelled:
            text = "Import afgebroken; er is niets opgeslagen."
        elif report.errors:
            listed = "\n".join(str(e) for e in report.errors[:MAX_LISTED])
            more = f"\n… en nog {len(report.errors) - MAX_LISTED}." if len(report.errors) > MAX_LISTED else ""
            errors, rows = count(len(report.errors), "fout", "fouten"), count(report.rows, "rij", "rijen")
            text = f"Niets geïmporteerd: {errors} in {rows}.\n\n{listed}{more}"
        else:
            rows = count(report.rows, "rij", "rijen")
            text = f"{count(report.written, 'regel', 'regels')} geïmporteerd ({rows})."
        self.summary = QMessageBox(
            QMessageBox.Icon.Information, "Locaties importeren", text, parent=self._owner
        )
        self.summary.setObjectName("importSummary")
        self.summary.open()
        self.finished.emit(text.split("\n")[0])
