"""The RO3 record's tab in the case detail (Regie op 3): the plan's agreements (overdue ones
marked), the parties and the reviews, each a table over a model from ro3_models, with the
buttons that open the ro3_dialogs. Read-only once the case has moved to another route, and
for roles without `manage_ro3`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.services.context import Workspace
from ret_desk.services.routes import ro3_plan
from ret_desk.ui.dutch import count
from ret_desk.ui.form_dialog import FormDialog
from ret_desk.ui.routes.record_tab import RecordTab, fit_columns
from ret_desk.ui.routes.ro3_dialogs import (
    AgreementDialog,
    DoneDialog,
    NotKeptDialog,
    PartyDialog,
    ReviewDialog,
)
from ret_desk.ui.routes.ro3_models import AgreementsModel, PartiesModel, ReviewsModel


def _table(model, name: str) -> QTableView:  # noqa: ANN001
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def _page(table: QWidget, *buttons: QPushButton) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addWidget(table, 1)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    return page


class Ro3Tab(RecordTab):
    KEY = "ro3"
    KIND = RouteKind.CASUSREGIE
    TITLE = QCoreApplication.translate("Ro3Tab", "RO3")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.TITLE = self.tr("RO3")
        self.record: dict | None = None
        self.active_dialog: FormDialog | None = None
        self._build()
        self._connect()

    def _build(self) -> None:
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.parties_model, self.agreements_model, self.reviews_model = (
            PartiesModel(self),
            AgreementsModel(self),
            ReviewsModel(self),
        )
        self.agreements = _table(self.agreements_model, self.tr("Afspraken van het plan"))
        fit_columns(self.agreements, (AgreementsModel.COL_PARTY, AgreementsModel.COL_WHAT))
        self.parties = _table(self.parties_model, self.tr("Partijen rond de casus"))
        fit_columns(self.parties, (PartiesModel.COL_ORGANISATION, PartiesModel.COL_CONTACT))
        self.reviews = _table(self.reviews_model, self.tr("Evaluaties van het plan"))
        fit_columns(self.reviews, (ReviewsModel.COL_REPORT,))
        self.add_agreement_button = QPushButton(self.tr("Afspraa&k toevoegen…"))
        self.done_button = QPushButton(self.tr("Af&gerond…"))
        self.not_kept_button = QPushButton(self.tr("&Niet nagekomen…"))
        self.add_party_button = QPushButton(self.tr("&Partij toevoegen…"))
        self.add_review_button = QPushButton(self.tr("E&valuatie vastleggen…"))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(
            _page(self.agreements, self.add_agreement_button, self.done_button, self.not_kept_button),
            self.tr("Afspraken"),
        )
        self.tabs.addTab(_page(self.parties, self.add_party_button), self.tr("Partijen"))
        self.tabs.addTab(_page(self.reviews, self.add_review_button), self.tr("Evaluaties"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.agreements.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_party_button.clicked.connect(self._on_add_party)
        self.add_agreement_button.clicked.connect(self._on_add_agreement)
        self.done_button.clicked.connect(self._on_done)
        self.not_kept_button.clicked.connect(self._on_not_kept)
        self.add_review_button.clicked.connect(self._on_add_review)

    # -- showing ----------------------------------------------------------------------
    def load(self, detail: CaseDetail) -> None:
        self.record = detail.records.get(self.KEY) or {
            "parties": [], "agreements": [], "reviews": [], "editable": self.editable(),
            "next_review_due": None, "review_days": None,
        }  # fmt: skip
        self.parties_model.set_rows(self.record["parties"])
        self.agreements_model.set_rows(self.record["agreements"])
        self.reviews_model.set_rows(self.record["reviews"])
        self.state.setText(self._state_text())
        self._update_buttons()

    def _state_text(self) -> str:
        record = self.record
        if not self.editable():
            return self.read_only_reason() or ""
        overdue = sum(1 for a in record["agreements"] if a["overdue"])
        parts = []
        if record["next_review_due"] is not None:
            due: date = record["next_review_due"]
            parts.append(self.tr("Volgende evaluatie uiterlijk %s.") % f"{due:%d-%m-%Y}")
        if overdue:
            parts.append(self.tr("%s over de termijn.") % count(overdue, "afspraak", "afspraken"))
        return " ".join(parts)

    def may_write(self) -> bool:
        return self.editable() and is_allowed(self._workspace.actor.role, Action.MANAGE_RO3)

    def _selected_row(self) -> int:
        rows = self.agreements.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        may = self.may_write()
        open_selected = self.agreements_model.is_open(self._selected_row())
        pick = self.tr("Kies eerst een open afspraak in de lijst.")
        self.gate(self.done_button, may, open_selected, pick)
        self.gate(self.not_kept_button, may, open_selected, pick)
        has_parties = bool(self.record and self.record["parties"])
        self.gate(self.add_agreement_button, may, has_parties, self.tr("Voeg eerst een partij toe."))
        self.gate(self.add_party_button, may)
        self.gate(self.add_review_button, may)

    # -- writing ----------------------------------------------------------------------
    def _open(self, dialog: FormDialog, prepare: Callable[[], Callable[[], object]]) -> None:
        number = self.detail.number
        self.active_dialog = dialog
        dialog.set_save(prepare)
        dialog.saved.connect(lambda _: self.case_changed.emit(number))
        dialog.open()

    def _on_add_party(self) -> None:
        ws, number = self._workspace, self.detail.number
        dialog = PartyDialog(number, self)

        def prepare():  # noqa: ANN202
            organisation, role, contact = dialog.value()
            return lambda: ws.call(
                ro3_plan.add_party, number=number, organisation=organisation, role=role, contact=contact
            )

        self._open(dialog, prepare)

    def _on_add_agreement(self) -> None:
        ws, number = self._workspace, self.detail.number
        dialog = AgreementDialog(number, [p["organisation"] for p in self.record["parties"]], self)

        def prepare():  # noqa: ANN202
            party, what, due = dialog.value()
            return lambda: ws.call(ro3_plan.add_agreement, number=number, party=party, what=what, due=due)

        self._open(dialog, prepare)

    def _chosen_agreement(self) -> dict | None:
        row = self._selected_row()
        return self.agreements_model.rows[row] if self.agreements_model.is_open(row) else None

    def _on_done(self) -> None:
        ws, number, agreement = self._workspace, self.detail.number, self._chosen_agreement()
        if agreement is None:
            return
        dialog = DoneDialog(number, agreement, self)
        self._open(
            dialog,
            lambda: (
                lambda: ws.call(
                    ro3_plan.mark_done,
                    number=number,
                    agreement_id=agreement["id"],
                    expected_version=agreement["version"],
                )
            ),
        )

    def _on_not_kept(self) -> None:
        ws, number, agreement = self._workspace, self.detail.number, self._chosen_agreement()
        if agreement is None:
            return
        dialog = NotKeptDialog(number, agreement, self)

        def prepare():  # noqa: ANN202
            consequence = dialog.value()
            return lambda: ws.call(
                ro3_plan.mark_not_kept, number=number, agreement_id=agreement["id"],
                consequence=consequence, expected_version=agreement["version"],
            )  # fmt: skip

        self._open(dialog, prepare)

    def _on_add_review(self) -> None:
        ws, number = self._workspace, self.detail.number
        dialog = ReviewDialog(number, self)

        def prepare():  # noqa: ANN202
            held_on, report = dialog.value()
            return lambda: ws.call(ro3_plan.add_review, number=number, held_on=held_on, report=report)

        self._open(dialog, prepare)


#: The tab's class.
TAB: type[RecordTab] | None = Ro3Tab
