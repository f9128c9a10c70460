"""The widgets of the new-referral form, and reading them into a ReferralDraft."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ret_desk.domain.enums import (
    FamilyParticipation,
    Gender,
    GvaTrigger,
    InterventionLevel,
    LegalFramework,
    ReferrerType,
    TargetGroup,
    Urgency,
)
from ret_desk.domain.errors import FieldError
from ret_desk.domain.referral import FamilyMemberDraft, ReferralDraft
from ret_desk.services.admin.reference import MunicipalityItem, RouteItem
from ret_desk.ui.combo import enum_data

DATE_HINT = "dd-mm-jjjj"


def parse_dutch_date(text: str) -> date | None:
    for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


CHOOSE = "— kies —"


def combo(items: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    for label, value in items:
        box.addItem(label, value)
    return box


class ReferralForm:
    """Holds the input widgets; `draft()` reads them, with date errors of its own."""

    def __init__(self, municipalities: list[MunicipalityItem], routes: list[RouteItem] = ()) -> None:
        self._routes = list(routes)
        self.referral_date = QLineEdit(date.today().strftime("%d-%m-%Y"))
        self.family_name = QLineEdit()
        self.given_name = QLineEdit()
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(DATE_HINT)
        self.bsn = QLineEdit()
        self.bsn.setPlaceholderText("optioneel, 9 cijfers")
        # "Onbekend" is an answer the coordinator gives, not a default (issue 8: nothing preselected).
        self.gender = combo([(CHOOSE, "")] + [(g.label, g) for g in Gender])
        self.municipality = combo(
            [("— kies een gemeente —", "")] + [(m.name, m.cbs_code) for m in municipalities]
        )
        self.address = QLineEdit()
        self.address.setPlaceholderText("straat en huisnummer")
        self.postcode = QLineEdit()
        self.postcode.setPlaceholderText("1234 AB")
        self.postcode.setMaximumWidth(90)
        self.residence = QLineEdit()
        self.residence.setPlaceholderText("woonplaats")
        self.parents = [
            (QLineEdit(placeholderText="naam"), self._relation_combo(), QCheckBox("gezag")) for _ in range(2)
        ]
        self.school = QLineEdit()
        self.no_school = QCheckBox("Geen school")
        # Coded choices that matter start empty: the user chooses, nothing is preselected.
        self.legal_framework = combo([(CHOOSE, "")] + [(f.label, f) for f in LegalFramework])
        self.referrer_type = combo([(CHOOSE, "")] + [(r.label, r) for r in ReferrerType])
        self.referrer_organisation = QLineEdit()
        self.referrer_contact = QLineEdit()
        self.help_question = QPlainTextEdit()
        self.help_question.setTabChangesFocus(True)
        self.help_question.setFixedHeight(70)
        self.gva_boxes = {t: QCheckBox(t.label) for t in GvaTrigger}
        self.gva_present = QCheckBox("GVA is aanwezig")
        self.gva_date = QLineEdit()
        self.gva_date.setPlaceholderText(f"datum GVA, {DATE_HINT}")
        self.target_boxes = {t: QCheckBox(t.label) for t in TargetGroup}
        self.level = combo([("— onbekend —", "")] + [(lvl.label, lvl) for lvl in InterventionLevel])
        self.participation = combo([(CHOOSE, "")] + [(p.label, p) for p in FamilyParticipation])
        self.urgency = combo([(CHOOSE, "")] + [(u.label, u) for u in Urgency])
        self.route = combo([("— nog geen route —", "")] + [(r.label, r.key) for r in self._routes])
        self.case_manager = QLineEdit()

    @staticmethod
    def _relation_combo() -> QComboBox:
        box = QComboBox()
        box.setEditable(True)  # the usual relations, or type another
        box.addItems(["moeder", "vader", "verzorger", "pleegouder", "voogd"])
        # Starts empty: who this parent is, is the coordinator's answer, not a guess.
        box.setCurrentIndex(-1)
        box.lineEdit().setPlaceholderText("relatie")
        return box

    def checkbox_group(self, title: str, boxes: dict) -> QGroupBox:
        group = QGroupBox(title)
        grid = QGridLayout(group)
        for i, box in enumerate(boxes.values()):
            grid.addWidget(box, i, 0)
        return group

    def editors(self) -> list[QWidget]:
        """Every input widget, in tab order."""
        return [
            self.referral_date, self.family_name, self.given_name, self.birth_date, self.bsn,
            self.gender, self.municipality, self.address, self.postcode, self.residence,
            *(w for parent in self.parents for w in parent),
            self.school, self.no_school, self.legal_framework,
            self.referrer_type, self.referrer_organisation, self.referrer_contact, self.help_question,
            *self.gva_boxes.values(), self.gva_present, self.gva_date, *self.target_boxes.values(),
            self.level, self.participation, self.urgency, self.route, self.case_manager,
        ]  # fmt: skip

    def draft(self) -> tuple[ReferralDraft, list[FieldError]]:
        errors: list[FieldError] = []
        dates: dict[str, date | None] = {}
        for name, edit, required in (
            ("referral_date", self.referral_date, True),
            ("birth_date", self.birth_date, True),
            ("gva_date", self.gva_date, False),
        ):
            text = edit.text().strip()
            dates[name] = parse_dutch_date(text) if text else None
            if text and dates[name] is None:
                errors.append(FieldError(name, f"Vul een datum in als {DATE_HINT}."))
            elif required and not text:
                errors.append(FieldError(name, "Deze datum is verplicht."))
        # A missing date or choice is reported here; a stand-in lets every other field be checked too.
        referral_date = dates["referral_date"] or date.today()
        chosen = {}
        for name, box, enum, stand_in, message in (
            ("legal_framework", self.legal_framework, LegalFramework, LegalFramework.VOLUNTARY,
             "Kies het wettelijk kader."),
            ("referrer_type", self.referrer_type, ReferrerType, ReferrerType.ACCESS_TEAM,
             "Kies de soort verwijzer."),
            ("urgency", self.urgency, Urgency, Urgency.NORMAL, "Kies de urgentie."),
            ("gender", self.gender, Gender, Gender.UNKNOWN, "Kies het geslacht (of 'onbekend')."),
            ("family_participation", self.participation, FamilyParticipation, FamilyParticipation.UNKNOWN,
             "Kies de betrokkenheid van kind en ouders (of 'onbekend')."),
        ):  # fmt: skip
            chosen[name] = enum_data(box, enum)
            if chosen[name] is None:
                errors.append(FieldError(name, message))
                chosen[name] = stand_in
        for name, relation, _ in self.parents:
            if name.text().strip() and not relation.currentText().strip():
                errors.append(
                    FieldError("family", f"Vul de relatie van {name.text().strip()} in (bijv. moeder).")
                )
        draft = ReferralDraft(
            referral_date=referral_date,
            family_name=self.family_name.text(),
            given_name=self.given_name.text(),
            birth_date=dates["birth_date"] or referral_date,
            bsn=self.bsn.text().strip() or None,
            gender=chosen["gender"],
            municipality_code=self.municipality.currentData(),
            school=self.school.text(),
            no_school=self.no_school.isChecked(),
            legal_framework=chosen["legal_framework"],
            referrer_type=chosen["referrer_type"],
            referrer_organisation=self.referrer_organisation.text(),
            referrer_contact=self.referrer_contact.text(),
            help_question=self.help_question.toPlainText(),
            gva_triggers=frozenset(t for t, box in self.gva_boxes.items() if box.isChecked()),
            gva_present=self.gva_present.isChecked(),
            gva_date=dates["gva_date"],
            target_groups=frozenset(t for t, box in self.target_boxes.items() if box.isChecked()),
            intervention_level=enum_data(self.level, InterventionLevel),
            family_participation=chosen["family_participation"],
            urgency=chosen["urgency"],
            route=self.route.currentData() or None,
            case_manager=self.case_manager.text(),
            address=self.address.text(),
            postcode=self.postcode.text(),
            residence=self.residence.text(),
            family=tuple(
                FamilyMemberDraft(name.text(), relation.currentText(), authority.isChecked())
                for name, relation, authority in self.parents
                if name.text().strip()
            ),
        )
        return draft, errors
