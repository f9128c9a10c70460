"""ExperttafelWorkspace: the sitting list and the open follow-ups on the left, the open
sitting (SessionView) on the right; every action goes through a service in the background."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.experttafel import SessionStatus
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel import agenda
from ret_desk.services.experttafel import sittings as experttafel
from ret_desk.services.experttafel.advice_views import follow_ups
from ret_desk.services.experttafel.session_detail import get_session
from ret_desk.ui.confirm import ask
from ret_desk.ui.experttafel.advice_dialog import AdviceDialog
from ret_desk.ui.experttafel.agenda_dialog import AgendaDialog
from ret_desk.ui.experttafel.models import ID_ROLE, SessionListModel
from ret_desk.ui.experttafel.print_flow import PrintFlow
from ret_desk.ui.experttafel.session_dialog import SessionDialog
from ret_desk.ui.experttafel.session_view import SessionView
from ret_desk.ui.form_dialog import FormDialog
from ret_desk.ui.live_refresh import Change, Topic
from ret_desk.ui.ops import Op


class ExperttafelWorkspace(QWidget):
    status_message = Signal(str)
    #: A case's advice or agenda changed (the case desk listens through the app).
    case_changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._role = workspace.actor.role
        self._current: int | None = None
        self._request = 0
        self.active_dialog = None
        self.active_confirm = None
        self.sessions = SessionListModel(self)
        self.printer = PrintFlow(workspace, self)
        self._build()
        self._connect()

    def _build(self) -> None:
        self.new_button = QPushButton("&Nieuwe zitting…")
        self.new_button.setToolTip("Een zitting plannen (Ctrl+Shift+N)")
        self.new_button.setEnabled(is_allowed(self._role, Action.PLAN_SESSIONS))
        self.table = QTableView()
        self.table.setModel(self.sessions)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 85), (1, 50), (2, 90), (3, 70)):
            self.table.setColumnWidth(column, width)
        self.follow_up_list = QListWidget()
        self.follow_up_list.setWordWrap(True)
        self.follow_up_list.setAlternatingRowColors(True)
        self.follow_up_list.setSpacing(2)
        self.follow_up_label = QLabel("Follow-up")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(QLabel("Zittingen"))
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(self.follow_up_label)
        left_layout.addWidget(self.follow_up_list, 2)
        self.view = SessionView(self._role)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 900])  # the session gets the room; the list keeps its dates
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        v = self.view
        self.new_button.clicked.connect(self._on_new_session)
        self.table.selectionModel().currentRowChanged.connect(self._on_session_chosen)
        self.follow_up_list.itemActivated.connect(self._on_follow_up_chosen)
        v.table.selectionModel().selectionChanged.connect(v.update_buttons)
        v.table.doubleClicked.connect(self._on_advice)
        v.edit_button.clicked.connect(self._on_edit_session)
        v.held_button.clicked.connect(lambda: self._set_status(SessionStatus.HELD))
        v.cancel_button.clicked.connect(lambda: self._set_status(SessionStatus.CANCELLED))
        v.replan_button.clicked.connect(lambda: self._set_status(SessionStatus.PLANNED))
        v.reopen_button.clicked.connect(lambda: self._set_status(SessionStatus.PLANNED))
        v.add_button.clicked.connect(self._on_add_case)
        v.edit_item_button.clicked.connect(self._on_edit_item)
        v.up_button.clicked.connect(lambda: self._move(-1))
        v.down_button.clicked.connect(lambda: self._move(1))
        v.remove_button.clicked.connect(self._on_remove)
        v.advice_button.clicked.connect(self._on_advice)
        v.agenda_print.clicked.connect(lambda: self.printer.agenda(self._current))
        v.pack_print.clicked.connect(self._on_pack)
        v.summary_print.clicked.connect(self._on_summary)
        v.letter_print.clicked.connect(self._on_letter)
        self.printer.status_message.connect(self.status_message)
        for keys, slot in (
            ("Ctrl+Shift+N", self._on_new_session),
            ("Ctrl+T", self._on_add_case),
            ("Ctrl+Up", lambda: self._move(-1)),
            ("Ctrl+Down", lambda: self._move(1)),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @property
    def current_session(self) -> int | None:
        return self._current

    # -- state ------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("experttafel/splitter", self.splitter.saveState())
        settings.setValue("experttafel/agenda", self.view.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        if (state := settings.value("experttafel/splitter")) is not None:
            self.splitter.restoreState(state)
        if (state := settings.value("experttafel/agenda")) is not None:
            self.view.table.horizontalHeader().restoreState(state)

    # -- loading ----------------------------------------------------------------------
    def start(self) -> None:
        self.reload()

    def reload(self, *, keep: bool = False) -> None:
        ws = self._workspace

        def work():  # noqa: ANN202
            rows = ws.call(experttafel.list_sessions)
            return rows, ws.call(follow_ups)

        Op(self, work).success(lambda result: self._on_loaded(result, keep)).run()

    def on_live_change(self, change: Change) -> None:
        """Another user's commit (ui/live_refresh.py): the sittings, the follow-ups and the
        open sitting's agenda reload, keeping the selection and the scroll position."""
        if not (change.affects(Topic.SITTINGS) or change.affects(Topic.CASES)):
            return
        self.reload(keep=True)
        if self._current is not None:
            selected = self.view.selected_item()
            self.open_session(self._current, selected.id if selected else None)

    def _on_loaded(self, result, keep: bool = False) -> None:  # noqa: ANN001
        rows, pending = result
        chosen = self.follow_up_list.currentItem()
        chosen = chosen.data(ID_ROLE) if chosen is not None else None
        (self.sessions.refresh_rows if keep else self.sessions.set_rows)(rows)
        self.follow_up_list.clear()
        for row in pending:
            text = f"{row.case_number} · {row.signal.code.label}\n{row.signal.message}"
            item = QListWidgetItem(text, self.follow_up_list)
            item.setData(ID_ROLE, (row.session_id, row.item_id))
            item.setToolTip(f"Zitting {short_date(row.session_date)}; Enter opent de zitting")
            if keep and item.data(ID_ROLE) == chosen:
                self.follow_up_list.setCurrentItem(item)
        self.follow_up_label.setText(f"Follow-up ({len(pending)})")
        if self._current is not None and (index := self.sessions.row_of(self._current)) >= 0:
            self.table.selectRow(index)
        elif rows and self._current is None:
            self.table.selectRow(self._default_row(rows))

    @staticmethod
    def _default_row(rows) -> int:  # noqa: ANN001
        """The next planned sitting, else the newest (rows are newest first)."""
        planned = [i for i, r in enumerate(rows) if r.status is SessionStatus.PLANNED]
        return planned[-1] if planned else 0

    def open_session(self, session_id: int | None, select_item: int | None = None) -> None:
        self._current = session_id
        if session_id is None:
            self.view.show_session(None)
            return
        self._request += 1
        request, ws = self._request, self._workspace

        def shown(detail) -> None:  # noqa: ANN001
            if request == self._request:  # only the newest load may show
                self.view.show_session(detail)
                if select_item is not None:
                    self.view.select_item(select_item)

        Op(self, lambda: ws.call(get_session, session_id=session_id)).success(shown).run()

    def _refresh(self, message: str, number: str | None = None) -> None:
        self.status_message.emit(message)
        if number:
            self.case_changed.emit(number)
        self.open_session(self._current, self.view.selected_item().id if self.view.selected_item() else None)
        self.reload()

    def _run(self, fn, message: str, number: str | None = None) -> None:  # noqa: ANN001
        Op(self, fn).success(lambda _: self._refresh(message, number)).run()

    # -- slots ------------------------------------------------------------------------
    def _on_session_chosen(self, current, _previous) -> None:  # noqa: ANN001
        self.open_session(current.data(ID_ROLE) if current.isValid() else None)

    def _on_follow_up_chosen(self, item: QListWidgetItem) -> None:
        session_id, item_id = item.data(ID_ROLE)
        if (row := self.sessions.row_of(session_id)) >= 0:
            self.table.selectRow(row)
        self.open_session(session_id, item_id)

    def _dialog(self, dialog: FormDialog, prepare, message: str = "", number: str | None = None) -> None:  # noqa: ANN001
        """Open a form dialog that saves through `prepare` and closes only when that succeeded."""
        self.active_dialog = dialog
        dialog.set_save(prepare)
        dialog.saved.connect(lambda _: self._refresh(message, number))
        dialog.open()

    def _on_new_session(self) -> None:
        if not self.new_button.isEnabled():
            return
        dialog = SessionDialog(parent=self)
        ws = self._workspace

        def prepare():  # noqa: ANN202
            data = dialog.value()
            return lambda: ws.call(experttafel.plan_session, data=data)

        def planned(session_id: int) -> None:
            self._current = session_id
            self.status_message.emit(f"Zitting van {short_date(dialog.value().held_on)} gepland.")
            self.open_session(session_id)
            self.reload()

        self.active_dialog = dialog
        dialog.set_save(prepare)
        dialog.saved.connect(planned)
        dialog.open()

    def _on_edit_session(self) -> None:
        detail = self.view.detail
        if detail is None:
            return
        dialog = SessionDialog(detail.data, self)
        ws = self._workspace

        def prepare():  # noqa: ANN202
            data = dialog.value()
            return lambda: ws.call(
                experttafel.update_session, session_id=detail.id, data=data, expected_version=detail.version
            )

        self._dialog(dialog, prepare, "Zitting bijgewerkt.")

    _ASK = {
        SessionStatus.HELD: (
            QT_TRANSLATE_NOOP("ExperttafelWorkspace", "Zitting als gehouden markeren"),
            QT_TRANSLATE_NOOP(
                "ExperttafelWorkspace",
                "Markeer de zitting van %s als gehouden? Daarna kan er geen casus meer op de agenda.",
            ),
        ),
        SessionStatus.CANCELLED: (
            QT_TRANSLATE_NOOP("ExperttafelWorkspace", "Zitting annuleren"),
            QT_TRANSLATE_NOOP(
                "ExperttafelWorkspace",
                "Annuleer de zitting van %s? De casussen op de agenda moeten dan opnieuw gepland worden.",
            ),
        ),
    }

    def _set_status(self, status: SessionStatus) -> None:
        detail, ws = self.view.detail, self._workspace
        if detail is None:
            return

        def change() -> None:
            self._run(
                lambda: ws.call(
                    experttafel.set_session_status,
                    session_id=detail.id,
                    status=status,
                    expected_version=detail.version,
                ),  # fmt: skip
                "Zitting heropend."
                if detail.status is SessionStatus.HELD
                else f"Zitting: {status.label.lower()}.",
            )

        if status in self._ASK:
            title, question = self._ASK[status]
            self.active_confirm = ask(
                self, self.tr(title), self.tr(question) % short_date(detail.data.held_on), change
            )
        else:
            change()

    def _on_add_case(self) -> None:
        if self.view.detail is None or not self.view.add_button.isEnabled():
            return
        dialog = AgendaDialog(
            may_route=is_allowed(self._role, Action.ROUTE_CASE), workspace=self._workspace, parent=self
        )
        ws, session_id = self._workspace, self.view.detail.id

        def prepare():  # noqa: ANN202
            number, data, reason = dialog.number.number(), dialog.value(), dialog.route_reason.text()
            return lambda: ws.call(
                agenda.add_to_agenda, session_id=session_id, number=number, data=data,
                route_reason=reason or None,
            )  # fmt: skip

        self._dialog(dialog, prepare)
        dialog.saved.connect(lambda _: self._on_case_added(dialog.number.number()))

    def _on_case_added(self, number: str) -> None:
        self.status_message.emit(f"Casus {number} staat op de agenda.")
        self.case_changed.emit(number)

    def _on_edit_item(self) -> None:
        item = self.view.selected_item()
        if item is None:
            return
        current = agenda.AgendaInput(
            item.question, item.presenter, item.slot_start, item.slot_minutes, item.youth_attends,
            item.parents_attend,
        )  # fmt: skip
        dialog = AgendaDialog(may_route=False, item=current, number=item.case_number, parent=self)
        ws = self._workspace

        def prepare():  # noqa: ANN202
            data = dialog.value()
            return lambda: ws.call(
                agenda.update_agenda_item, item_id=item.id, data=data, expected_version=item.version
            )

        self._dialog(dialog, prepare, "Agendapunt bijgewerkt.")

    def _move(self, steps: int) -> None:
        item, ws = self.view.selected_item(), self._workspace
        if item is None or not self.view.up_button.isEnabled():
            return
        self._run(lambda: ws.call(agenda.move_agenda_item, item_id=item.id, steps=steps), "")

    def _on_remove(self) -> None:
        item, ws = self.view.selected_item(), self._workspace
        if item is None:
            return
        self._run(
            lambda: ws.call(agenda.remove_from_agenda, item_id=item.id),
            f"Casus {item.case_number} van de agenda gehaald.",
            item.case_number,
        )

    def _on_advice(self) -> None:
        item = self.view.selected_item()
        if item is None or not self.view.advice_button.isEnabled():
            return
        dialog = AdviceDialog(item, self.view.model.youths.get(item.case_number, ""), self)
        message = f"Advies over casus {item.case_number} vastgelegd."
        self._dialog(dialog, lambda: dialog.save_work(self._workspace), message, item.case_number)

    def _on_pack(self) -> None:
        if self.view.detail is not None:
            self.printer.pack(self.view.detail.id, self.view.pseudonymised.isChecked())

    def _on_summary(self) -> None:
        item = self.view.selected_item()
        if item is not None:
            self.printer.summary(item.case_number, self.view.pseudonymised.isChecked(), item.session_id)

    def _on_letter(self) -> None:
        item = self.view.selected_item()
        if item is not None:
            self.printer.letter(item.session_id, item.case_number)
