"""DeploymentDialog: "Inzet vastleggen" for the RST record, a FormDialog.

The fields are checked inline by the same domain rules the service applies (domain/rst.py):
a choice for discipline and place, a date not in the future, hours such as 2 or 1,5.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ret_desk.domain.errors import FieldError
from ret_desk.domain.rst import Discipline, Place, Prevented, parse_hours
from ret_desk.ui.form_dialog import FormDialog, choice_combo, chosen, required_choice, select_data


class DeploymentDialog(FormDialog):
    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, save_text=QCoreApplication.translate("DeploymentDialog", "Inzet &vastleggen")
        )
        self.setWindowTitle(self.tr("Inzet RST vastleggen — casus %s") % number)
        self.setMinimumWidth(520)
        self.discipline = choice_combo([(d.label, d.value) for d in Discipline])
        self.where = choice_combo([(p.label, p.value) for p in Place])
        self.on = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
        self.on.setDate(QDate.currentDate())
        self.on.setMaximumDate(QDate.currentDate())
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(self.tr("bijvoorbeeld 2 of 1,5"))
        self.purpose = QPlainTextEdit(placeholderText=self.tr("Waarvoor kwam de specialist?"))
        self.outcome = QPlainTextEdit(placeholderText=self.tr("Wat leverde de inzet op?"))
        for text in (self.purpose, self.outcome):
            text.setFixedHeight(64)
            text.setTabChangesFocus(True)
        labels = {
            Prevented.YES: self.tr("ja"),
            Prevented.NO: self.tr("nee"),
            Prevented.UNKNOWN: self.tr("onbekend"),
        }
        self.prevented = choice_combo([(labels[p], p.value) for p in Prevented])
        select_data(self.prevented, Prevented.UNKNOWN.value)
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                self.tr("Specialisten gaan naar de jeugdige toe, zodat de jeugdige niet hoeft te verhuizen.")
            )
        )
        for label, widget, name in (
            (self.tr("&Discipline"), self.discipline, "discipline"),
            (self.tr("&Waar"), self.where, "where"),
            (self.tr("Da&tum"), self.on, "date"),
            (self.tr("&Uren"), self.hours, "hours"),
            (self.tr("D&oel"), self.purpose, "purpose"),
            (self.tr("Uit&komst"), self.outcome, "outcome"),
            (self.tr("&Plaatsing voorkomen"), self.prevented, "placement_prevented"),
        ):
            self.add_field(form, label, widget, name)
        self.add_buttons(form)

    def problems(self) -> list[FieldError]:
        errors = required_choice(self.discipline, "discipline", self.tr("Kies de discipline."))
        errors += required_choice(self.where, "where", self.tr("Kies waar de inzet was."))
        if self.chosen_date() > date.today():
            errors.append(FieldError("date", self.tr("De datum van de inzet ligt niet in de toekomst.")))
        if not self.hours.text().strip():
            errors.append(FieldError("hours", self.tr("Vul het aantal uren in, bijvoorbeeld 2 of 1,5.")))
        else:
            try:
                parse_hours(self.hours.text())
            except FieldError as error:
                errors.append(error)
        errors += required_choice(self.prevented, "placement_prevented", self.tr("Kies ja, nee of onbekend."))
        return errors

    def chosen_date(self) -> date:
        d = self.on.date()
        return date(d.year(), d.month(), d.day())

    def values(self) -> dict:
        """The keyword arguments of `services.routes.rst.record_deployment`."""
        return {
            "discipline": chosen(self.discipline),
            "where": chosen(self.where),
            "on": self.chosen_date(),
            "hours": self.hours.text(),
            "purpose": self.purpose.toPlainText(),
            "outcome": self.outcome.toPlainText(),
            "placement_prevented": chosen(self.prevented),
        }
