"""The input widgets of the case edit dialog, in tabs, and reading them into CaseFields.

Feeds CaseEditDialog (edit_dialog.py). Each field key (a CaseFields name, `reason` or
`gva_override`) has one error label under its widget.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from ret_desk.domain.case_fields import CaseFields
from ret_desk.domain.enums import (
    FamilyParticipation,
    Gender,
    GvaTrigger,
    InterventionLevel,
    LegalFramework,
    TargetGroup,
    Urgency,
)
from ret_desk.domain.errors import FieldError
from ret_desk.domain.referral import FamilyMemberDraft
from ret_desk.ui.cases.referral_form import parse_dutch_date
from ret_desk.ui.combo import enum_data

ERROR_STYLE = "color: #a40000;"
_RELATIONS = ["moeder", "vader", "verzorger", "pleegouder", "voogd"]


def _date_text(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


class CaseEditForm(QTabWidget):
    """The tabs GVA, Aanmelding, Jeugdige, Toekomstplan and Identiteit, filled from `start`."""

    def __init__(
        self,
        start: CaseFields,
        *,
        municipalities: list[tuple[str, str]],
        may_correct_identity: bool,
        may_override: bool,
        override: dict | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseEditTabs")
        self.error_labels: dict[str, QLabel] = {}
        self.widgets: dict[str, list[QWidget]] = {}  # field key → its input widgets
        self._tab_of: dict[str, int] = {}
        self._build_gva(start, may_override, override)
        self._build_referral(start)
        self._build_youth(start, municipalities)
        self._build_plan(start)
        self._build_identity(start, may_correct_identity)
        for index in range(self.count()):  # scroll up and down only: each tab keeps its width
            scroll = self.widget(index)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            bar = scroll.verticalScrollBar().sizeHint().width()
            scroll.setMinimumWidth(scroll.widget().minimumSizeHint().width() + bar)

    # -- building ---------------------------------------------------------------------
    def _page(self, title: str) -> QFormLayout:
        """A tab whose form scrolls: with its error lines shown, a long tab still fits a
        1366×768 laptop at 150% (472 px high), and the buttons stay on screen."""
        page = QWidget()
        layout = QFormLayout(page)
        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.addTab(scroll, title)
        return layout

    def _add(self, layout: QFormLayout, key: str, label: str, *widgets: QWidget) -> None:
        """A row with its widgets and, under it, the field's error label."""
        row: QWidget | QHBoxLayout = widgets[0]
        if len(widgets) > 1:
            row = QHBoxLayout()
            for w in widgets:
                row.addWidget(w, 1 if isinstance(w, QLineEdit) else 0)
        layout.addRow(label, row)
        for w in widgets:
            if not w.accessibleName():
                w.setAccessibleName(label)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        layout.addRow("", error)
        self.error_labels[key] = error
        self.widgets.setdefault(key, []).extend(widgets)
        self._tab_of[key] = self.count() - 1

    def _line(self, text: str | None, hint: str = "") -> QLineEdit:
        edit = QLineEdit(text or "")
        edit.setPlaceholderText(hint)
        return edit

    def _date(self, value: date | None) -> QLineEdit:
        return self._line(_date_text(value), self.tr("dd-mm-jjjj"))

    def _combo(self, items: list[tuple[str, object]], current: object) -> QComboBox:
        box = QComboBox()
        for label, value in items:
            box.addItem(label, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box

    def _boxes(self, title: str, members: list, chosen: frozenset) -> tuple[QGroupBox, dict]:
        group = QGroupBox()  # the row's label names it; a title would say it twice
        group.setAccessibleName(title)
        grid = QGridLayout(group)
        boxes = {}
        for i, member in enumerate(members):
            box = QCheckBox(f"{int(member)}. {member.label}")
            box.setChecked(member in chosen)
            grid.addWidget(box, i, 0)
            boxes[member] = box
        return group, boxes

    def _build_gva(self, s: CaseFields, may_override: bool, override: dict | None) -> None:
        layout = self._page(self.tr("&GVA"))
        self.gva_present = QCheckBox(self.tr("Er is een gedeelde verklarende analyse (GVA)"))
        self.gva_present.setChecked(s.gva_present)
        self._add(layout, "gva_present", self.tr("GVA aanwezig"), self.gva_present)
        self.gva_date = self._date(s.gva_date)
        self._add(layout, "gva_date", self.tr("GVA-datum"), self.gva_date)
        group, self.gva_boxes = self._boxes(self.tr("GVA-aanleidingen"), list(GvaTrigger), s.gva_triggers)
        self._add(layout, "gva_triggers", self.tr("Aanleidingen"), group)
        self.widgets["gva_triggers"] = list(self.gva_boxes.values())
        if override:
            shown = self.tr("Uitzondering vastgelegd door {by}: {reason}").format(
                by=override["by"], reason=override["reason"]
            )
            layout.addRow(self.tr("Huidige uitzondering"), QLabel(shown, wordWrap=True))
        self.gva_override = self._line("", self.tr("reden; alleen als de GVA ontbreekt"))
        self.gva_override.setEnabled(may_override)
        self._add(layout, "gva_override", self.tr("Uitzondering op GVA-blokkade"), self.gva_override)

    def _build_referral(self, s: CaseFields) -> None:
        layout = self._page(self.tr("&Aanmelding"))
        self.case_manager = self._line(s.case_manager)
        self._add(layout, "case_manager", self.tr("Casusregisseur"), self.case_manager)
        self.urgency = self._combo([(u.label, u) for u in Urgency], s.urgency)
        self._add(layout, "urgency", self.tr("Urgentie"), self.urgency)
        group, self.target_boxes = self._boxes(self.tr("Doelgroepen"), list(TargetGroup), s.target_groups)
        self._add(layout, "target_groups", self.tr("Doelgroepen"), group)
        self.widgets["target_groups"] = list(self.target_boxes.values())
        # "" rather than None for "unknown": see ui/combo.py on None item data
        levels = [(self.tr("— onbekend —"), "")] + [(lv.label, lv) for lv in InterventionLevel]
        self.level = self._combo(levels, s.intervention_level or "")
        self._add(layout, "intervention_level", self.tr("Interventieniveau"), self.level)
        self.legal_framework = self._combo([(f.label, f) for f in LegalFramework], s.legal_framework)
        self._add(layout, "legal_framework", self.tr("Wettelijk kader"), self.legal_framework)
        self.participation = self._combo([(p.label, p) for p in FamilyParticipation], s.family_participation)
        self._add(layout, "family_participation", self.tr("Gezinsregie"), self.participation)
        self.referrer_contact = self._line(s.referrer_contact)
        self._add(layout, "referrer_contact", self.tr("Contactpersoon verwijzer"), self.referrer_contact)

    def _build_youth(self, s: CaseFields, municipalities: list[tuple[str, str]]) -> None:
        layout = self._page(self.tr("&Jeugdige"))
        self.gender = self._combo([(g.label, g) for g in Gender], s.gender)
        self._add(layout, "gender", self.tr("Geslacht"), self.gender)
        places = municipalities or [(s.municipality_code, s.municipality_code)]
        self.municipality = self._combo([(name, code) for code, name in places], s.municipality_code)
        self._add(layout, "municipality_code", self.tr("Gemeente"), self.municipality)
        self.school = self._line(s.school)
        self.no_school = QCheckBox(self.tr("Geen school"))
        self.no_school.setChecked(s.no_school)
        self._add(layout, "school", self.tr("School"), self.school, self.no_school)
        self.out_of_school_since = self._date(s.out_of_school_since)
        self._add(layout, "out_of_school_since", self.tr("Thuiszitter sinds"), self.out_of_school_since)
        self.address = self._line(s.address, self.tr("straat en huisnummer"))
        self._add(layout, "address", self.tr("Adres"), self.address)
        self.postcode = self._line(s.postcode, "1234 AB")
        self.postcode.setMaximumWidth(90)
        self._add(layout, "postcode", self.tr("Postcode"), self.postcode)
        self.residence = self._line(s.residence)
        self._add(layout, "residence", self.tr("Woonplaats"), self.residence)
        self.family_rows: list[tuple[QLineEdit, QComboBox, QCheckBox]] = []
        members = list(s.family) + [FamilyMemberDraft("", "moeder" if not s.family else "vader")]
        if len(members) < 2:
            members.append(FamilyMemberDraft("", "vader"))
        for i, member in enumerate(members):
            name = self._line(member.name, self.tr("naam"))
            name.setAccessibleName(self.tr("Naam gezinslid {n}").format(n=i + 1))
            relation = QComboBox()
            relation.setEditable(True)
            relation.addItems(_RELATIONS)
            relation.setCurrentText(member.relation)
            relation.setAccessibleName(self.tr("Relatie gezinslid {n}").format(n=i + 1))
            authority = QCheckBox(self.tr("gezag"))
            authority.setChecked(member.has_authority)
            authority.setAccessibleName(self.tr("Gezag gezinslid {n}").format(n=i + 1))
            self.family_rows.append((name, relation, authority))
            label = self.tr("Ouders en gezin") if i == 0 else ""
            if i < len(members) - 1:
                layout.addRow(label, self._family_row(name, relation, authority))
                self.widgets.setdefault("family", []).extend((name, relation, authority))
            else:
                self._add(layout, "family", label, name, relation, authority)

    @staticmethod
    def _family_row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for w in widgets:
            row.addWidget(w, 1 if isinstance(w, QLineEdit) else 0)
        return row

    def _build_plan(self, s: CaseFields) -> None:
        layout = self._page(self.tr("&Toekomstplan"))
        self.future_plan = QCheckBox(self.tr("Er is een toekomstplan voor na 18 jaar"))
        self.future_plan.setChecked(s.future_plan)
        self._add(layout, "future_plan", self.tr("Toekomstplan"), self.future_plan)
        self.future_plan_on = self._date(s.future_plan_on)
        self._add(layout, "future_plan_on", self.tr("Datum"), self.future_plan_on)
        self.future_plan_text = QPlainTextEdit(s.future_plan_text)
        self.future_plan_text.setTabChangesFocus(True)
        self.future_plan_text.setFixedHeight(90)
        self._add(layout, "future_plan_text", self.tr("Korte inhoud"), self.future_plan_text)

    def _build_identity(self, s: CaseFields, allowed: bool) -> None:
        layout = self._page(self.tr("&Identiteit"))
        note = (
            self.tr("Corrigeer naam, BSN of geboortedatum alleen bij een fout; geef altijd de reden.")
            if allowed
            else self.tr("Alleen een RET-coördinator corrigeert naam, BSN of geboortedatum.")
        )
        layout.addRow(QLabel(note, wordWrap=True))
        self.family_name = self._line(s.family_name)
        self.given_name = self._line(s.given_name)
        self.birth_date = self._date(s.birth_date)
        self.bsn = self._line(s.bsn, self.tr("9 cijfers"))
        self.reason = self._line("", self.tr("waarom deze correctie?"))
        for key, label, widget in (
            ("family_name", self.tr("Achternaam"), self.family_name),
            ("given_name", self.tr("Voornaam"), self.given_name),
            ("birth_date", self.tr("Geboortedatum"), self.birth_date),
            ("bsn", self.tr("BSN"), self.bsn),
            ("reason", self.tr("Reden van de correctie"), self.reason),
        ):
            widget.setEnabled(allowed)
            self._add(layout, key, label, widget)

    # -- reading ----------------------------------------------------------------------
    def tab_of(self, key: str) -> int:
        return self._tab_of.get(key, 0)

    def values(self, start: CaseFields) -> tuple[CaseFields, list[FieldError]]:
        """The typed values; a date that cannot be read is an error and keeps its old value."""
        errors: list[FieldError] = []
        dates: dict[str, date | None] = {}
        for key, edit in (
            ("gva_date", self.gva_date),
            ("out_of_school_since", self.out_of_school_since),
            ("future_plan_on", self.future_plan_on),
            ("birth_date", self.birth_date),
        ):
            text = edit.text().strip()
            dates[key] = parse_dutch_date(text) if text else None
            if text and dates[key] is None:
                errors.append(FieldError(key, self.tr("Vul een datum in als dd-mm-jjjj.")))
                dates[key] = getattr(start, key)
        if dates["birth_date"] is None:
            if not any(e.field == "birth_date" for e in errors):
                errors.append(FieldError("birth_date", self.tr("De geboortedatum is verplicht.")))
            dates["birth_date"] = start.birth_date
        values = CaseFields(
            gva_present=self.gva_present.isChecked(),
            gva_date=dates["gva_date"],
            gva_triggers=frozenset(t for t, box in self.gva_boxes.items() if box.isChecked()),
            case_manager=self.case_manager.text(),
            urgency=enum_data(self.urgency, Urgency),
            target_groups=frozenset(t for t, box in self.target_boxes.items() if box.isChecked()),
            intervention_level=enum_data(self.level, InterventionLevel),
            legal_framework=enum_data(self.legal_framework, LegalFramework),
            family_participation=enum_data(self.participation, FamilyParticipation),
            gender=enum_data(self.gender, Gender),
            municipality_code=self.municipality.currentData(),
            school=self.school.text(),
            no_school=self.no_school.isChecked(),
            out_of_school_since=dates["out_of_school_since"],
            address=self.address.text(),
            postcode=self.postcode.text(),
            residence=self.residence.text(),
            referrer_contact=self.referrer_contact.text(),
            family=tuple(
                FamilyMemberDraft(name.text(), relation.currentText(), authority.isChecked())
                for name, relation, authority in self.family_rows
                if name.text().strip()
            ),
            future_plan=self.future_plan.isChecked(),
            future_plan_on=dates["future_plan_on"],
            future_plan_text=self.future_plan_text.toPlainText(),
            family_name=self.family_name.text(),
            given_name=self.given_name.text(),
            birth_date=dates["birth_date"],
            bsn=self.bsn.text(),
        )
        return values, errors
