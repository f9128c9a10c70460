"""The dialogs that write the MDA++ record: a phase, a risk assessment, a new version of the
safety plan, a member of the household and a system conference. Each is a FormDialog: it
checks inline and stays open until its service call succeeded."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ret_desk.domain.errors import FieldError
from ret_desk.domain.mda import MemberRole, Phase, RiskLevel
from ret_desk.services.context import Workspace
from ret_desk.services.routes import mda_record
from ret_desk.ui import labels
from ret_desk.ui.form_dialog import FormDialog, choice_combo, chosen, required_choice


def _date_edit() -> QDateEdit:
    edit = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
    edit.setDate(QDate.currentDate())
    edit.setMaximumDate(QDate.currentDate())  # what happened, never what is still to come
    return edit


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _text_box(height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
    box.setMinimumHeight(height)
    return box


class _MdaDialog(FormDialog):
    def __init__(self, workspace: Workspace, number: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._workspace, self._number = workspace, number
        self.setWindowTitle(title % number)
        self.setMinimumWidth(480)
        self.form = QFormLayout(self)

    def finish(self) -> None:
        self.add_buttons(self.form)
        self.set_save(self.work)

    def work(self):  # noqa: ANN201
        raise NotImplementedError


class MdaPhaseDialog(_MdaDialog):
    def __init__(
        self, workspace: Workspace, number: str, current: Phase | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, number, self.tr("Fase van casus %s"), parent)
        self.phase = choice_combo([(labels.label(p), p.value) for p in Phase if p is not current])
        self.day = _date_edit()
        none = self.tr("nog geen")
        self.form.addRow(QLabel(self.tr("Huidige fase: %s") % (labels.label(current) if current else none)))
        self.add_field(self.form, self.tr("Nieuwe &fase"), self.phase, "phase")
        self.add_field(self.form, self.tr("&Begonnen op"), self.day, "date")
        self.finish()

    def problems(self) -> list[FieldError]:
        return required_choice(self.phase, "phase", self.tr("Kies de fase."))

    def work(self):  # noqa: ANN201
        ws, number, phase, day = self._workspace, self._number, Phase(chosen(self.phase)), _day(self.day)
        return lambda: ws.call(mda_record.set_phase, number=number, phase=phase, on=day)


class MdaRiskDialog(_MdaDialog):
    def __init__(self, workspace: Workspace, number: str, parent: QWidget | None = None) -> None:
        super().__init__(workspace, number, self.tr("Risicotaxatie voor casus %s"), parent)
        self.instrument = QLineEdit()
        self.instrument.setPlaceholderText(self.tr("bijvoorbeeld LIRIK of ARIJ"))
        self.level = choice_combo([(labels.label(r), r.value) for r in RiskLevel])
        self.day = _date_edit()
        self.assessor = QLineEdit()
        self.assessor.setPlaceholderText(self.tr("leeg: uzelf"))
        self.add_field(self.form, self.tr("&Instrument"), self.instrument, "instrument")
        self.add_field(self.form, self.tr("&Niveau"), self.level, "level")
        self.add_field(self.form, self.tr("&Datum"), self.day, "date")
        self.add_field(self.form, self.tr("&Taxateur"), self.assessor)
        self.finish()

    def problems(self) -> list[FieldError]:
        errors = []
        if not self.instrument.text().strip():
            errors.append(FieldError("instrument", self.tr("Vul het instrument in.")))
        return errors + required_choice(self.level, "level", self.tr("Kies het niveau."))

    def work(self):  # noqa: ANN201
        ws, number = self._workspace, self._number
        kw = {
            "instrument": self.instrument.text().strip(),
            "level": RiskLevel(chosen(self.level)),
            "on": _day(self.day),
            "assessor": self.assessor.text().strip(),
        }
        return lambda: ws.call(mda_record.add_risk_assessment, number=number, **kw)


class MdaSafetyPlanDialog(_MdaDialog):
    """A new version of the plan, starting from the current text (older versions are kept)."""

    def __init__(
        self,
        workspace: Workspace,
        number: str,
        current: str = "",
        version: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, number, self.tr("Veiligheidsplan van casus %s"), parent)
        self.setMinimumWidth(560)
        self._current = current
        self.text = _text_box(160)
        self.text.setPlainText(current)
        about = (
            self.tr(
                "De afspraken en veiligheidsvoorwaarden. Opslaan maakt versie %1; versie %2 blijft bewaard."
            ).replace("%1", str(version + 1))
            if version
            else self.tr("De afspraken en veiligheidsvoorwaarden. Opslaan maakt versie 1.")
        ).replace("%2", str(version))
        note = QLabel(about)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.add_field(self.form, self.tr("&Plan"), self.text, "text")
        self.finish()
        self.text.setFocus()

    def problems(self) -> list[FieldError]:
        text = self.text.toPlainText().strip()
        if not text:
            return [FieldError("text", self.tr("Vul de tekst van het veiligheidsplan in."))]
        if text == self._current.strip():
            return [FieldError("text", self.tr("Het plan is nog niet gewijzigd."))]
        return []

    def work(self):  # noqa: ANN201
        ws, number, text = self._workspace, self._number, self.text.toPlainText()
        return lambda: ws.call(mda_record.set_safety_plan, number=number, text=text)


class MdaMemberDialog(_MdaDialog):
    def __init__(self, workspace: Workspace, number: str, parent: QWidget | None = None) -> None:
        super().__init__(workspace, number, self.tr("Lid van het huishouden (casus %s)"), parent)
        self.name = QLineEdit()
        self.role = choice_combo([(labels.label(r), r.value) for r in MemberRole])
        # One choice: a member is victim or perpetrator (or not known), never both.
        self.position = choice_combo(
            [(self.tr("slachtoffer"), "slachtoffer"), (self.tr("pleger"), "pleger")], self.tr("onbekend")
        )
        self.add_field(self.form, self.tr("&Naam"), self.name, "name")
        self.add_field(self.form, self.tr("&Rol"), self.role, "role")
        self.add_field(self.form, self.tr("&Slachtoffer of pleger"), self.position)
        self.finish()

    def problems(self) -> list[FieldError]:
        errors = []
        if not self.name.text().strip():
            errors.append(FieldError("name", self.tr("Vul de naam in.")))
        return errors + required_choice(self.role, "role", self.tr("Kies de rol."))

    def work(self):  # noqa: ANN201
        ws, number, position = self._workspace, self._number, chosen(self.position)
        kw = {
            "name": self.name.text().strip(),
            "role": MemberRole(chosen(self.role)),
            "victim": position == "slachtoffer",
            "perpetrator": position == "pleger",
        }
        return lambda: ws.call(mda_record.add_member, number=number, **kw)


class MdaConferenceDialog(_MdaDialog):
    def __init__(self, workspace: Workspace, number: str, parent: QWidget | None = None) -> None:
        super().__init__(workspace, number, self.tr("Systeemgesprek (casus %s)"), parent)
        self.day = _date_edit()
        self.participants = QLineEdit()
        self.participants.setPlaceholderText(self.tr("wie er waren, het gezin ook"))
        self.outcome = _text_box()
        self.add_field(self.form, self.tr("&Datum"), self.day, "date")
        self.add_field(self.form, self.tr("D&eelnemers"), self.participants, "participants")
        self.add_field(self.form, self.tr("&Uitkomst"), self.outcome, "outcome")
        self.finish()

    def problems(self) -> list[FieldError]:
        errors = []
        if not self.participants.text().strip():
            errors.append(FieldError("participants", self.tr("Vul de deelnemers in.")))
        if not self.outcome.toPlainText().strip():
            errors.append(FieldError("outcome", self.tr("Vul de uitkomst in.")))
        return errors

    def work(self):  # noqa: ANN201
        ws, number = self._workspace, self._number
        kw = {
            "on": _day(self.day),
            "participants": self.participants.text().strip(),
            "outcome": self.outcome.toPlainText().strip(),
        }
        return lambda: ws.call(mda_record.add_conference, number=number, **kw)
