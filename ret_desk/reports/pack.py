"""The sitting pack: the agenda, then every case summary, as one PDF."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable, PageBreak

from ret_desk.domain.progress import Progress, report_progress
from ret_desk.reports import agenda as agenda_report
from ret_desk.reports import case_summary
from ret_desk.reports.layout import Imprint, build_pdf
from ret_desk.reports.model import AgendaData, CaseSummary


def build(
    agenda: AgendaData,
    summaries: Iterable[CaseSummary],
    total: int,
    imprint: Imprint,
    progress: Progress | None = None,
) -> bytes:
    """`summaries` may be a generator that loads one case at a time; `total` is its length.
    Raises domain.errors.Cancelled when `progress` returns False."""

    def report(done: int) -> None:
        report_progress(progress, done, total + 1)

    story: list[Flowable] = agenda_report.story(agenda)
    report(0)
    for done, summary in enumerate(summaries, start=1):
        story += [PageBreak(), *case_summary.story(summary)]
        report(done)
    # Layout is the last step; it is short for a pack of 12, but still cancellable.
    pdf = build_pdf(story, imprint, on_page=lambda _page: report(total))
    report(total + 1)
    return pdf
