"""Small dialogs for the actions on one case: route it, change its status, add a note.
Each is a FormDialog: it stays open until its service call has succeeded."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ret_desk.domain.enums import CaseOutcome, CaseStatus
from ret_desk.domain.errors import FieldError
from ret_desk.domain.need_to_know import reason_problem
from ret_desk.domain.statuses import allowed_next
from ret_desk.services.admin.reference import RouteItem
from ret_desk.ui.form_dialog import FormDialog, choice_combo, chosen, required_choice


class _ActionDialog(FormDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout(self)

    def finish_layout(self) -> None:
        self.add_buttons(self.form)


class RouteDialog(_ActionDialog):
    def __init__(
        self, number: str, current: str | None, routes: list[RouteItem], parent: QWidget | None = None
    ) -> None:
        """`current` is the case's route key (None: none yet), `routes` the region's routes."""
        super().__init__(self.tr("Casus %s routeren") % number, parent)
        self.route = choice_combo([(r.label, r.key) for r in routes if r.key != current])
        labels = {r.key: r.label for r in routes}
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Waarom deze route?"))
        none = self.tr("geen")
        self.form.addRow(
            QLabel(self.tr("Huidige route: %s") % (labels.get(current, current) if current else none))
        )
        self.add_field(self.form, self.tr("Nieuwe &route"), self.route, "route")
        self.add_field(self.form, self.tr("R&eden"), self.reason, "reason")
        self.finish_layout()

    def problems(self) -> list[FieldError]:
        errors = required_choice(self.route, "route", self.tr("Kies de nieuwe route."))
        if not self.reason.text().strip():
            errors.append(FieldError("reason", self.tr("Geef een reden voor de routering.")))
        return errors

    def chosen(self) -> tuple[str, str]:
        return chosen(self.route), self.reason.text().strip()


class StatusDialog(_ActionDialog):
    def __init__(self, number: str, current: CaseStatus, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Status van casus %s") % number, parent)
        self._number = number
        reopen = self.tr("Heropenen (in triage)")
        self.status = choice_combo(
            [
                (reopen if current is CaseStatus.CLOSED else status.label, status.value)
                for status in sorted(allowed_next(current))
            ]
        )
        self.outcome = choice_combo([(outcome.label, outcome.value) for outcome in CaseOutcome])
        self.reason = QLineEdit()
        self.form.addRow(QLabel(self.tr("Huidige status: %s") % current.label))
        self.add_field(self.form, self.tr("Nieuwe &status"), self.status, "status")
        self.add_field(self.form, self.tr("&Uitkomst"), self.outcome, "outcome")
        self.add_field(self.form, self.tr("&Toelichting"), self.reason)
        self.status.currentIndexChanged.connect(self._on_status_changed)
        self._on_status_changed()
        self.finish_layout()

    def _closing(self) -> bool:
        return chosen(self.status) == CaseStatus.CLOSED.value

    def confirmation(self) -> tuple[str, str] | None:
        if not self._closing():
            return None
        return (
            self.tr("Casus afsluiten"),
            self.tr("Casus %1 afsluiten? Lopende termijnen en signalen stoppen dan.").replace(
                "%1", self._number
            ),
        )

    def _on_status_changed(self) -> None:
        self.outcome.setEnabled(self._closing())

    def problems(self) -> list[FieldError]:
        errors = required_choice(self.status, "status", self.tr("Kies de nieuwe status."))
        if self._closing():
            errors += required_choice(self.outcome, "outcome", self.tr("Kies de uitkomst van de casus."))
        return errors

    def chosen(self) -> tuple[CaseStatus, CaseOutcome | None, str]:
        status = CaseStatus(chosen(self.status))
        outcome = CaseOutcome(chosen(self.outcome)) if status is CaseStatus.CLOSED else None
        return status, outcome, self.reason.text().strip()


class NoteDialog(_ActionDialog):
    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Aantekening bij casus %s") % number, parent)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("Werkaantekening (de jeugdige en ouders kunnen deze inzien)"))
        self.add_field(self.form, self.tr("&Aantekening"), self.text, "text")
        self.finish_layout()

    def problems(self) -> list[FieldError]:
        if self.text.toPlainText().strip():
            return []
        return [FieldError("text", self.tr("Schrijf de aantekening."))]

    def note(self) -> str:
        return self.text.toPlainText().strip()


class EmergencyAccessDialog(_ActionDialog):
    """Noodtoegang (issue 12 §2): a case outside one's rows, opened after stating a reason;
    the reason goes into the log, for the auditor."""

    def __init__(self, parent: QWidget | None = None, number: str = "") -> None:
        super().__init__(self.tr("Noodtoegang tot een casus"), parent)
        self.form.addRow(
            QLabel(
                self.tr(
                    "Deze casus hoort niet bij uw werk. Open hem alleen als het nodig is voor de zorg "
                    "van dit kind. De reden komt in het logboek en de auditor ziet hem."
                )
            )
        )
        self.form.itemAt(0).widget().setWordWrap(True)
        self.number = QLineEdit(number)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Waarom is deze casus nu nodig?"))
        self.add_field(self.form, self.tr("&Casusnummer"), self.number, "number")
        self.add_field(self.form, self.tr("R&eden"), self.reason, "reason")
        self.finish_layout()

    def problems(self) -> list[FieldError]:
        errors = []
        if not self.number.text().strip():
            errors.append(FieldError("number", self.tr("Geef het casusnummer.")))
        if (problem := reason_problem(self.reason.toPlainText())) is not None:
            errors.append(FieldError("reason", problem))  # the domain's Dutch message
        return errors

    def chosen(self) -> tuple[str, str]:
        return self.number.text().strip(), self.reason.toPlainText().strip()
