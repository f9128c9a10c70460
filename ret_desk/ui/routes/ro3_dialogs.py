"""The dialogs of the RO3 tab (Regie op 3): add a party, add an agreement, mark an agreement
done or not kept (with its consequence), record a review. FormDialogs: each checks its
fields inline and stays open until its service call has succeeded."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ret_desk.domain.errors import FieldError
from ret_desk.domain.ro3 import PARTY_ROLES
from ret_desk.ui.form_dialog import FormDialog, choice_combo, chosen, required_choice


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def to_date(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _text_box(placeholder: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(placeholderText=placeholder)
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
    return box


def _agreement_label(agreement: dict) -> QLabel:
    label = QLabel(f"{agreement['party']}: {agreement['what']} (uiterlijk {agreement['due']:%d-%m-%Y})")
    label.setWordWrap(True)
    return label


class PartyDialog(FormDialog):
    """A party around the case: organisation, role (a usual one, or the region's own word)
    and contact person."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=_tr("PartyDialog", "Partij &toevoegen"))
        self.setWindowTitle(self.tr("Partij toevoegen — casus %s") % number)
        self.setMinimumWidth(480)
        self.organisation = QLineEdit(placeholderText=self.tr("bijvoorbeeld Jeugdbescherming Noord"))
        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.addItems(list(PARTY_ROLES))
        self.role.setCurrentIndex(-1)
        self.role.lineEdit().setPlaceholderText(self.tr("kies of typ een rol"))
        self.contact = QLineEdit(placeholderText=self.tr("naam van de contactpersoon (niet verplicht)"))
        form = QFormLayout(self)
        self.add_field(form, self.tr("&Organisatie"), self.organisation, "organisation")
        self.add_field(form, self.tr("&Rol"), self.role, "role", self.role, self.role.lineEdit())
        self.add_field(form, self.tr("&Contactpersoon"), self.contact, "contact")
        self.add_buttons(form)

    def value(self) -> tuple[str, str, str]:
        return self.organisation.text(), self.role.currentText(), self.contact.text()

    def problems(self) -> list[FieldError]:
        errors = []
        if not self.organisation.text().strip():
            errors.append(FieldError("organisation", self.tr("Vul de organisatie in.")))
        if not self.role.currentText().strip():
            errors.append(FieldError("role", self.tr("Kies of typ de rol van de partij.")))
        return errors


class AgreementDialog(FormDialog):
    """An agreement of the plan: which party does what, by when."""

    def __init__(self, number: str, parties: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=_tr("AgreementDialog", "Afspraak &vastleggen"))
        self.setWindowTitle(self.tr("Afspraak vastleggen — casus %s") % number)
        self.setMinimumWidth(520)
        self.party = choice_combo([(p, p) for p in parties])
        self.what = _text_box(self.tr("Wat doet deze partij?"))
        self.due = _date_edit(date.today() + timedelta(days=14))
        form = QFormLayout(self)
        self.add_field(form, self.tr("&Partij"), self.party, "party")
        self.add_field(form, self.tr("&Wat"), self.what, "what")
        self.add_field(form, self.tr("&Uiterlijk op"), self.due, "due")
        self.add_buttons(form)

    def value(self) -> tuple[str, str, date]:
        return chosen(self.party) or "", self.what.toPlainText(), to_date(self.due)

    def problems(self) -> list[FieldError]:
        errors = required_choice(self.party, "party", self.tr("Kies de partij die de afspraak nakomt."))
        if not self.what.toPlainText().strip():
            errors.append(FieldError("what", self.tr("Vul in wat er is afgesproken.")))
        return errors


class DoneDialog(FormDialog):
    """Mark an open agreement as done (afgerond)."""

    def __init__(self, number: str, agreement: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=_tr("DoneDialog", "&Afronden"))
        self.setWindowTitle(self.tr("Afspraak afronden — casus %s") % number)
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        form.addRow(_agreement_label(agreement))
        form.addRow(QLabel(self.tr("Deze afspraak is nagekomen.")))
        self.add_buttons(form)


class NotKeptDialog(FormDialog):
    """Mark an open agreement as not kept, with what follows from it."""

    def __init__(self, number: str, agreement: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=_tr("NotKeptDialog", "&Niet nagekomen"))
        self.setWindowTitle(self.tr("Afspraak niet nagekomen — casus %s") % number)
        self.setMinimumWidth(520)
        self.consequence = _text_box(self.tr("Wat gebeurt er nu de afspraak niet is nagekomen?"))
        form = QFormLayout(self)
        form.addRow(_agreement_label(agreement))
        self.add_field(form, self.tr("&Gevolg"), self.consequence, "consequence")
        self.add_buttons(form)

    def value(self) -> str:
        return self.consequence.toPlainText()

    def problems(self) -> list[FieldError]:
        if self.consequence.toPlainText().strip():
            return []
        return [
            FieldError("consequence", self.tr("Vul het gevolg in: een niet nagekomen afspraak heeft er een."))
        ]


class ReviewDialog(FormDialog):
    """A review (evaluatie) of the plan: its date and a short report."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=_tr("ReviewDialog", "Evaluatie &vastleggen"))
        self.setWindowTitle(self.tr("Evaluatie vastleggen — casus %s") % number)
        self.setMinimumWidth(520)
        self.held_on = _date_edit(date.today())
        self.held_on.setMaximumDate(QDate.currentDate())  # a review is not in the future
        self.report = _text_box(self.tr("Kort verslag: wat is besproken, wat is er veranderd?"), 100)
        form = QFormLayout(self)
        self.add_field(form, self.tr("&Datum"), self.held_on, "held_on")
        self.add_field(form, self.tr("Ve&rslag"), self.report, "report")
        self.add_buttons(form)

    def value(self) -> tuple[date, str]:
        return to_date(self.held_on), self.report.toPlainText()
