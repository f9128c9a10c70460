"""The Logboek workspace (NEN 7513) for the auditor: filter the log by youth (BSN, name or
case number: all of that youth's cases), user, period and action; read it page by page
(AuditLogModel); export it as CSV; check the chain ("Logboek controleren": every event's
digest and link, with progress and cancel). Every search, export and check is logged by
the services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.audit_actions import LABELS
from ret_desk.services.admin import audit_export, audit_query, audit_verify
from ret_desk.services.admin.audit_query import AuditFilter
from ret_desk.services.context import Workspace
from ret_desk.ui.audit.log_model import WIDTHS, AuditLogModel
from ret_desk.ui.errors import show_error
from ret_desk.ui.ops import Op
from ret_desk.ui.places import documents_folder
from ret_desk.ui.progress_run import ProgressRun


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class AuditWorkspace(QWidget):
    status_message = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._build()
        self._connect()

    def _build(self) -> None:
        self.youth = QLineEdit(placeholderText=self.tr("BSN, naam of casusnummer"))
        self.youth.setClearButtonEnabled(True)
        self.user = QLineEdit(placeholderText=self.tr("gebruikersnaam"))
        self.user.setClearButtonEnabled(True)
        hint = self.user.fontMetrics().horizontalAdvance(self.user.placeholderText())
        self.user.setMinimumWidth(hint + 48)  # its hint stays readable: padding and clear button
        self.use_from = QCheckBox(self.tr("&Van"))
        self.use_to = QCheckBox(self.tr("T&ot en met"))
        self.date_from = QDateEdit(
            QDate.currentDate().addMonths(-1), calendarPopup=True, displayFormat="dd-MM-yyyy"
        )
        self.date_to = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="dd-MM-yyyy")
        self.action = QComboBox()
        self.action.addItem(self.tr("Alle acties"), "")
        for code, label in sorted(LABELS.items(), key=lambda item: item[1]):
            self.action.addItem(label, code)
        self.search_button = QPushButton(self.tr("Zoe&ken"))
        self.search_button.setDefault(True)
        self.export_button = QPushButton(self.tr("E&xporteren (CSV)…"))
        self.verify_button = QPushButton(self.tr("Logboek &controleren"))
        self.verify_button.setToolTip(
            self.tr("Controleer of geen gebeurtenis is verwijderd, ingevoegd, verplaatst of gewijzigd")
        )
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_result.setAccessibleName(self.tr("Uitkomst van de controle"))
        self.verify_result.hide()
        self.total_label = QLabel()
        for widget, name in (
            (self.youth, self.tr("Jeugdige: BSN, naam of casusnummer")),
            (self.user, self.tr("Gebruiker")),
            (self.date_from, self.tr("Vanaf datum")),
            (self.date_to, self.tr("Tot en met datum")),
            (self.action, self.tr("Actie")),
        ):
            widget.setAccessibleName(name)
        youth_label = QLabel(self.tr("&Jeugdige"))
        youth_label.setBuddy(self.youth)
        user_label = QLabel(self.tr("&Gebruiker"))
        user_label.setBuddy(self.user)
        action_label = QLabel(self.tr("Acti&e"))
        action_label.setBuddy(self.action)
        grid = QGridLayout()
        grid.addWidget(youth_label, 0, 0)
        grid.addWidget(self.youth, 0, 1)
        grid.addWidget(user_label, 0, 2)
        grid.addWidget(self.user, 0, 3)
        grid.addWidget(action_label, 0, 4)
        grid.addWidget(self.action, 0, 5)
        grid.addWidget(self.use_from, 1, 0)
        grid.addWidget(self.date_from, 1, 1)
        grid.addWidget(self.use_to, 1, 2)
        grid.addWidget(self.date_to, 1, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        buttons.addWidget(self.total_label)
        self.model = AuditLogModel(self._workspace, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Logboek"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.verify_result)
        layout.addWidget(self.table)
        self._sync_dates()

    def _connect(self) -> None:
        self.search_button.clicked.connect(self.search)
        self.youth.returnPressed.connect(self.search)
        self.user.returnPressed.connect(self.search)
        self.export_button.clicked.connect(self._on_export)
        self.verify_button.clicked.connect(self.verify)
        self.use_from.toggled.connect(self._sync_dates)
        self.use_to.toggled.connect(self._sync_dates)
        self.model.total_changed.connect(self._on_total)
        self.model.loading_changed.connect(lambda busy: self.search_button.setEnabled(not busy))
        self.model.failed.connect(lambda exc: show_error(self, exc))

    # -- our API ----------------------------------------------------------------------
    def start(self) -> None:
        self.search()
        ws = self._workspace
        Op(self, lambda: ws.call(audit_query.known_users)).success(self._on_users).run()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            youth=self.youth.text().strip(),
            username=self.user.text().strip(),
            date_from=_day(self.date_from) if self.use_from.isChecked() else None,
            date_to=_day(self.date_to) if self.use_to.isChecked() else None,
            action=self.action.currentData() or "",
        )

    def search(self) -> None:
        self.model.set_filter(self.current_filter())

    def verify(self) -> None:
        """Check the whole chain in the background, with progress and a cancel button."""
        ws = self._workspace
        self.verify_button.setEnabled(False)
        self.verify_run = ProgressRun(
            self,
            self.tr("Logboek controleren…"),
            lambda report: ws.call(audit_verify.verify_chain, progress=report),
            done=self._on_verified,
            failed=self._on_verify_failed,
        )

    def choose_export_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Logboek exporteren"),
            str(documents_folder() / "logboek.csv"),
            self.tr("CSV-bestand (*.csv)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".csv" else path.with_name(path.name + ".csv")

    def restore_state(self, settings: QSettings) -> None:
        if (state := settings.value("audit/columns")) is not None:
            self.table.horizontalHeader().restoreState(state)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("audit/columns", self.table.horizontalHeader().saveState())

    # -- slots ------------------------------------------------------------------------
    def _on_users(self, names: list[str]) -> None:
        completer = QCompleter(names, self.user)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.user.setCompleter(completer)

    def _sync_dates(self) -> None:
        self.date_from.setEnabled(self.use_from.isChecked())
        self.date_to.setEnabled(self.use_to.isChecked())

    def _on_total(self, total: int) -> None:
        one = self.tr("1 gebeurtenis")
        many = self.tr("%1 gebeurtenissen").replace("%1", f"{total:,}".replace(",", "."))
        self.total_label.setText(one if total == 1 else many)

    def _on_export(self) -> None:
        if (path := self.choose_export_path()) is None:
            return
        ws, flt = self._workspace, self.model.filter
        self.export_button.setEnabled(False)
        Op(self, lambda: ws.call(audit_export.export_csv, flt=flt, path=path)).success(
            lambda count: self._on_exported(path, count)
        ).failure(self._on_export_failed).run()

    def _on_exported(self, path: Path, count: int) -> None:
        self.export_button.setEnabled(True)
        self.status_message.emit(
            self.tr("%1 regels geëxporteerd naar %2").replace("%1", str(count)).replace("%2", path.name)
        )

    def _on_export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        show_error(self, exc)

    def _on_verified(self, report: audit_verify.ChainReport | None, cancelled: bool) -> None:
        self.verify_button.setEnabled(True)
        if cancelled or report is None:
            self.status_message.emit(self.tr("Controle van het logboek afgebroken."))
            return
        colour = "#1a6b1a" if report.intact else "#a40000"
        self.verify_result.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.verify_result.setText(report.message())
        self.verify_result.show()
        self.status_message.emit(report.message())

    def _on_verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        show_error(self, exc)
