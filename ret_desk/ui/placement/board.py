"""CapacityBoard: the capacity board tab: filters above the CapacityModel's table.
Free places, total and waiting time are edited in the table (F2 or double-click)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.domain.placement import ScarceCategory
from ret_desk.services.context import Workspace
from ret_desk.services.placement.capacity import CapacityFilter
from ret_desk.ui.combo import combo_with_all
from ret_desk.ui.dutch import count
from ret_desk.ui.errors import show_error
from ret_desk.ui.placement.capacity_model import CapacityModel


class CapacityBoard(QWidget):
    status_message = Signal(str)

    def __init__(
        self, workspace: Workspace, types: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = CapacityModel(workspace, self)
        self._timer = QTimer(self, singleShot=True, interval=300)
        self.search = QLineEdit(placeholderText="Zoek op locatie, aanbieder of AGB")
        self.search.setClearButtonEnabled(True)
        self.type_filter = combo_with_all("Alle plaatsingsvormen", types)
        self.municipality_filter = combo_with_all("Alle gemeenten", [])
        self.specialism_filter = combo_with_all("Alle specialismen", [])
        self.scarce_filter = combo_with_all(
            "Schaars: alle", [(c.label, c.value or "geen") for c in ScarceCategory]
        )
        for box, name in (
            (self.type_filter, self.tr("Filter op plaatsingsvorm")),
            (self.municipality_filter, self.tr("Filter op gemeente")),
            (self.specialism_filter, self.tr("Filter op specialisme")),
            (self.scarce_filter, self.tr("Filter op schaarse zorg")),
        ):
            box.setAccessibleName(name)
        self.only_free = QCheckBox("Alleen met vrije plekken")
        self.import_button = QPushButton("Locaties &importeren…")
        self.import_button.setToolTip("Locaties en capaciteit uit een .csv- of .xlsx-bestand")
        self.import_button.setEnabled(is_allowed(workspace.actor.role, Action.EDIT_CAPACITY))
        top = QHBoxLayout()  # search, "only free" and import above the filters: nothing cut off at 1024 px
        top.addWidget(self.search, 1)
        top.addWidget(self.only_free)
        top.addWidget(self.import_button)
        filters = QHBoxLayout()
        for widget in (
            self.type_filter,
            self.municipality_filter,
            self.specialism_filter,
            self.scarce_filter,
        ):
            filters.addWidget(widget, 1)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Capaciteit per locatie en plaatsingsvorm"))
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        if not is_allowed(workspace.actor.role, Action.EDIT_CAPACITY):
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 200), (1, 80), (2, 110), (3, 170), (4, 50), (5, 50), (6, 55), (7, 95)):
            self.table.setColumnWidth(column, width)
        self.count = QLabel("Laden…")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._connect()

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _: self._timer.start())
        self._timer.timeout.connect(self.apply_filter)
        for box in (self.type_filter, self.municipality_filter, self.specialism_filter, self.scarce_filter):
            box.currentIndexChanged.connect(self.apply_filter)
        self.only_free.toggled.connect(self.apply_filter)
        self.model.total_changed.connect(
            lambda n: self.count.setText(
                f"{count(n, 'regel', 'regels')} (locatie × plaatsingsvorm). Geel: verouderde gegevens."
            )
        )
        self.model.edit_failed.connect(lambda exc: show_error(self, exc))
        self.model.edited.connect(self.status_message)

    def set_choices(self, choices: dict[str, list[str]]) -> None:
        for box, values in (
            (self.municipality_filter, "municipalities"),
            (self.specialism_filter, "specialisms"),
        ):
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for value in choices[values]:
                box.addItem(value, value)
            box.blockSignals(False)

    def apply_filter(self) -> None:
        scarce = self.scarce_filter.currentData()
        self.model.set_filter(
            CapacityFilter(
                type_code=self.type_filter.currentData() or None,
                municipality=self.municipality_filter.currentData() or None,
                specialism=self.specialism_filter.currentData() or None,
                scarce=None if not scarce else ("" if scarce == "geen" else scarce),
                only_free=self.only_free.isChecked(),
                search=self.search.text(),
            )
        )
