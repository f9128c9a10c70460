"""SessionView: the open sitting on the right of the Experttafel workspace: its details,
its agenda (AgendaModel) and the buttons that act on it. Layout only; the workspace
wires the buttons to the services."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.dutch_dates import long_date
from ret_desk.domain.enums import Role
from ret_desk.domain.experttafel import SessionStatus, may_mark_held
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.services.experttafel.advice_views import ItemView
from ret_desk.services.experttafel.session_detail import SessionDetail
from ret_desk.ui.experttafel.models import ID_ROLE, AgendaModel
from ret_desk.ui.flow_layout import FlowLayout


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    return button


def _arrow(arrow: Qt.ArrowType, name: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setArrowType(arrow)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    return button


class SessionView(QWidget):
    def __init__(self, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = role
        self.detail: SessionDetail | None = None
        self.model = AgendaModel(self)
        self._build()
        self.show_session(None)

    def _build(self) -> None:
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.edit_button = _button(self.tr("Zitting b&ewerken…"), "Datum, tijd, plaats en leden wijzigen")
        self.held_button = _button("Markeer als &gehouden", "De zitting heeft plaatsgevonden")
        self.cancel_button = _button("&Annuleren", "De zitting gaat niet door")
        self.replan_button = _button("Opnieuw &plannen", "Een geannuleerde zitting toch laten doorgaan")
        self.reopen_button = _button(
            self.tr("He&ropenen"),
            self.tr("Een per vergissing als gehouden gemarkeerde zitting (nog zonder advies) heropenen"),
        )
        top = FlowLayout()  # the rows wrap on a narrow screen (the window works at 1024×768)
        for b in (
            self.edit_button,
            self.held_button,
            self.cancel_button,
            self.replan_button,
            self.reopen_button,
        ):
            top.addWidget(b)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Agenda van de zitting"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in ((0, 28), (1, 80), (2, 120), (3, 180), (4, 260), (5, 150), (6, 130)):
            self.table.setColumnWidth(column, width)
        # Signals take what room is left. A stretched question column shrank below its own
        # title on a narrow screen; now the table scrolls sideways instead.
        header.setStretchLastSection(True)

        self.add_button = _button("Casus &toevoegen…", "Een casus op de agenda zetten (Ctrl+T)")
        self.edit_item_button = _button("Agendapunt &wijzigen…", "Vraagstelling, inbrenger en tijd")
        # Arrow buttons keep the row narrow enough for a 1024-px screen; names for screen readers.
        self.up_button = _arrow(Qt.ArrowType.UpArrow, self.tr("Omhoog"), "Eerder op de agenda (Ctrl+Omhoog)")
        self.down_button = _arrow(
            Qt.ArrowType.DownArrow, self.tr("Omlaag"), "Later op de agenda (Ctrl+Omlaag)"
        )
        self.remove_button = _button(self.tr("&Van agenda halen"), "Alleen zolang er geen advies is")
        self.advice_button = _button("A&dvies vastleggen…", "Advies, actiepunten en follow-up (Enter)")
        items = FlowLayout()
        for b in (
            self.add_button,
            self.edit_item_button,
            self.up_button,
            self.down_button,
            self.remove_button,
            self.advice_button,
        ):
            items.addWidget(b)

        self.pseudonymised = QCheckBox("Gepseudonimiseerd (zonder naam, BSN, adres, geboortedatum)")
        self.pseudonymised.setChecked(True)  # privacy by default: the experts need no identity
        self.agenda_print = _button("Agenda…", "De agenda van deze zitting als PDF")
        self.summary_print = _button("Casus&overzicht…", "Het casusoverzicht van het gekozen agendapunt")
        self.pack_print = _button("&Zittingspakket…", "Agenda plus alle casusoverzichten in één PDF")
        self.letter_print = _button(
            self.tr("Advie&sbrief…"), "De adviesbrief aan de verwijzer van het gekozen punt"
        )
        prints = FlowLayout()
        for b in (self.agenda_print, self.summary_print, self.pack_print, self.letter_print):
            prints.addWidget(b)
        print_box = QGroupBox("Afdrukken")
        print_layout = QVBoxLayout(print_box)
        print_layout.addWidget(self.pseudonymised)
        print_layout.addLayout(prints)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(items)
        layout.addWidget(print_box)
        self.setTabOrder(self.table, self.add_button)

    # -- display -----------------------------------------------------------------------
    def show_session(self, detail: SessionDetail | None) -> None:
        selected = self.selected_item()
        same = detail is not None and self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        if detail is None:
            self.header.setText("<i>Kies links een zitting, of plan een nieuwe (Ctrl+Shift+N).</i>")
            self.model.set_agenda([], {})
        else:
            d = detail.data
            where = ", ".join(escape(p) for p in (d.place, d.video_link) if p) or "plaats nog niet bekend"
            present = ", ".join(f"{escape(m.name)} ({m.discipline.label})" for m in d.members if not m.absent)
            absent = ", ".join(escape(m.name) for m in d.members if m.absent)
            self.header.setText(
                f"<h2>Zitting {long_date(d.held_on, weekday=True)}, {d.start_time} uur</h2>"
                f"<p>{where} · voorzitter {escape(d.chair)}"
                + (f" · notulist {escape(d.minute_taker)}" if d.minute_taker else "")
                + f" · <b>{detail.status.label}</b></p>"
                + f"<p>Leden: {present or '—'}"
                + (f" · afwezig: {absent}" if absent else "")
                + "</p>"
            )
            self.model.set_agenda(list(detail.items), detail.youths, keep=same)
            if selected is not None:
                self.select_item(selected.id)
        self.update_buttons()

    def _update_held(self, status: SessionStatus | None, may_plan: bool) -> None:
        """Held is for a planned sitting whose day has come; in the future it is explained."""
        future = self.detail is not None and self.detail.data.held_on > date.today()
        self.held_button.setEnabled(
            status is not None and may_plan and may_mark_held(status, self.detail.data.held_on, date.today())
        )
        self.held_button.setToolTip(
            self.tr(
                "Deze zitting is in de toekomst: ze kan pas op de zittingsdag als gehouden worden gemarkeerd."
            )
            if future and status is SessionStatus.PLANNED
            else self.tr("De zitting heeft plaatsgevonden")
        )

    def selected_item(self) -> ItemView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select_item(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectRow(row)

    def item_id_at(self, row: int) -> int:
        return self.model.index(row, 0).data(ID_ROLE)

    def update_buttons(self) -> None:
        allowed = lambda action: is_allowed(self._role, action)  # noqa: E731
        status = self.detail.status if self.detail else None
        item = self.selected_item()
        has_session, open_session = (
            status is not None,
            status is not None and status is not SessionStatus.CANCELLED,
        )
        self.edit_button.setEnabled(has_session and allowed(Action.PLAN_SESSIONS))
        self._update_held(status, allowed(Action.PLAN_SESSIONS))
        self.cancel_button.setEnabled(status is SessionStatus.PLANNED and allowed(Action.PLAN_SESSIONS))
        self.replan_button.setVisible(status is SessionStatus.CANCELLED)
        self.replan_button.setEnabled(allowed(Action.PLAN_SESSIONS))
        advised = any(i.advice_type is not None for i in self.model.rows)
        self.reopen_button.setVisible(status is SessionStatus.HELD)
        self.reopen_button.setEnabled(not advised and allowed(Action.PLAN_SESSIONS))
        self.reopen_button.setToolTip(
            self.tr("Er is al advies vastgelegd: deze zitting blijft gehouden.")
            if advised
            else self.tr("Een per vergissing als gehouden gemarkeerde zitting (nog zonder advies) heropenen")
        )
        self.add_button.setEnabled(status is SessionStatus.PLANNED and allowed(Action.PROPOSE_AGENDA))
        self.edit_item_button.setEnabled(item is not None and open_session and allowed(Action.PROPOSE_AGENDA))
        for b in (self.up_button, self.down_button):
            b.setEnabled(item is not None and open_session and allowed(Action.PLAN_SESSIONS))
        self.remove_button.setEnabled(
            item is not None and item.advice_type is None and open_session and allowed(Action.PLAN_SESSIONS)
        )
        # Advice follows the sitting: for one still to come the button says so, before the
        # chair has typed a whole advice only to hear it (the service refuses it as well).
        future = self.detail is not None and self.detail.data.held_on > date.today()
        self.advice_button.setEnabled(
            item is not None and open_session and not future and allowed(Action.RECORD_ADVICE)
        )
        self.advice_button.setToolTip(
            self.tr("De zitting is nog niet geweest: leg het advies na de zitting vast.")
            if future
            else self.tr("Advies, actiepunten en follow-up (Enter)")
        )
        may_print = allowed(Action.PRINT_REPORTS)
        self.agenda_print.setEnabled(has_session and may_print)
        self.pack_print.setEnabled(has_session and bool(self.model.rows) and may_print)
        self.summary_print.setEnabled(item is not None and may_print)
        self.letter_print.setEnabled(item is not None and item.advice_type is not None and may_print)
