"""Free text loses the youth's name, BSN, address and birth date, in any common notation."""

from __future__ import annotations

from datetime import date

import pytest

from ret_desk.domain.pseudonymise import Identity, Pseudonymiser

NOOR = Identity(
    given_name="Noor",
    family_name="van der Zwaag",
    birth_date=date(2010, 3, 5),
    bsn="999912345",
    address="Brink 12",
    postcode="9401 AB",
    other_names=("Ellen de Vries", "Mo Zwaag"),
)


@pytest.mark.parametrize(
    "written",
    [
        "05-03-2010",
        "5-3-2010",
        "05/03/2010",
        "5.3.2010",
        "2010-03-05",
        "05032010",
        "20100305",
        "5 maart 2010",
        "5 mrt. 2010",
        "05 MAART 2010",
        "maart 5, 2010",
        "05-03-10",
    ],
)
def test_the_birth_date_goes_in_every_notation(written):
    assert Pseudonymiser(NOOR).scrub(f"geboren {written} te Assen") == "geboren [geboortedatum] te Assen"


@pytest.mark.parametrize("written", ["999912345", "9999 12 345", "9999.12.345", "999-912-345"])
def test_the_bsn_goes_with_any_separators(written):
    assert Pseudonymiser(NOOR).scrub(f"BSN {written}.") == "BSN [BSN]."


def test_names_of_youth_parents_and_contacts_go_but_particles_and_other_words_stay():
    text = "Noor van der Zwaag woont bij moeder Ellen de Vries (Brink 12, 9401AB); vader Mo is van de baan."
    assert Pseudonymiser(NOOR).scrub(text) == (
        "[naam] woont bij moeder [naam] ([adres], [adres]); vader [naam] is van de baan."
    )


def test_other_dates_and_numbers_are_left_alone():
    text = "Aangemeld 05-03-2011, gesprek op 6 maart 2010, casus RET-2026-00012, 99991234 is geen BSN."
    assert Pseudonymiser(NOOR).scrub(text) == text
