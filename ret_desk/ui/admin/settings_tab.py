"""Deadline terms per route and the region's settings, in the Beheer workspace. A change
goes through a small dialog; a stale version is refused there ("Iemand anders ...")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ret_desk.services.admin import screen_lock, settings
from ret_desk.services.admin.settings import DeadlineRow, RegionSettingRow
from ret_desk.services.context import Workspace
from ret_desk.ui.form_dialog import FormDialog
from ret_desk.ui.ops import Op
from ret_desk.ui.paged_model import PagedTableModel


class DeadlineDialog(FormDialog):
    def __init__(self, workspace: Workspace, row: DeadlineRow, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=QCoreApplication.translate("DeadlineDialog", "&Opslaan"))
        self.setWindowTitle(self.tr("Termijnen van %1").replace("%1", row.label))
        self.setMinimumWidth(440)
        self._workspace, self._row = workspace, row
        self.start_days = QSpinBox(minimum=1, maximum=365, value=row.start_days)
        self.start_days.setSuffix(self.tr(" dagen"))
        self.no_progress = QSpinBox(minimum=1, maximum=24, value=row.no_progress_months)
        self.no_progress.setSuffix(self.tr(" maanden"))
        self.start_days.setAccessibleName(self.tr("Aanmelding tot start zorg"))
        self.no_progress.setAccessibleName(self.tr("Signaal na geen voortgang"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Aanmelding tot start zorg"), self.start_days)
        form.addRow(self.tr("&Signaal na geen voortgang"), self.no_progress)
        self.add_buttons(form)
        self.set_save(self._work)
        self.start_days.setFocus()

    def _work(self):  # noqa: ANN202
        ws, row = self._workspace, self._row
        days, months = self.start_days.value(), self.no_progress.value()
        return lambda: ws.call(
            settings.set_deadline_terms, route_key=row.route_key, start_days=days,
            no_progress_months=months, version=row.version,
        )  # fmt: skip


class RegionSettingDialog(FormDialog):
    def __init__(self, workspace: Workspace, row: RegionSettingRow, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=QCoreApplication.translate("RegionSettingDialog", "&Opslaan"))
        self.setWindowTitle(self.tr("Regio-instelling wijzigen"))
        self.setMinimumWidth(440)
        self._workspace, self._row = workspace, row
        self.value = QDoubleSpinBox(minimum=0, maximum=10_000, decimals=0, value=row.value)
        if row.key == screen_lock.IDLE_LOCK_KEY:  # whole minutes, never off (issue 11 §3)
            self.value.setRange(screen_lock.IDLE_LOCK_MIN, screen_lock.IDLE_LOCK_MAX)
            self.value.setSuffix(self.tr(" minuten"))
        self.value.setAccessibleName(row.label)
        form = QFormLayout(self)
        form.addRow(row.label, self.value)
        self.add_buttons(form)
        self.set_save(self._work)
        self.value.setFocus()

    def _work(self):  # noqa: ANN202
        ws, row, value = self._workspace, self._row, self.value.value()
        return lambda: ws.call(settings.set_region_setting, key=row.key, value=value, version=row.version)


class TermsModel(PagedTableModel[DeadlineRow]):
    """Feeds the deadline terms table: one row per route, loaded whole."""

    COL_ROUTE, COL_START_DAYS, COL_NO_PROGRESS = range(3)
    HEADERS = ("Route", "Aanmelding tot start zorg (dagen)", "Geen voortgang (maanden)")

    def row_id(self, row: DeadlineRow) -> str:
        return row.route_key

    def display(self, row: DeadlineRow, column: int) -> str:
        return (row.label, str(row.start_days), str(row.no_progress_months))[column]


class RegionSettingsModel(PagedTableModel[RegionSettingRow]):
    """Feeds the region settings table, loaded whole."""

    COL_SETTING, COL_VALUE = range(2)
    HEADERS = ("Instelling", "Waarde")

    def row_id(self, row: RegionSettingRow) -> str:
        return row.key

    def display(self, row: RegionSettingRow, column: int) -> str:
        return (row.label, f"{row.value:g}")[column]


def _table(model: PagedTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setAccessibleName(name)
    return table


class SettingsTab(QWidget):
    status_message = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.active_dialog = None
        self.terms: list[DeadlineRow] = []
        self.region: list[RegionSettingRow] = []
        self.terms_model, self.region_model = TermsModel(self), RegionSettingsModel(self)
        self.terms_table = _table(self.terms_model, self.tr("Termijnen per route"))
        self.region_table = _table(self.region_model, self.tr("Regio-instellingen"))
        self.edit_terms = QPushButton(self.tr("Termijnen wij&zigen…"))
        self.edit_region = QPushButton(self.tr("&Instelling wijzigen…"))
        layout = QVBoxLayout(self)
        for title, table, button in (
            (self.tr("Termijnen per route"), self.terms_table, self.edit_terms),
            (self.tr("Regio-instellingen"), self.region_table, self.edit_region),
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            inner.addWidget(button)
            layout.addWidget(box)
        self.edit_terms.clicked.connect(self._on_edit_terms)
        self.edit_region.clicked.connect(self._on_edit_region)
        self.terms_table.doubleClicked.connect(self._on_edit_terms)
        self.region_table.doubleClicked.connect(self._on_edit_region)

    def reload(self) -> None:
        ws = self._workspace

        def load():  # noqa: ANN202
            return (
                ws.call(settings.deadline_terms),
                ws.call(settings.region_settings),
            )

        Op(self, load).success(self._on_loaded).run()

    def _on_loaded(self, result: tuple[list[DeadlineRow], list[RegionSettingRow]]) -> None:
        self.terms, self.region = result
        self._fill(self.terms_table, self.terms_model, self.terms)
        self._fill(self.region_table, self.region_model, self.region)

    @staticmethod
    def _fill(table: QTableView, model: PagedTableModel, rows: list) -> None:
        current = max(table.currentIndex().row(), 0)
        model.set_rows(rows)
        if rows:
            table.selectRow(min(current, len(rows) - 1))

    def _edit(self, dialog: FormDialog) -> None:
        dialog.saved.connect(
            lambda _: (self.status_message.emit(self.tr("Instelling opgeslagen.")), self.reload())
        )
        self.active_dialog = dialog
        dialog.open()

    def _on_edit_terms(self) -> None:
        if 0 <= (r := self.terms_table.currentIndex().row()) < len(self.terms):
            self._edit(DeadlineDialog(self._workspace, self.terms[r], self))

    def _on_edit_region(self) -> None:
        if 0 <= (r := self.region_table.currentIndex().row()) < len(self.region):
            self._edit(RegionSettingDialog(self._workspace, self.region[r], self))
