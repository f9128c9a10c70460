"""The pure identity rules: name normalisation, differences, gaps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ret_desk.domain.youth_identity import (
    NO_SCHOOL,
    FamilyFact,
    YouthFacts,
    bsn_conflict,
    differences,
    display,
    gaps,
    normalise_name,
    same_name,
)

SANNE = YouthFacts(
    family_name="Veenstra", given_name="Sanne", birth_date=date(2012, 4, 17), gender="v",
    municipality_code="GM0106", school="OBS De Tweemaster", legal_framework="vrijwillig",
)  # fmt: skip


def test_case_accents_and_spaces_do_not_count():
    assert same_name("van der  Veen", "Zoë", "Van Der Veen", "zoe")
    assert same_name(" Çelik", "Ayşe", "celik", "AYSE ")
    assert not same_name("Veen", "Zoë", "Veenstra", "Zoë")


@given(st.text(alphabet="abcdefghijéëïö ", min_size=1, max_size=20))
def test_normalising_ignores_case_and_spacing(name):
    assert normalise_name(name.upper()) == normalise_name(" ".join(name.split()))


def test_only_two_filled_different_values_are_a_difference():
    new = replace(SANNE, gender="m", school="", address="Brink 1", given_name=" Sanne ")
    assert differences(SANNE, new) == ["geslacht"]
    assert gaps(SANNE, new) == ["adres"]
    assert differences(SANNE, replace(SANNE, gender="o")) == []  # unknown is no news


def test_school_or_no_school_and_family_are_compared_as_a_whole():
    assert differences(SANNE, replace(SANNE, school=NO_SCHOOL)) == ["school"]
    mother = (FamilyFact("Els Veenstra", "moeder", True),)
    with_mother = replace(SANNE, family=mother)
    assert gaps(SANNE, with_mother) == ["gezin"]
    assert differences(
        with_mother, replace(SANNE, family=(FamilyFact("Els Veenstra", "moeder", False),))
    ) == ["gezin"]
    assert display(with_mother, "gezin", {}) == "Els Veenstra (moeder, gezag)"


def test_postcode_spacing_is_no_difference_and_labels_are_dutch():
    assert differences(replace(SANNE, postcode="9401AA"), replace(SANNE, postcode="9401 aa")) == []
    assert display(SANNE, "geslacht", {}) == "Vrouw"
    assert display(SANNE, "gemeente", {"GM0106": "Assen"}) == "Assen"
    assert display(SANNE, "adres", {}) == "(leeg)"


def test_two_different_bsns_are_two_children():
    assert bsn_conflict("999990019", "999990020")
    assert not bsn_conflict("999990019", None) and not bsn_conflict("999990019", "999990019")
