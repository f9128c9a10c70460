"""The RO3 rules without a store: statuses and their Dutch labels, what an agreement and a
party need, marking, both signals, and hiding contact persons' names."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ret_desk.domain import ro3
from ret_desk.domain.errors import InvalidInput, RuleViolation
from ret_desk.domain.ro3 import AgreementFacts, AgreementStatus

DAY = date(2026, 11, 23)


def test_statuses_have_dutch_labels():
    assert [s.label for s in AgreementStatus] == ["open", "afgerond", "niet nagekomen"]


def test_an_agreement_needs_what_and_due():
    with pytest.raises(InvalidInput) as caught:
        ro3.check_agreement("  ", None)
    assert [e.field for e in caught.value.errors] == ["what", "due"]
    ro3.check_agreement("Gezinscoach inzetten", DAY)


def test_a_party_needs_organisation_and_role_and_comes_once():
    with pytest.raises(InvalidInput) as caught:
        ro3.check_party("", "")
    assert [e.field for e in caught.value.errors] == ["organisation", "role"]
    with pytest.raises(InvalidInput, match="al een partij"):
        ro3.check_party("GI  noord", "GI", ["GI Noord"])


@pytest.mark.parametrize("status", [AgreementStatus.DONE, AgreementStatus.NOT_KEPT])
def test_only_an_open_agreement_is_marked(status):
    with pytest.raises(RuleViolation, match=status.label):
        ro3.check_mark(status, AgreementStatus.DONE)


def test_not_kept_needs_a_consequence():
    with pytest.raises(InvalidInput, match="gevolg"):
        ro3.check_mark(AgreementStatus.OPEN, AgreementStatus.NOT_KEPT, " ")
    ro3.check_mark(AgreementStatus.OPEN, AgreementStatus.NOT_KEPT, "Opschalen")
    ro3.check_mark(AgreementStatus.OPEN, AgreementStatus.DONE)


def _codes(agreements, entered, reviews, today, term=42):  # noqa: ANN001, ANN202
    return [code for code, _ in ro3.signals(agreements, entered, reviews, term, today)]


def test_agreement_overdue_only_for_open_agreements_past_due():
    due = DAY - timedelta(days=1)
    late = AgreementFacts("Huisbezoek", "Wijkteam", due, AgreementStatus.OPEN)
    assert _codes([late], DAY, [], DAY) == [ro3.AGREEMENT_OVERDUE]
    assert _codes([late], DAY, [], due) == []
    for status in (AgreementStatus.DONE, AgreementStatus.NOT_KEPT):
        assert _codes([AgreementFacts("x", "y", due, status)], DAY, [], DAY) == []
    message = ro3.signals([late], DAY, [], 42, DAY)[0][1]
    assert "Wijkteam" in message and "22-11-2026" in message


def test_no_review_counts_from_entry_or_the_last_review():
    entered = DAY - timedelta(days=42)
    assert _codes([], entered, [], DAY) == []
    assert _codes([], entered, [], DAY + timedelta(days=1)) == [ro3.RO3_NO_REVIEW]
    assert _codes([], entered, [DAY - timedelta(days=5)], DAY + timedelta(days=1)) == []
    assert _codes([], entered, [], DAY, term=10) == [ro3.RO3_NO_REVIEW]


def test_a_record_off_ro3_raises_nothing():
    late = AgreementFacts("x", "y", DAY - timedelta(days=100), AgreementStatus.OPEN)
    assert _codes([late], None, [], DAY) == []


def test_contact_names_are_hidden_whole_and_in_parts():
    text = "Marieke de Jong belt school; mevr. Jong mailt. Jongeren blijven."
    hidden = ro3.hide_names(text, ["Marieke de Jong"])
    assert hidden == "[contactpersoon] belt school; mevr. [contactpersoon] mailt. Jongeren blijven."
