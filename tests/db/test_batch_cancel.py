"""The batch proposal cancels the one way long work cancels: its progress callback
answering False raises domain.errors.Cancelled, and nothing is logged."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import Cancelled
from ret_desk.services.placement import match
from tests.support.rop import case_with_open_request


def batch_actions(store) -> set[str]:  # noqa: ANN001
    with store.uow() as uow:
        return set(uow.session.scalars(select(AuditEvent.action))) & {"match_batch", "match_view"}


def test_a_cancelled_batch_proposal_raises_cancelled_and_logs_nothing(store, actors, coordinator, tmp_path):
    staff = actors[Role.PLACEMENT_OFFICER]
    case_with_open_request(store, coordinator, staff, tmp_path)
    asked = []

    def progress(done: int, total: int) -> bool:
        asked.append((done, total))
        return False  # the user pressed "Annuleren"

    with pytest.raises(Cancelled):
        match.batch_proposal(uow=store.uow(), actor=staff, progress=progress)
    assert asked == [(1, 1)]
    assert batch_actions(store) == set()


def test_a_batch_proposal_that_goes_on_reports_its_progress_and_is_logged(
    store, actors, coordinator, tmp_path
):
    staff = actors[Role.PLACEMENT_OFFICER]
    number = case_with_open_request(store, coordinator, staff, tmp_path)
    asked = []
    rows, _unmatched = match.batch_proposal(
        uow=store.uow(), actor=staff, progress=lambda done, total: asked.append((done, total)) or True
    )
    assert asked == [(1, 1)]
    assert [r.case_number for r in rows] == [number]
    assert batch_actions(store) == {"match_batch", "match_view"}
