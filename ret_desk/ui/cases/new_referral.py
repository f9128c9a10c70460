"""NewReferralDialog (Ctrl+N): inline Dutch validation; nothing is saved until valid."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.errors import FieldError, InvalidInput
from ret_desk.domain.referral import validate_referral
from ret_desk.services import intake
from ret_desk.services.context import Workspace
from ret_desk.services.intake import CaseRef
from ret_desk.services.reference import MunicipalityItem
from ret_desk.ui.cases.referral_form import ReferralForm
from ret_desk.ui.dutch import count
from ret_desk.ui.errors import show_error
from ret_desk.ui.field_errors import FieldErrors
from ret_desk.ui.ops import Op

_ERROR_STYLE = "color: #a40000;"


class NewReferralDialog(QDialog):
    created = Signal(object)  # CaseRef

    def __init__(self, workspace: Workspace, municipalities: list[MunicipalityItem], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle("Nieuwe aanmelding")
        self.setObjectName("newReferralDialog")
        self._workspace = workspace
        self._codes = {m.cbs_code for m in municipalities}
        self.form = ReferralForm(municipalities)
        self.error_labels: dict[str, QLabel] = {}
        self.field_errors = FieldErrors(self.error_labels, self)
        self._saving = False
        self._build()
        self._connect()
        self.validate()

    def _build(self) -> None:
        f = self.form
        body = QWidget()
        layout = QFormLayout(body)
        school = QHBoxLayout()
        school.addWidget(f.school, 1)
        school.addWidget(f.no_school)
        place = QHBoxLayout()
        place.addWidget(f.postcode)
        place.addWidget(f.residence, 1)
        parents = QVBoxLayout()
        for name, relation, authority in f.parents:
            row = QHBoxLayout()
            row.addWidget(name, 2)
            row.addWidget(relation, 1)
            row.addWidget(authority)
            parents.addLayout(row)
        rows = [
            (self.tr("Aanme&lddatum"), f.referral_date, "referral_date"),
            ("&Achternaam", f.family_name, "family_name"),
            ("&Voornaam", f.given_name, "given_name"),
            ("&Geboortedatum", f.birth_date, "birth_date"),
            ("&BSN", f.bsn, "bsn"),
            ("Geslacht", f.gender, "gender"),
            ("Ge&meente", f.municipality, "municipality_code"),
            ("A&dres", f.address, "address"),
            ("Postcode, woonplaats", place, "postcode"),
            ("Ouders/verzorgers", parents, "family"),
            ("School", school, "school"),
            ("Wettelijk kader", f.legal_framework, "legal_framework"),
            (self.tr("Soort ver&wijzer"), f.referrer_type, "referrer_type"),
            ("Organisatie verwijzer", f.referrer_organisation, "referrer_organisation"),
            ("Contactpersoon", f.referrer_contact, "referrer_contact"),
            ("&Hulpvraag", f.help_question, "help_question"),
        ]
        for label, widget, name in rows:
            layout.addRow(label, widget)
            self._add_error_row(layout, name)
            self.field_errors.watch(name, widget)
        layout.addRow(f.checkbox_group("GVA-aanleidingen (regiovisie 2.1 d)", f.gva_boxes))
        gva = QHBoxLayout()
        gva.addWidget(f.gva_present)
        gva.addWidget(f.gva_date, 1)
        layout.addRow("GVA", gva)
        self._add_error_row(layout, "gva_date")
        self.field_errors.watch("gva_date", f.gva_date)
        layout.addRow(f.checkbox_group("Doelgroepen", f.target_boxes))
        for label, widget in (
            ("Interventieniveau", f.level),
            ("Betrokkenheid kind/ouders", f.participation),
            ("&Urgentie", f.urgency),
            ("&Route", f.route),
            ("Casusregisseur", f.case_manager),
        ):
            layout.addRow(label, widget)
        layout.addRow(self._add_error_label("case_number"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.summary = QLabel()
        self.summary.setStyleSheet(_ERROR_STYLE)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Opslaan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.summary)
        outer.addWidget(self.buttons)
        self.resize(760, 760)
        editors = self.form.editors()
        for first, second in zip(editors, editors[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _add_error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{name}")
        label.setStyleSheet(_ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        self.error_labels[name] = label
        return label

    def _add_error_row(self, layout: QFormLayout, name: str) -> None:
        layout.addRow("", self._add_error_label(name))

    def _connect(self) -> None:
        for widget in self.form.editors():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.textChanged.connect(self.validate)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.validate)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self.validate)
        self.field_errors.touched.connect(self.validate)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def validate(self) -> list[FieldError]:
        """Check everything the domain checks; show each error beside its field."""
        draft, errors = self.form.draft()
        errors = errors + validate_referral(draft, municipality_codes=self._codes, today=date.today())
        self.show_errors(errors)
        return errors

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each error beside its field, once the user has left that field or tried to save."""
        self.field_errors.show(errors)
        self.summary.setText(
            f"Nog {count(len(errors), 'punt', 'punten')} te verbeteren voordat u kunt opslaan."
            if errors and self.field_errors.all_revealed
            else ""
        )
        self.save_button.setEnabled(not self._saving)

    def _on_save(self) -> None:
        draft, _ = self.form.draft()
        self.field_errors.reveal_all()
        if errors := self.validate():
            if (field := self.field_errors.first_invalid(errors)) is not None:
                field.setFocus()
            return
        ws = self._workspace
        self._saving = True
        self.save_button.setEnabled(False)
        Op(self, lambda: intake.register_referral(uow=ws.uow(), actor=ws.actor, draft=draft)).success(
            self._on_saved
        ).failure(self._on_failed).run()

    def _on_saved(self, ref: CaseRef) -> None:
        self._saving = False
        self.created.emit(ref)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._saving = False
        if isinstance(exc, InvalidInput):
            self.field_errors.reveal_all()
            self.show_errors(exc.errors)
        else:
            self.save_button.setEnabled(True)
            show_error(self, exc)
