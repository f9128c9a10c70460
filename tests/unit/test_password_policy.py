"""Which new passwords are refused (issue 11 §3): length, the user name, and easy guesses
from zxcvbn's lists of common passwords plus our Dutch list."""

from __future__ import annotations

import pytest

from ret_desk.services.admin import accounts, password_policy


@pytest.mark.parametrize(
    "password",
    [
        "password1234",  # zxcvbn's list of common passwords
        "qwertyuiop123",  # a keyboard row
        "aaaaaaaaaaaaaaaa",  # a repeat
        "Wachtwoord01!",  # Dutch
        "Welkom2024!!",  # Dutch: passes zxcvbn's English lists, refused by ours
        "Feyenoord2026",
        "zonneschijn1!",
    ],
)
def test_common_passwords_dutch_ones_included_are_refused(password):
    assert any("te makkelijk te raden" in p for p in accounts.password_problems(password, "anne"))


def test_the_dutch_list_is_what_refuses_welkom():
    # Without our list zxcvbn thinks it strong enough; the test fails if the list is not read
    from zxcvbn import zxcvbn

    assert zxcvbn("Welkom2024!!")["guesses_log10"] >= password_policy.MIN_GUESSES_LOG10
    assert "welkom" in password_policy.dutch_words()


@pytest.mark.parametrize("password", ["fiets-paraplu-42", "correct-paard-batterij", "Zeven blauwe ijsberen"])
def test_a_few_ordinary_words_are_fine(password):
    assert accounts.password_problems(password, "anne") == []


def test_at_least_twelve_characters():
    assert accounts.MIN_PASSWORD == 12
    assert accounts.password_problems("Xq7#vP2!mZ9", "anne") == [
        "Het wachtwoord moet minstens 12 tekens hebben."
    ]
    assert accounts.password_problems("Xq7#vP2!mZ9@", "anne") == []


@pytest.mark.parametrize("password", ["jdevries-2026-fiets", "JDEVRIES-paraplu-42", "mijn-jdevries-wolk"])
def test_the_user_name_is_refused_also_inside_the_password(password):
    assert accounts.password_problems(password, "jdevries") == [
        "Het wachtwoord mag de gebruikersnaam niet zijn of bevatten."
    ]
    assert accounts.password_problems(password, "anne") == []


def test_a_password_longer_than_zxcvbn_takes_is_judged_by_its_start():
    assert accounts.password_problems("fiets-paraplu-42 " * 10 + "x", "anne") == []


def test_a_user_name_of_two_letters_may_appear_inside():
    assert accounts.password_problems("paddestoel-regen-12", "ad") == []
    assert (
        accounts.password_problems("Ad", "ad")[-1]
        == "Het wachtwoord mag de gebruikersnaam niet zijn of bevatten."
    )


@pytest.mark.parametrize(
    "password", ["ikhouvanjou1", "Voorjaar2025", "Kerst2025!!!", "Experttafel1", "RETDrenthe2026"]
)
def test_seasons_feasts_and_the_words_of_the_work_are_refused(password):
    # the fresh-eyes test walk got these through before the Dutch list had them
    assert any("te makkelijk te raden" in p for p in password_policy.problems(password, "beheer"))
