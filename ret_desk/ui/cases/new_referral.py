"""NewReferralDialog (Ctrl+N): inline Dutch validation; nothing is saved until valid.

A FormDialog: it stays open until the referral is stored; a refusal shows in it.
Saving first asks the store whether this youth is already there (same BSN, or the same
name and birth date); the coordinator then chooses per field or links the referral
(ui.cases.youth_dialogs), and only then is the referral stored."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.errors import FieldError
from ret_desk.domain.referral import ReferralDraft, validate_referral
from ret_desk.services.admin.reference import MunicipalityItem
from ret_desk.services.cases import intake
from ret_desk.services.cases.youth_identity import StoredYouth, YouthCheck, YouthChoice, check_referral_youth
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.referral_form import ReferralForm
from ret_desk.ui.cases.youth_dialogs import PossibleSameYouthDialog, YouthDifferencesDialog
from ret_desk.ui.dutch import count
from ret_desk.ui.form_dialog import ERROR_STYLE, FormDialog
from ret_desk.ui.ops import Op

_ERROR_STYLE = ERROR_STYLE
_UNDECIDED = object()  # no youth question answered yet for this Save


class NewReferralDialog(FormDialog):
    created = Signal(object)  # CaseRef

    def __init__(self, workspace: Workspace, municipalities: list[MunicipalityItem], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent, save_text="&Opslaan")
        self.setWindowTitle("Nieuwe aanmelding")
        self.setObjectName("newReferralDialog")
        self._workspace = workspace
        self._codes = {m.cbs_code for m in municipalities}
        self.form = ReferralForm(municipalities)
        self.active_dialog: QDialog | None = None  # the youth question open now, if any
        self._choice: YouthChoice | None | object = _UNDECIDED
        self._build()
        self._connect()
        self.set_save(self._prepare_save)
        self.saved.connect(self.created)
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
        layout.addRow(f.checkbox_group("GVA-aanleidingen (regiovisie 2.1 d)", f.gva_boxes))
        gva = QHBoxLayout()
        gva.addWidget(f.gva_present)
        gva.addWidget(f.gva_date, 1)
        layout.addRow("GVA", gva)
        self._add_error_row(layout, "gva_date")
        layout.addRow(f.checkbox_group("Doelgroepen", f.target_boxes))
        for label, widget in (
            ("Interventieniveau", f.level),
            ("Betrokkenheid kind/ouders", f.participation),
            ("&Urgentie", f.urgency),
            ("&Route", f.route),
            ("Casusregisseur", f.case_manager),
        ):
            layout.addRow(label, widget)
            if widget is f.urgency:
                self._add_error_row(layout, "urgency")
            elif widget is f.participation:
                self._add_error_row(layout, "family_participation")
        layout.addRow(self._add_error_label("case_number"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.summary = QLabel()
        self.summary.setStyleSheet(_ERROR_STYLE)
        self.summary.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.summary)
        outer.addWidget(self.refusal)
        outer.addWidget(self.buttons)
        self._watch_rows(rows)
        self.resize(760, 760)
        editors = self.form.editors()
        for first, second in zip(editors, editors[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _add_error_label(self, name: str) -> QLabel:
        return self.error_label(name)

    def _watch_rows(self, rows: list[tuple[str, object, str]]) -> None:
        """A field's error speaks once the user has left one of its widgets."""
        f, watched = self.form, set()
        for _, widget, name in rows:
            widgets = _widgets_in(widget) if isinstance(widget, QLayout) else [widget]
            self.watch(name, *widgets)
            watched.update(widgets)
        self.watch("gva_date", f.gva_present, f.gva_date)
        self.watch("urgency", f.urgency)
        self.watch("family_participation", f.participation)
        watched.update((f.gva_present, f.gva_date, f.urgency, f.participation))
        for widget in f.editors():
            if widget not in watched:
                self.watch("", widget)

    def _add_error_row(self, layout: QFormLayout, name: str) -> None:
        layout.addRow("", self._add_error_label(name))

    def _connect(self) -> None:
        pass  # every editor is watched by the FormDialog (see _watch_rows)

    def problems(self) -> list[FieldError]:
        """Everything the domain checks."""
        draft, errors = self.form.draft()
        return errors + validate_referral(draft, municipality_codes=self._codes, today=date.today())

    def validate(self) -> list[FieldError]:
        """Check everything the domain checks; show each error beside its field."""
        return self.revalidate()

    def _show(self, errors: list[FieldError]) -> None:
        super()._show(errors)
        self.show_errors(errors)

    def show_errors(self, errors: list[FieldError]) -> None:
        # Once the user has left a field or tried to save, say how much is left to do.
        speaking = any(label.isVisibleTo(self) for label in self.error_labels.values())
        self.summary.setText(
            f"Nog {count(len(errors), 'punt', 'punten')} te verbeteren voordat u kunt opslaan."
            if errors and speaking
            else ""
        )

    def accept(self) -> None:
        """Save: with a valid form, first ask the store whether this youth is already there
        and let the coordinator answer; the FormDialog then stores it (and stays open on a
        refusal). Every Save asks again: the form may have changed since."""
        if self.busy or (self.active_dialog is not None and self.active_dialog.isVisible()):
            return
        if self._choice is not _UNDECIDED or self.problems():
            super().accept()  # saves with the choice made, or shows what is left to fix
            return
        draft, _ = self.form.draft()
        ws = self._workspace
        self._busy = True
        self.save_button.setEnabled(False)
        self.refusal.hide()
        Op(self, lambda: ws.call(check_referral_youth, draft=draft)).success(
            lambda check: self._on_checked(draft, check)
        ).failure(self._on_refused).run()

    def _on_checked(self, draft: ReferralDraft, check: YouthCheck) -> None:
        self._busy = False
        if check.by_bsn is not None:
            self._confirm_youth(check.by_bsn)
        elif check.candidates:
            dialog = PossibleSameYouthDialog(check.candidates, self)
            dialog.accepted.connect(lambda: self._on_candidate(dialog.chosen()))
            self._ask(dialog)
        else:
            self._decide(None)

    def _on_candidate(self, chosen: StoredYouth | None) -> None:
        if chosen is None:
            self._decide(YouthChoice())  # the coordinator confirmed a new youth
        else:
            self._confirm_youth(chosen)

    def _confirm_youth(self, stored: StoredYouth) -> None:
        if not stored.differences:
            self._decide(YouthChoice(stored.youth_id, stored.version))
            return
        dialog = YouthDifferencesDialog(stored, self)
        dialog.accepted.connect(
            lambda: self._decide(YouthChoice(stored.youth_id, stored.version, dialog.take_new()))
        )
        self._ask(dialog)

    def _ask(self, dialog: QDialog) -> None:
        self.active_dialog = dialog
        dialog.rejected.connect(self.revalidate)  # nothing stored; Save is back
        dialog.open()

    def _decide(self, choice: YouthChoice | None) -> None:
        self._choice = choice
        self.accept()

    def _prepare_save(self):  # noqa: ANN202
        draft, _ = self.form.draft()
        ws = self._workspace
        choice, self._choice = self._choice, _UNDECIDED
        return lambda: ws.call(intake.register_referral, draft=draft, youth=choice)


def _widgets_in(layout: QLayout) -> list[QWidget]:
    found = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            found.append(item.widget())
        elif item.layout() is not None:
            found += _widgets_in(item.layout())
    return found
