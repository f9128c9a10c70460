"""The sitting pack: the agenda, then every case summary, as one PDF."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reportlab.platypus import Flowable, PageBreak

from ret_desk.reports import agenda as agenda_report
from ret_desk.reports import case_summary
from ret_desk.reports.layout import Cancelled, Imprint, build_pdf
from ret_desk.reports.model import AgendaData, CaseSummary

#: Progress callback: (done, total) -> False to cancel.
Progress = Callable[[int, int], bool]


def build(
    agenda: AgendaData,
    summaries: Iterable[CaseSummary],
    total: int,
    imprint: Imprint,
    progress: Progress | None = None,
) -> bytes:
    """`summaries` may be a generator that loads one case at a time; `total` is its length.
    Raises Cancelled when `progress` returns False."""

    def report(done: int) -> None:
        if progress is not None and progress(done, total + 1) is False:
            raise Cancelled

    story: list[Flowable] = agenda_report.story(agenda)
    report(0)
    for done, summary in enumerate(summaries, start=1):
        story += [PageBreak(), *case_summary.story(summary)]
        report(done)
    # Layout is the last step; it is short for a pack of 12, but still cancellable.
    pdf = build_pdf(story, imprint, on_page=lambda _page: report(total))
    report(total + 1)
    return pdf
