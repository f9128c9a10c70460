"""The case summary (casusoverzicht) as plain report data: the case's one view
(`case_view.CaseView`, full or pseudonymised), handed to the report builder as it is."""

from __future__ import annotations

from ret_desk.reports.model import CaseSummary
from ret_desk.services.cases.case_view import CaseView, identity_of

__all__ = ["case_summary", "identity_of"]


def case_summary(view: CaseView) -> CaseSummary:
    """The printed summary of the case `view` shows."""
    return CaseSummary(view.number, view.pseudonymised, view.heading, view.subheading, view.sections)
