"""The one way to cancel long work: a progress callback answering False raises Cancelled."""

from __future__ import annotations

import pytest

from ret_desk.domain.errors import Cancelled, RetDeskError
from ret_desk.domain.progress import every, report_progress


def test_progress_is_told_and_work_goes_on_while_it_answers_true():
    told = []
    report_progress(lambda done, total: told.append((done, total)) or True, 3, 10)
    report_progress(None, 4, 10)  # nobody asked: nothing happens
    assert told == [(3, 10)]


def test_answering_false_cancels_with_a_dutch_message():
    with pytest.raises(Cancelled) as caught:
        report_progress(lambda done, total: False, 1, 10)
    assert isinstance(caught.value, RetDeskError)
    assert caught.value.message == "Afgebroken; er is niets opgeslagen."


def test_progress_is_reported_every_step_and_at_the_end():
    assert [n for n in range(1, 251) if every(100, n, 250)] == [100, 200, 250]
