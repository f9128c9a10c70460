"""The new-referral form takes the youth's address and parents, and they reach the case."""

from __future__ import annotations

from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_detail import get_case
from ret_desk.ui.cases.referral_form import ReferralForm


def test_address_and_parents_from_the_form_are_stored(qtbot, sqlite_store, actors_sqlite, municipalities):
    form = ReferralForm(municipalities)
    form.referral_date.setText("02-11-2026")
    form.family_name.setText("Zwaag")
    form.given_name.setText("Noor")
    form.birth_date.setText("05-03-2011")
    form.municipality.setCurrentIndex(form.municipality.findData("GM0106"))
    form.address.setText("Brink 12")
    form.postcode.setText("9401ab")
    form.residence.setText("Assen")
    form.parents[0][0].setText("Ellen Zwaag")
    form.parents[0][2].setChecked(True)
    form.parents[1][0].setText("Mo Haddou")
    form.parents[1][1].setCurrentText("vader")
    form.school.setText("OBS De Tweemaster")
    form.referrer_organisation.setText("Toegang Assen")
    form.help_question.setPlainText("Vastgelopen hulp")
    draft, errors = form.draft()
    # nothing preselected: every coded choice, and the relation of a parent whose name is typed
    assert {e.field for e in errors} == {
        "legal_framework",
        "referrer_type",
        "urgency",
        "gender",
        "family_participation",
        "family",
    }
    assert [e.message for e in errors if e.field == "family"] == [
        "Vul de relatie van Ellen Zwaag in (bijv. moeder)."
    ]
    form.parents[0][1].setCurrentText("moeder")
    for box in (form.legal_framework, form.referrer_type, form.urgency, form.gender, form.participation):
        box.setCurrentIndex(1)
    draft, errors = form.draft()
    assert errors == []
    coordinator = actors_sqlite[Role.COORDINATOR]
    number = intake.register_referral(uow=sqlite_store.uow(), actor=coordinator, draft=draft).number
    youth = get_case(uow=sqlite_store.uow(), actor=coordinator, number=number).youth
    assert (youth["address"], youth["postcode"], youth["residence"]) == ("Brink 12", "9401 AB", "Assen")
    assert youth["family"] == [
        {"name": "Ellen Zwaag", "relation": "moeder", "has_authority": True},
        {"name": "Mo Haddou", "relation": "vader", "has_authority": False},
    ]


def test_a_bad_postcode_is_refused_in_dutch(qtbot, municipalities):
    form = ReferralForm(municipalities)
    form.postcode.setText("94O1")
    draft, _ = form.draft()
    from ret_desk.domain.referral import validate_referral

    errors = validate_referral(draft, municipality_codes={"GM0106"}, today=draft.referral_date)
    assert "Vul een postcode in als 1234 AB." in [e.message for e in errors if e.field == "postcode"]
