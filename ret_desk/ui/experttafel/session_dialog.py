"""SessionDialog: plan or edit a sitting (date, time, place or video link, chair,
minute-taker) and its members with their discipline and presence. A FormDialog: it stays
open until the sitting is stored; a refusal (a stale edit, a rule) shows in it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.errors import FieldError
from ret_desk.domain.experttafel import Discipline
from ret_desk.services.experttafel.sittings import MemberInput, SessionInput, session_problems
from ret_desk.ui.form_dialog import FormDialog, choice_combo
from ret_desk.ui.grid import EditorDelegate, GridModel, grid_view, open_editors

COL_NAME, COL_DISCIPLINE, COL_ABSENT = range(3)


class SessionDialog(FormDialog):
    def __init__(self, data: SessionInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Zitting bewerken" if data else "Nieuwe zitting")
        self.setMinimumWidth(560)
        self._build()
        self._connect()
        self._fill(data)

    def _build(self) -> None:
        self.held_on = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
        self.start_time = QTimeEdit(displayFormat="HH:mm")
        self.place = QLineEdit(placeholderText="Bijvoorbeeld: Provinciehuis Assen, zaal 2")
        self.video_link = QLineEdit(placeholderText="https://… (optioneel)")
        self.chair = QLineEdit()
        self.minute_taker = QLineEdit()
        # Every cell of a member row is a field: name, discipline (starts unchosen), absent.
        self.member_rows = GridModel(
            ["Naam", "Discipline", "Afwezig"],
            editable=[COL_NAME, COL_DISCIPLINE, COL_ABSENT],
            labels={COL_DISCIPLINE: lambda value: Discipline(value).label if value else ""},
        )
        self.members = grid_view(self.member_rows, self.tr("Leden van de zitting"))
        editors = {
            COL_NAME: QLineEdit,
            COL_DISCIPLINE: lambda: choice_combo([(each.label, each.value) for each in Discipline]),
            COL_ABSENT: QCheckBox,
        }
        self.members.setItemDelegate(EditorDelegate(editors, self.members))
        self.members.horizontalHeader().setStretchLastSection(False)
        self.members.setColumnWidth(COL_NAME, 200)
        self.members.setColumnWidth(COL_DISCIPLINE, 220)
        self.add_member = QPushButton("Lid &toevoegen")
        self.remove_member = QPushButton(self.tr("Lid ve&rwijderen"))
        form = QFormLayout()
        self.add_field(form, "&Datum", self.held_on)
        self.add_field(form, "&Aanvang", self.start_time, "start_time")
        self.add_field(form, "&Plaats", self.place, "place")
        self.add_field(form, self.tr("V&ideolink"), self.video_link, "video_link")
        self.add_field(form, "&Voorzitter", self.chair, "chair")
        self.add_field(form, "&Notulist", self.minute_taker, "minute_taker")
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(self.add_member)
        member_buttons.addWidget(self.remove_member)
        member_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.members, 1)
        layout.addLayout(member_buttons)
        layout.addWidget(self.error_label("members"))
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.add_member.clicked.connect(lambda: self.add_member_row(None))
        self.remove_member.clicked.connect(self._on_remove_member)

    def _fill(self, data: SessionInput | None) -> None:
        if data is None:
            self.held_on.setDate(QDate.currentDate().addDays(7))
            self.start_time.setTime(QTime(9, 30))
        else:
            self.held_on.setDate(QDate(data.held_on.year, data.held_on.month, data.held_on.day))
            hours, minutes = (int(p) for p in data.start_time.split(":"))
            self.start_time.setTime(QTime(hours, minutes))
            self.place.setText(data.place)
            self.video_link.setText(data.video_link)
            self.chair.setText(data.chair)
            self.minute_taker.setText(data.minute_taker)
            for member in data.members:
                self.add_member_row(member)
        self.revalidate()

    def add_member_row(self, member: MemberInput | None) -> None:
        """A member row; a new one (None) starts with an empty name and no discipline chosen."""
        row = self.member_rows.add_row(
            {
                COL_NAME: member.name if member else "",
                COL_DISCIPLINE: member.discipline.value if member else None,
                COL_ABSENT: member.absent if member else False,
            }
        )
        name, discipline, _absent = open_editors(self.members, row, [COL_NAME, COL_DISCIPLINE, COL_ABSENT])
        self.watch("members", name, discipline)
        name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_remove_member(self) -> None:
        row = self.members.currentIndex().row()
        if row >= 0:
            self.member_rows.remove_row(row)
            self.revalidate()

    def value(self) -> SessionInput:
        qdate = self.held_on.date()
        members = []
        for row in self.member_rows.rows:
            name = (row[COL_NAME] or "").strip()
            if not name:
                continue  # an empty row the user added and left
            # An unchosen discipline is reported by problems(); the stand-in is never saved.
            discipline = Discipline(row[COL_DISCIPLINE] or Discipline.OTHER)
            members.append(MemberInput(name, discipline, bool(row[COL_ABSENT])))
        return SessionInput(
            held_on=date(qdate.year(), qdate.month(), qdate.day()),
            start_time=self.start_time.time().toString("HH:mm"),
            chair=self.chair.text(),
            place=self.place.text(),
            video_link=self.video_link.text(),
            minute_taker=self.minute_taker.text(),
            members=tuple(members),
        )

    def problems(self) -> list[FieldError]:
        errors = session_problems(self.value())
        for row in self.member_rows.rows:
            named = (row[COL_NAME] or "").strip()
            if named and not row[COL_DISCIPLINE]:
                errors.append(FieldError("members", self.tr("Kies de discipline van %s.") % named))
        return errors
