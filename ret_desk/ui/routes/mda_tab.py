"""The MDA++ tab in the case detail: the current phase, the household's members, the risk
assessments, the current safety plan (with its version) and the system conferences, with a
dialog for each write. Read-only once the case has left MDA++ (the record stays as history)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.services.context import Workspace
from ret_desk.services.routes import mda_record
from ret_desk.services.routes.mda import MdaRecord
from ret_desk.ui import labels
from ret_desk.ui.flow_layout import FlowLayout
from ret_desk.ui.form_dialog import FormDialog
from ret_desk.ui.ops import Op
from ret_desk.ui.paged_model import PagedTableModel
from ret_desk.ui.routes.mda_dialogs import (
    MdaConferenceDialog,
    MdaMemberDialog,
    MdaPhaseDialog,
    MdaRiskDialog,
    MdaSafetyPlanDialog,
)
from ret_desk.ui.routes.record_tab import RecordTab, fit_columns


class RowsModel(PagedTableModel[list[str]]):
    """A short read-only list of text rows (the record's lists hold a handful of rows)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.HEADERS = tuple(headers)  # type: ignore[misc]

    def display(self, row: list[str], column: int) -> str:
        return row[column]

    def tooltip(self, row: list[str], column: int) -> str:
        return row[column]

    def row_id(self, row: list[str]) -> object:
        return tuple(row)


def _view(model: RowsModel, name: str, stretch: tuple[int, ...]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    fit_columns(view, stretch)
    return view


class MdaTab(RecordTab):
    KEY = "mda"
    KIND = RouteKind.SAFETY
    TITLE = "MDA++"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.record: MdaRecord | None = None
        self.active_dialog: FormDialog | None = None
        self._request = 0
        self._build()

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.read_only = QLabel()
        self.read_only.setWordWrap(True)
        self.read_only.hide()
        self.phase_button = QPushButton(self.tr("&Fase…"))
        self.risk_button = QPushButton(self.tr("R&isicotaxatie…"))
        self.plan_button = QPushButton(self.tr("&Veiligheidsplan…"))
        self.member_button = QPushButton(self.tr("Lid huishou&den…"))
        self.conference_button = QPushButton(self.tr("S&ysteemgesprek…"))
        buttons = FlowLayout()
        for button, tip in (
            (self.phase_button, self.tr("De fase vastleggen waarin het gezin nu is")),
            (self.risk_button, self.tr("Een risicotaxatie vastleggen: instrument, niveau, datum")),
            (self.plan_button, self.tr("Een nieuwe versie van het veiligheidsplan; oudere blijven bewaard")),
            (self.member_button, self.tr("Een lid van het huishouden toevoegen")),
            (self.conference_button, self.tr("Een systeemgesprek vastleggen")),
        ):
            button.setToolTip(tip)
            buttons.addWidget(button)
        self.members = RowsModel([self.tr("Naam"), self.tr("Rol"), self.tr("Slachtoffer of pleger")], self)
        self.assessments = RowsModel(
            [self.tr("Datum"), self.tr("Niveau"), self.tr("Instrument"), self.tr("Taxateur")], self
        )
        self.conferences = RowsModel([self.tr("Datum"), self.tr("Deelnemers"), self.tr("Uitkomst")], self)
        self.phases = RowsModel([self.tr("Begonnen op"), self.tr("Fase")], self)
        self.plan_label = QLabel()
        self.plan_text = QPlainTextEdit()
        self.plan_text.setReadOnly(True)
        self.plan_text.setAccessibleName(self.tr("Huidig veiligheidsplan"))
        plan_page = QWidget()
        plan_layout = QVBoxLayout(plan_page)
        plan_layout.setContentsMargins(0, 4, 0, 0)
        plan_layout.addWidget(self.plan_label)
        plan_layout.addWidget(self.plan_text, 1)
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.member_view = _view(self.members, self.tr("Leden van het huishouden"), (0,))
        self.assessment_view = _view(self.assessments, self.tr("Risicotaxaties"), (2, 3))
        self.conference_view = _view(self.conferences, self.tr("Systeemgesprekken"), (1, 2))
        self.phase_view = _view(self.phases, self.tr("Fasen"), (1,))
        self.pages.addTab(self.member_view, self.tr("Huishouden"))
        # Short tab titles: the detail pane is narrow at 1024×768; the tooltips say more.
        self.pages.addTab(self.assessment_view, self.tr("Taxaties"))
        self.pages.addTab(plan_page, self.tr("Plan"))
        self.pages.addTab(self.conference_view, self.tr("Gesprekken"))
        self.pages.addTab(self.phase_view, self.tr("Fasen"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.read_only)
        layout.addLayout(buttons)
        layout.addWidget(self.pages, 1)
        self.phase_button.clicked.connect(self._on_phase)
        self.risk_button.clicked.connect(
            lambda: self._open(MdaRiskDialog(self._workspace, self._number(), self))
        )
        self.plan_button.clicked.connect(self._on_plan)
        self.member_button.clicked.connect(
            lambda: self._open(MdaMemberDialog(self._workspace, self._number(), self))
        )
        self.conference_button.clicked.connect(
            lambda: self._open(MdaConferenceDialog(self._workspace, self._number(), self))
        )
        self._update_buttons()

    # -- loading ----------------------------------------------------------------------
    def load(self, detail: CaseDetail) -> None:
        self._request += 1
        request, number = self._request, detail.number

        def shown(record: MdaRecord) -> None:
            if request == self._request:
                self.show_record(record)

        Op(self, lambda: self._workspace.call(mda_record.get_mda, number=number)).success(shown).run()

    def show_record(self, record: MdaRecord) -> None:
        self.record = record
        phase, last, plan = record.phase, record.last_assessment, record.plan
        parts = [
            self.tr("<b>Fase:</b> %s") % (
                f"{labels.label(phase.phase)}, {self.tr('sinds')} {short_date(phase.on)}" if phase
                else self.tr("nog niet vastgelegd")
            ),
            self.tr("<b>Laatste risicotaxatie:</b> %s") % (
                f"{labels.label(last.level)} ({short_date(last.on)})" if last else self.tr("nog geen")
            ),
            self.tr("<b>Veiligheidsplan:</b> %s") % (
                self.tr("versie %s") % plan.version if plan else self.tr("nog geen")
            ),
        ]  # fmt: skip
        self.summary.setText(" · ".join(parts))
        self.members.set_rows(
            [[m.name, labels.label(m.role), self._position(m.position)] for m in record.members]
        )
        self.assessments.set_rows(
            [[short_date(a.on), labels.label(a.level), a.instrument, a.assessor] for a in record.assessments]
        )
        self.conferences.set_rows([[short_date(c.on), c.participants, c.outcome] for c in record.conferences])
        self.phases.set_rows([[short_date(p.on), labels.label(p.phase)] for p in record.phases])
        if plan:
            self.plan_label.setText(
                self.tr("Versie %1 van %2, door %3").replace("%1", str(plan.version))
                .replace("%2", short_date(plan.on)).replace("%3", plan.author)
            )  # fmt: skip
            self.plan_text.setPlainText(plan.text)
        else:
            self.plan_label.setText(self.tr("Er is nog geen veiligheidsplan."))
            self.plan_text.clear()
        for index, (title, count) in enumerate(
            (
                (self.tr("Leden van het huishouden"), len(record.members)),
                (self.tr("Risicotaxaties"), len(record.assessments)),
                (self.tr("Versies van het veiligheidsplan"), len(record.plans)),
                (self.tr("Systeemgesprekken"), len(record.conferences)),
                (self.tr("Fasen"), len(record.phases)),
            )
        ):
            self.pages.setTabToolTip(index, f"{title}: {count}")
        self._update_buttons()

    def _position(self, code: str) -> str:
        return {"slachtoffer": self.tr("slachtoffer"), "pleger": self.tr("pleger")}.get(
            code, self.tr("onbekend")
        )

    def _update_buttons(self) -> None:
        may = self.editable() and is_allowed(self._workspace.actor.role, Action.MANAGE_MDA)
        self.read_only.setVisible(self.detail is not None and not self.editable())
        self.read_only.setText(self.read_only_reason() or "")
        for button in (
            self.phase_button, self.risk_button, self.plan_button, self.member_button, self.conference_button
        ):  # fmt: skip
            self.gate(button, may, self.record is not None, self.tr("Het dossier wordt geladen…"))

    # -- writing ----------------------------------------------------------------------
    def _number(self) -> str:
        assert self.detail is not None
        return self.detail.number

    def _on_phase(self) -> None:
        phase = self.record.phase if self.record else None
        self._open(MdaPhaseDialog(self._workspace, self._number(), phase.phase if phase else None, self))

    def _on_plan(self) -> None:
        plan = self.record.plan if self.record else None
        self._open(
            MdaSafetyPlanDialog(
                self._workspace, self._number(), plan.text if plan else "", plan.version if plan else 0, self
            )
        )

    def _open(self, dialog: FormDialog) -> None:
        number = self._number()
        self.active_dialog = dialog
        dialog.saved.connect(lambda _: self.case_changed.emit(number))
        dialog.open()


TAB: type[RecordTab] | None = MdaTab
