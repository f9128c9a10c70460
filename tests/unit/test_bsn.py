"""The elfproef, with passing and failing examples and a property test."""

from hypothesis import given
from hypothesis import strategies as st

from ret_desk.domain.bsn import bsn_error, is_valid_bsn, normalise_bsn
from ret_desk.services.demo.demo_data import demo_bsns


def test_valid_bsn_passes():
    assert is_valid_bsn("999990019")
    assert bsn_error("9999.90.019") is None


def test_one_digit_off_fails():
    assert not is_valid_bsn("999990018")
    assert bsn_error("999990018") == "Dit BSN klopt niet (elfproef)."


def test_wrong_length_is_reported():
    assert bsn_error("12345") == "Een BSN bestaat uit 9 cijfers."
    assert not is_valid_bsn("abcdefghi")


def test_eight_digits_get_a_leading_zero():
    assert normalise_bsn("12345678") == "012345678"


def test_demo_bsns_start_with_9999_and_pass_the_elfproef():
    numbers = list(demo_bsns())
    assert len(numbers) > 8000
    assert len(set(numbers)) == len(numbers)
    assert all(n.startswith("9999") and is_valid_bsn(n) for n in numbers)


@given(st.text(max_size=20))
def test_bsn_check_never_raises(text):
    result = bsn_error(text)
    assert result is None or "BSN" in result
