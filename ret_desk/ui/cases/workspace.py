"""CasesWorkspace: filters and search above the paged case list, the detail beside it."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.domain.signals import SignalCode
from ret_desk.services.access.emergency import open_emergency_access
from ret_desk.services.admin.reference import MunicipalityItem, RouteItem
from ret_desk.services.cases.case_queries import CaseFilter
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.action_dialogs import EmergencyAccessDialog
from ret_desk.ui.cases.detail_view import CaseDetailView
from ret_desk.ui.cases.list_model import CASE_NUMBER_ROLE, COL_REFERRAL, CaseListModel
from ret_desk.ui.cases.route_items import region_routes
from ret_desk.ui.combo import combo_with_all, enum_data
from ret_desk.ui.dutch import count
from ret_desk.ui.live_refresh import Change, Topic

SEARCH_DELAY_MS = 300


class CasesWorkspace(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        municipalities: list[MunicipalityItem],
        parent=None,  # noqa: ANN001
        routes: list[RouteItem] | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.active_dialog = None
        self._routes = region_routes(workspace, routes)
        self.routes = self._routes  # for the main window's new-referral dialog
        self.model = CaseListModel(workspace, self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._build(municipalities)
        self._connect()

    def _build(self, municipalities: list[MunicipalityItem]) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek op naam, BSN of casusnummer (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.route_filter = combo_with_all("Alle routes", [(r.label, r.key) for r in self._routes])
        self.status_filter = combo_with_all("Alle statussen", [(s.label, s) for s in CaseStatus])
        self.municipality_filter = combo_with_all(
            "Alle gemeenten", [(m.name, m.cbs_code) for m in municipalities]
        )
        self.signal_filter = combo_with_all("Alle signalen", [(c.label, c) for c in SignalCode])
        for box, name in (
            (self.route_filter, self.tr("Filter op route")),
            (self.status_filter, self.tr("Filter op status")),
            (self.municipality_filter, self.tr("Filter op gemeente")),
            (self.signal_filter, self.tr("Filter op signaal")),
        ):
            box.setAccessibleName(name)
        filters = QGridLayout()  # below the search field, so that its hint is never cut off;
        # two by two, so that the list stays narrow enough for a 1024×768 screen
        for index, box in enumerate(
            (self.route_filter, self.status_filter, self.municipality_filter, self.signal_filter)
        ):
            filters.addWidget(box, index // 2, index % 2)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Casuslijst"))
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(COL_REFERRAL, Qt.SortOrder.DescendingOrder)
        self.count_label = QLabel("Laden…")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        self.emergency_button = QPushButton(self.tr("Noodtoegang…"))
        self.emergency_button.setToolTip(
            self.tr(
                "Een casus die niet bij uw werk hoort openen, met een reden voor het logboek (Ctrl+Shift+A)"
            )
        )
        # A shortcut, not an Alt letter: every letter of the word is taken in this workspace.
        self.emergency_shortcut = QShortcut(QKeySequence("Ctrl+Shift+A"), self)
        self.emergency_button.setVisible(is_allowed(self._workspace.actor.role, Action.EMERGENCY_ACCESS))
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.emergency_button)
        left_layout.addLayout(bottom)
        self.detail = CaseDetailView(self._workspace, municipalities=municipalities, routes=self._routes)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([430, 470])  # the detail reads without breaking words; the list scrolls
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._apply_filter)
        self._search_timer.timeout.connect(self._apply_filter)
        for box in (self.route_filter, self.status_filter, self.municipality_filter, self.signal_filter):
            box.currentIndexChanged.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.model.total_changed.connect(self._on_total)
        self.model.loading_changed.connect(self._on_loading)
        self.detail.case_changed.connect(self._on_case_changed)
        self.emergency_button.clicked.connect(self._on_emergency)
        self.emergency_shortcut.activated.connect(self._on_emergency_key)

    # -- public -----------------------------------------------------------------------
    def start(self) -> None:
        self.model.reload()

    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            route=self.route_filter.currentData() or None,
            status=enum_data(self.status_filter, CaseStatus),
            municipality_code=self.municipality_filter.currentData() or None,
            signal=enum_data(self.signal_filter, SignalCode),
            search=self.search.text(),
        )

    def on_live_change(self, change: Change) -> None:
        """Another user's commit (ui/live_refresh.py): reload the list and the open case
        where it touches them, keeping the selection and the scroll position."""
        if change.affects(Topic.CASES):
            self.model.refresh()
        self.detail.refresh_if_touched(change)

    def open_case(self, number: str) -> None:
        self.detail.show_case(number)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("cases/splitter", self.splitter.saveState())
        settings.setValue("cases/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        if (state := settings.value("cases/splitter")) is not None:
            self.splitter.restoreState(state)
        if (state := settings.value("cases/header")) is not None:
            self.table.horizontalHeader().restoreState(state)
            self._columns_sized = True

    # -- slots ------------------------------------------------------------------------
    def _on_emergency_key(self) -> None:
        if not self.emergency_button.isHidden():
            self._on_emergency()

    def _on_emergency(self) -> None:
        ws = self._workspace
        dialog = EmergencyAccessDialog(self)
        self.active_dialog = dialog

        def prepare():  # noqa: ANN202
            number, reason = dialog.chosen()

            def save() -> str:
                ws.call(open_emergency_access, number=number, reason=reason)
                return number

            return save

        dialog.set_save(prepare)
        dialog.saved.connect(self._after_emergency)
        dialog.open()

    def _after_emergency(self, number: str) -> None:
        self.model.refresh()
        self.detail.show_case(number)

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    def _on_row_changed(self, current, _previous) -> None:  # noqa: ANN001
        number = current.data(CASE_NUMBER_ROLE) if current.isValid() else None
        if number:
            self.detail.show_case(number)

    _columns_sized = False

    def _on_total(self, total: int) -> None:
        if not self._columns_sized and total:
            # First time only: fit the columns to the first page; after that the user's widths stay.
            self.table.resizeColumnsToContents()
            self._columns_sized = True
        self.count_label.setText(count(total, "casus", "casussen"))

    def _on_loading(self, loading: bool) -> None:
        if loading:
            self.count_label.setText("Laden…")
        elif self.model.total:
            self._on_total(self.model.total)

    def _on_case_changed(self, _number: str) -> None:
        """Saved here: show the list's new values in place; the selection (and the detail
        it shows) and the scroll position stay, as after another user's change."""
        self.model.refresh()
