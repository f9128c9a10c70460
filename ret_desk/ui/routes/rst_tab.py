"""The RST tab of the case detail: the deployments of the Reizend Specialistisch Team
(DeploymentsModel feeds its table), the totals, and "Inzet vastleggen…".

It shows the `rst` section the case detail already holds (read and logged with the case).
Writing is possible only while the case is on an RST route; afterwards the tab is history.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.dutch_numbers import decimal
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.domain.rst import Deployment, figures, figures_line, from_json
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.services.context import Workspace
from ret_desk.services.routes import rst
from ret_desk.ui.paged_model import PagedTableModel
from ret_desk.ui.routes.record_tab import RecordTab, fit_columns
from ret_desk.ui.routes.rst_dialog import DeploymentDialog


class DeploymentsModel(PagedTableModel[Deployment]):
    """Feeds the deployments table of RstTab: one row per deployment, oldest first. A short
    list that comes whole with the case detail (`set_rows`)."""

    COL_DATE, COL_DISCIPLINE, COL_WHERE, COL_HOURS, COL_PREVENTED, COL_NOTES = range(6)
    # Short titles and one column for purpose and outcome: the detail pane is narrow at
    # 1024×768; the tooltips say the rest.
    HEADERS = ("Datum", "Discipline", "Waar", "Uren", "Voorkomen", "Toelichting")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        horizontal_tip = role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
        if horizontal_tip and section == self.COL_PREVENTED:
            return self.tr("Is een verhuizing of plaatsing voorkomen?")
        return super().headerData(section, orientation, role)

    def display(self, row: Deployment, column: int) -> str:
        return (
            short_date(row.on),
            row.discipline.label,
            row.where.label,
            decimal(row.hours, 2),
            row.placement_prevented.label,
            " — ".join(t.replace("\n", " ") for t in (row.purpose, row.outcome) if t),
        )[column]

    def tooltip(self, row: Deployment, column: int) -> str | None:
        if column == self.COL_PREVENTED:
            return self.tr("Plaatsing voorkomen: %s") % row.placement_prevented.label
        if column != self.COL_NOTES:
            return self.display(row, column)
        notes = [(self.tr("Doel"), row.purpose), (self.tr("Uitkomst"), row.outcome)]
        return "\n".join(f"{label}: {text}" for label, text in notes if text) or None

    def alignment(self, row: Deployment, column: int) -> object:
        if column == self.COL_HOURS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_id(self, row: Deployment) -> object:
        return row  # a frozen dataclass: its own identity


class RstTab(RecordTab):
    KEY = "rst"
    KIND = RouteKind.TRAVELLING_TEAM
    TITLE = "RST"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.active_dialog: DeploymentDialog | None = None
        self._build()
        self._connect()

    def _build(self) -> None:
        self.totals = QLabel()
        self.totals.setObjectName("rst_totals")
        self.totals.setWordWrap(True)
        self.read_only_note = QLabel()
        self.read_only_note.setWordWrap(True)
        self.deploy_button = QPushButton(self.tr("&Inzet vastleggen…"))
        self.model = DeploymentsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Inzetten van het reizend team"))
        fit_columns(self.table, (DeploymentsModel.COL_NOTES,))
        top = QHBoxLayout()
        top.addWidget(self.totals, 1)
        top.addWidget(self.deploy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.deploy_button.clicked.connect(self._on_deploy)

    def load(self, detail: CaseDetail) -> None:
        deployments = from_json(detail.records.get(self.KEY))
        self.model.set_rows(deployments)
        self.totals.setText(
            figures_line(figures(deployments)) if deployments else self.tr("Nog geen inzet vastgelegd.")
        )
        editable = self.editable()
        self.read_only_note.setVisible(not editable)
        self.read_only_note.setText(self.read_only_reason() or "")
        self.gate(self.deploy_button, editable and is_allowed(self._workspace.actor.role, Action.RECORD_RST))

    def _on_deploy(self) -> None:
        if self.detail is None or not self.editable():
            return
        number, ws = self.detail.number, self._workspace
        dialog = DeploymentDialog(number, self)

        def prepare():  # noqa: ANN202
            values = dialog.values()
            return lambda: ws.call(rst.record_deployment, number=number, **values)

        dialog.set_save(prepare)
        dialog.saved.connect(lambda _: self.case_changed.emit(number))
        self.active_dialog = dialog
        dialog.open()


#: The tab's class.
TAB: type[RecordTab] | None = RstTab
