"""Beheer › Bewaartermijnen (issue 12 §3): the dossiers past their retention term (case
numbers, youth id, last change, term, due since; never a name or BSN), the backups that
may still hold destroyed dossiers, and "Dossier vernietigen…" (DestroyDialog). The list is
a RetentionModel (PagedTableModel) fed by services.admin.retention.retention_page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.audit_actions import local_timestamp
from ret_desk.domain.dutch_dates import short_date
from ret_desk.services.admin.destruction import BACKUP_ADVICE, PRINT_ADVICE, Backup, DestroyReport, backups
from ret_desk.services.admin.retention import DueRow, retention_page
from ret_desk.services.context import Workspace
from ret_desk.ui.admin.destroy_dialog import DestroyDialog
from ret_desk.ui.ops import Op
from ret_desk.ui.paged_model import FirstPage, NextPage, PagedTableModel


class RetentionModel(PagedTableModel[DueRow]):
    HEADERS = ("Casus(sen)", "Jeugdige (nr.)", "Laatste wijziging", "Termijn", "Te vernietigen sinds")
    COL_CASES, COL_YOUTH, COL_LAST, COL_TERM, COL_DUE = range(5)

    def __init__(self, workspace: Workspace, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._workspace = workspace

    def display(self, row: DueRow, column: int) -> str:
        match column:
            case self.COL_CASES:
                return ", ".join(row.case_numbers)
            case self.COL_YOUTH:
                return str(row.youth_id)
            case self.COL_LAST:
                return short_date(row.last_change)
            case self.COL_TERM:
                return row.term
            case _:
                return short_date(row.due_since)

    def row_id(self, row: DueRow) -> int:
        return row.youth_id

    def first_page(self) -> FirstPage:
        ws, size = self._workspace, self.PAGE_SIZE
        return lambda: tuple(reversed(ws.call(retention_page, offset=0, limit=size)))  # (total, rows)

    def next_page(self, last: DueRow, loaded: int) -> NextPage:
        ws, size = self._workspace, self.PAGE_SIZE
        return lambda: ws.call(retention_page, offset=loaded, limit=size)[0]


def backup_lines(found: tuple[Backup, ...]) -> str:
    tr = QCoreApplication.translate
    if not found:
        return tr("RetentionTab", "Geen back-ups gevonden.")
    lines = []
    for b in found:
        when = local_timestamp(b.made_at) if b.made_at else tr("RetentionTab", "onbekend")
        only_logged = "" if b.found else tr("RetentionTab", " — alleen in het logboek")
        lines.append(f"• {b.name} ({when}){only_logged}")
    return "\n".join(lines)


class RetentionTab(QWidget):
    status_message = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.model = RetentionModel(workspace, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setAccessibleName(self.tr("Dossiers over de bewaartermijn"))
        intro = QLabel(
            self.tr(
                "Dossiers worden 20 jaar na de laatste wijziging bewaard (Jeugdwet art. 7.3.8), langer "
                "waar de regio dat per wettelijk kader vastlegt. Deze dossiers zijn over hun termijn. "
                "U ziet geen namen of BSN's: vernietig op casusnummer."
            )
        )
        intro.setWordWrap(True)
        self.count = QLabel()
        self.destroy_button = QPushButton(self.tr("Dossier &vernietigen…"))
        self.reload_button = QPushButton(self.tr("Ver&nieuwen"))
        self.backups = QLabel()
        self.backups.setWordWrap(True)
        self.report = QLabel()
        self.report.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.destroy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.report)
        layout.addWidget(QLabel(self.tr("<b>Back-ups</b> (kunnen vernietigde dossiers nog bevatten):")))
        layout.addWidget(self.backups)
        self._connect()

    def _connect(self) -> None:
        self.model.total_changed.connect(self._on_total)
        self.reload_button.clicked.connect(self.reload)
        self.destroy_button.clicked.connect(self._on_destroy)

    def reload(self) -> None:
        self.model.reload()
        ws = self._workspace
        Op(self, lambda: ws.call_store(backups)).success(self._on_backups).run()

    def _on_total(self, total: int) -> None:
        self.view.resizeColumnsToContents()
        self.count.setText(self.tr("%n dossier(s) over de bewaartermijn", "", total))

    def _on_backups(self, found: tuple[Backup, ...]) -> None:
        self.backups.setText(backup_lines(found) + ("\n" + BACKUP_ADVICE if found else ""))

    def selected_case(self) -> str:
        rows = self.view.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        return row.case_numbers[0] if row is not None and row.case_numbers else ""

    def open_destroy(self) -> DestroyDialog:
        dialog = DestroyDialog(self._workspace, self.selected_case(), self)
        dialog.saved.connect(self._on_destroyed)
        dialog.open()
        return dialog

    def _on_destroy(self) -> None:
        self.open_destroy()

    def _on_destroyed(self, report: DestroyReport) -> None:
        cases = ", ".join(report.case_numbers)
        printed = (
            self.tr("Afgedrukt of opgeslagen: %1 keer. ").replace("%1", str(len(report.printed)))
            + PRINT_ADVICE
            if report.printed
            else self.tr("Afgedrukt of opgeslagen: niets volgens het logboek.")
        )
        self.report.setText(
            self.tr("Dossier van jeugdige %1 (casus(sen) %2) vernietigd; %3 logboekregels geredigeerd. ")
            .replace("%1", str(report.youth_id))
            .replace("%2", cases)
            .replace("%3", str(report.redacted_events))
            + printed
        )
        self.status_message.emit(self.tr("Dossier vernietigd."))
        self.reload()
