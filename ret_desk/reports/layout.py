"""The page frame every report shares: A4, "Vertrouwelijk" on top, and in the footer
"pagina x van y" with who printed it and when."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from ret_desk.domain.dutch_dates import long_date
from ret_desk.reports.fonts import BOLD, REGULAR, register
from ret_desk.reports.styles import GREY

MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN


@dataclass(frozen=True, slots=True)
class Imprint:
    """Who printed, when (local time), and what; shown on every page."""

    printed_by: str
    printed_at: datetime
    title: str


def _numbered_canvas(imprint: Imprint) -> type[canvas.Canvas]:
    class NumberedCanvas(canvas.Canvas):
        # Pages are kept until the end so that each footer can say "van y".
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = A4
            self.setFont(BOLD, 9)
            self.setFillColor(GREY)
            self.drawString(MARGIN, height - 12 * mm, "Vertrouwelijk")
            self.setFont(REGULAR, 8)
            self.drawRightString(width - MARGIN, height - 12 * mm, imprint.title)
            self.line(MARGIN, 15 * mm, width - MARGIN, 15 * mm)
            stamp = f"{long_date(imprint.printed_at)} {imprint.printed_at:%H:%M}"
            self.drawString(MARGIN, 10 * mm, f"Afgedrukt door {imprint.printed_by} op {stamp}")
            self.drawRightString(width - MARGIN, 10 * mm, f"pagina {self._pageNumber} van {total}")

    return NumberedCanvas


def build_pdf(
    story: list[Flowable],
    imprint: Imprint,
    *,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """Lay out `story` on A4 pages and return the PDF. `on_page` is told each page number
    as it is laid out (and may raise domain.errors.Cancelled)."""
    register()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=imprint.title,
        author="RET Desk",
        creator="RET Desk",
    )

    def page_done(canv: canvas.Canvas, _doc: SimpleDocTemplate) -> None:
        if on_page is not None:
            on_page(canv.getPageNumber())

    doc.build(story, onFirstPage=page_done, onLaterPages=page_done, canvasmaker=_numbered_canvas(imprint))
    return out.getvalue()
