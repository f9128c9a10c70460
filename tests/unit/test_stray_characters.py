"""Escape sequences and invisible characters never get into a child's record, whichever
way the text comes in (domain/stray_characters.py; issue 11 §2)."""

from __future__ import annotations

import pytest

from ret_desk.domain.stray_characters import stray_character


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("Groot\x01\x1b[31m", "U+0001"),
        ("Oost\u200bing", "U+200B"),
        ("Jan\u00adsen", "U+00AD"),
        ("Jansen\ufeff", "U+FEFF"),
        ("\u202eneslaJ", "U+202E"),
        ("Priv\ue000", "U+E000"),
        ("Een\nTwee", "U+000A"),
    ],
)
def test_stray_characters_are_found(value, found):
    assert stray_character(value) == found


@pytest.mark.parametrize("value", ["Zoë van 't Hart-Özdemir", "Ĳsselstein", "O'Brien", "Çelik", ""])
def test_names_people_have_pass(value):
    assert stray_character(value) is None


def test_line_breaks_and_tabs_belong_in_a_long_text_only():
    assert stray_character("Een\nTwee\tdrie", multiline=True) is None
    assert stray_character("Een\nTwee\x1b", multiline=True) == "U+001B"
