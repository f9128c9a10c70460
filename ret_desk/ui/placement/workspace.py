"""PlacementWorkspace: Regie op plaatsing's four parts in tabs: the capacity board, the
open requests (with the match dialog and the batch proposal), and the placement timeline.
Every query and write runs in the background; the batch shows progress and can be cancelled."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QProgressDialog, QTabWidget, QVBoxLayout, QWidget

from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.services.admin import reference
from ret_desk.services.context import Workspace
from ret_desk.services.placement import (
    capacity,
    match,
    placement_requests,
    placements,
    provider_answers,
    rop_figures,
)
from ret_desk.services.placement.rop_reference import type_choices
from ret_desk.ui.live_refresh import Change, Topic
from ret_desk.ui.ops import Op
from ret_desk.ui.placement.batch_dialog import BatchDialog
from ret_desk.ui.placement.board import CapacityBoard
from ret_desk.ui.placement.import_flow import LocationImportFlow
from ret_desk.ui.placement.match_dialog import MatchDialog
from ret_desk.ui.placement.placement_dialogs import EndPlacementDialog, to_date
from ret_desk.ui.placement.request_dialogs import AnswerDialog, RequestDialog
from ret_desk.ui.placement.requests_tab import RequestsTab, figures_text
from ret_desk.ui.placement.start_flow import start_placement_flow
from ret_desk.ui.placement.timeline_tab import TimelineTab
from ret_desk.ui.progress_run import ProgressRun

BATCH_RATIONALE = (
    "Batchvoorstel: beste verdeling van alle open verzoeken over de vrije plekken (urgentie weegt mee)."
)


class PlacementWorkspace(QWidget):
    status_message = Signal(str)
    case_changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._requests_seen: frozenset[int] = frozenset()  # case ids this list logged (NEN 7513)
        self._workspace = workspace
        role = workspace.actor.role
        self.active_dialog = None
        self.batch_run: ProgressRun | None = None
        self.types: list[tuple[str, str]] = []
        self.municipalities: list[tuple[str, str]] = []  # (name, CBS code), for the school's municipality
        self.board = CapacityBoard(workspace, [], self)
        self.requests = RequestsTab(self)
        self.timeline = TimelineTab(self, workspace)
        self.importer = LocationImportFlow(workspace, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.board, "&Capaciteit")
        self.tabs.addTab(self.requests, "&Verzoeken")
        self.tabs.addTab(self.timeline, "&Plaatsingshistorie")
        QVBoxLayout(self).addWidget(self.tabs)
        may_match = is_allowed(role, Action.MATCH_PLACEMENTS)
        self.requests.match_button.setEnabled(may_match)
        self.requests.answer_button.setEnabled(may_match)
        self.requests.new_button.setEnabled(is_allowed(role, Action.MANAGE_REQUESTS))
        self.requests.batch_button.setEnabled(may_match)
        self.timeline.start_button.setEnabled(is_allowed(role, Action.RECORD_PLACEMENTS))
        self.timeline.end_button.setEnabled(is_allowed(role, Action.RECORD_PLACEMENTS))
        self._connect()

    def _connect(self) -> None:
        self.board.status_message.connect(self.status_message)
        self.board.import_button.clicked.connect(self.importer.choose_and_run)
        self.importer.finished.connect(self._after_import)
        self.requests.match_button.clicked.connect(self._on_match)
        self.requests.table.doubleClicked.connect(lambda _: self._on_match())
        self.requests.batch_button.clicked.connect(self._on_batch)
        self.requests.new_button.clicked.connect(self._on_new_request)
        self.requests.answer_button.clicked.connect(self._on_answer)
        self.requests.refresh_button.clicked.connect(self.reload_requests)
        self.timeline.show_button.clicked.connect(
            lambda: self.show_history(self.timeline.number.text().strip())
        )
        self.timeline.start_button.clicked.connect(self._on_start)
        self.timeline.end_button.clicked.connect(self._on_end)
        QShortcut(
            QKeySequence("Ctrl+M"),
            self,
            self._on_match,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    # -- state ------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("placement/board", self.board.table.horizontalHeader().saveState())
        settings.setValue("placement/tab", self.tabs.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        if (state := settings.value("placement/board")) is not None:
            self.board.table.horizontalHeader().restoreState(state)
        self.tabs.setCurrentIndex(int(settings.value("placement/tab", 0)))

    # -- loading ----------------------------------------------------------------------
    def start(self) -> None:
        ws = self._workspace

        def work():  # noqa: ANN202
            return (
                ws.call(type_choices),
                ws.call(capacity.capacity_choices),
                [(m.name, m.cbs_code) for m in ws.call_anonymous(reference.municipalities)],
            )

        def loaded(result) -> None:  # noqa: ANN001
            self.types, choices, self.municipalities = result
            box = self.board.type_filter
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for label, code in self.types:
                box.addItem(label, code)
            box.blockSignals(False)
            self.board.set_choices(choices)
            self.board.apply_filter()

        Op(self, work).success(loaded).run()
        self.reload_requests()

    def on_live_change(self, change: Change) -> None:
        """Another user's commit (ui/live_refresh.py): reload the board, the requests and
        the shown history where it touches them, keeping selection and scroll position."""
        if change.affects(Topic.CAPACITY):
            self._refresh_board()
        if change.affects(Topic.REQUESTS):
            self.reload_requests(keep=True)
        history = self.timeline.history
        if history is not None and (change.affects(Topic.REQUESTS) or change.affects(Topic.CASES)):
            self.show_history(history.case_number)

    def _refresh_board(self) -> None:
        if self.board.table.state() == QAbstractItemView.State.EditingState:
            QTimer.singleShot(500, self._refresh_board)  # a number being typed in the board stays
            return
        self.board.model.refresh()

    def reload_requests(self, *, keep: bool = False) -> None:
        """Load the requests; with `keep` (a live refresh) only cases the viewer was not yet
        shown in this list are logged again (NEN 7513, README "Audit")."""
        ws = self._workspace
        seen = self._requests_seen if keep else frozenset()

        def work():  # noqa: ANN202
            rows = ws.call(placement_requests.list_requests, seen=seen)
            return rows, ws.call(rop_figures.rop_figures)

        def loaded(result) -> None:  # noqa: ANN001
            rows, figures = result
            self._requests_seen = seen | {row.case_id for row in rows}
            self.requests.show_requests(rows, keep=keep)
            self.requests.figures.setText(figures_text(figures))

        Op(self, work).success(loaded).run()

    def show_history(self, number: str) -> None:
        if not number:
            return
        self.timeline.number.setText(number)
        ws = self._workspace
        Op(self, lambda: ws.call(placements.placement_history, number=number)).success(
            self.timeline.show_history
        ).run()

    def _after_import(self, message: str) -> None:
        self.status_message.emit(message)
        self.start()  # new municipalities and specialisms for the filters, and the rows

    def _after_write(self, message: str, number: str) -> None:
        self.status_message.emit(message)
        self.case_changed.emit(number)
        self.reload_requests()
        self.board.model.reload()
        if self.timeline.history is not None and self.timeline.history.case_number == number:
            self.show_history(number)

    # -- matching ---------------------------------------------------------------------
    def _on_match(self) -> None:
        row = self.requests.selected()
        if row is None or not self.requests.match_button.isEnabled():
            return
        ws = self._workspace
        Op(self, lambda: ws.call(match.match_case, number=row.case_number)).success(self._show_match).run()

    def _show_match(self, view: match.MatchView) -> None:
        dialog = MatchDialog(view, self)
        ws, number = self._workspace, view.request["case"]

        def prepare():  # noqa: ANN202
            chosen, rationale = dialog.chosen(), dialog.rationale.toPlainText()
            return lambda: ws.call(
                match.log_decision, number=number, location_agb=chosen.offer.location_agb,
                type_code=chosen.offer.type_code, rationale=rationale,
            )  # fmt: skip

        def logged(_decision_id: int) -> None:
            chosen = dialog.chosen()
            self._after_write(f"Match voor casus {number} vastgelegd: {chosen.offer.location}.", number)
            if dialog.place_after:
                self.place(number, chosen.offer.location_agb, chosen.offer.type_code)

        self._open_form(dialog, prepare, logged)

    def _open_form(self, dialog, prepare, on_saved) -> None:  # noqa: ANN001
        """A form dialog that saves through `prepare` and closes only when that succeeded."""
        self.active_dialog = dialog
        dialog.set_save(prepare)
        dialog.saved.connect(on_saved)
        dialog.open()

    def _on_batch(self) -> None:
        ws = self._workspace
        self.batch_run = ProgressRun(
            self,
            "Batchvoorstel berekenen…",
            lambda report: ws.call(match.batch_proposal, progress=report),
            done=self._show_batch,
        )

    @property
    def progress(self) -> QProgressDialog | None:
        return self.batch_run.dialog if self.batch_run is not None else None

    def _show_batch(self, result, cancelled: bool) -> None:  # noqa: ANN001
        if cancelled:
            self.status_message.emit("Batchvoorstel afgebroken.")
            return
        rows, unmatched = result
        dialog = BatchDialog(rows, unmatched, self)
        self.active_dialog = dialog
        dialog.accept_line.connect(self._accept_proposal)
        dialog.open()

    def _accept_proposal(self, row: match.ProposalRow) -> None:
        ws = self._workspace

        def work() -> int:
            # The batch may give a request its second choice for the good of all: that is the reason.
            return ws.call(
                match.log_decision, number=row.case_number, location_agb=row.location_agb,
                type_code=row.placement_type, rationale=BATCH_RATIONALE,
            )  # fmt: skip

        Op(self, work).success(
            lambda _: self._after_write(f"Voorstel voor {row.case_number} geaccepteerd.", row.case_number)
        ).run()

    def _on_new_request(self) -> None:
        dialog = RequestDialog(
            self.types, self, workspace=self._workspace, municipalities=self.municipalities
        )
        ws = self._workspace

        def prepare():  # noqa: ANN202
            number, data = dialog.number.number(), dialog.value()
            return lambda: ws.call(placement_requests.create_request, number=number, data=data)

        def saved(_) -> None:  # noqa: ANN001
            number = dialog.number.number()
            self._after_write(f"Plaatsingsverzoek voor casus {number} vastgelegd.", number)

        self._open_form(dialog, prepare, saved)

    def _on_answer(self) -> None:
        row, ws = self.requests.selected(), self._workspace
        if row is None:
            return

        def ask(found) -> None:  # noqa: ANN001
            if found is None:
                self.status_message.emit(f"Voor casus {row.case_number} is nog geen match vastgelegd.")
                return
            decision_id, location, _ = found
            dialog = AnswerDialog(row.case_number, location, self)

            def prepare():  # noqa: ANN202
                accepted, reason = dialog.accepted_by_provider, dialog.reason.text()
                return lambda: ws.call(
                    provider_answers.record_provider_answer,
                    decision_id=decision_id,
                    accepted=accepted,
                    reason=reason,
                )

            self._open_form(
                dialog,
                prepare,
                lambda _: self._after_write("Antwoord van de aanbieder vastgelegd.", row.case_number),
            )

        Op(self, lambda: ws.call(provider_answers.latest_decision, request_id=row.id)).success(ask).run()

    # -- placements -------------------------------------------------------------------
    def _on_start(self) -> None:
        number = self.timeline.number.text().strip()
        if not number:
            self.timeline.number.setFocus()
            return
        self.place(number)

    def place(self, number: str, agb: str = "", type_code: str = "") -> None:
        """Open the start-placement dialog for case `number`, filled with a place when given."""

        def history_shown(history: placements.PlacementHistory) -> None:
            self.timeline.number.setText(number)
            self.timeline.show_history(history)
            self.tabs.setCurrentWidget(self.timeline)

        def started() -> None:
            self._after_write(f"Plaatsing van casus {number} gestart.", number)

        start_placement_flow(
            self, self._workspace, number, agb=agb, type_code=type_code, on_history=history_shown,
            on_open=self._remember, on_saved=started,
        )  # fmt: skip

    def _remember(self, dialog) -> None:  # noqa: ANN001
        self.active_dialog = dialog

    def _on_end(self) -> None:
        number, where = self.timeline.number.text().strip(), self.timeline.running()
        if not number or where is None:
            self.status_message.emit("Deze jeugdige heeft geen lopende plaatsing.")
            return
        dialog = EndPlacementDialog(number, where, self)
        ws = self._workspace

        def prepare():  # noqa: ANN202
            on, reason = to_date(dialog.ended_on), dialog.end_reason()
            return lambda: ws.call(placements.end_placement, number=number, ended_on=on, reason=reason)

        self._open_form(
            dialog, prepare, lambda _: self._after_write(f"Plaatsing van casus {number} beëindigd.", number)
        )
