"""Paragraph styles and small flowable helpers shared by every report."""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from ret_desk.reports.fonts import BOLD, REGULAR, register

GREY = colors.HexColor("#5f6b76")
LINE = colors.HexColor("#c9d1d9")
SHADE = colors.HexColor("#eef2f5")


@cache
def styles() -> dict[str, ParagraphStyle]:
    register()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13.5, spaceAfter=4)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=GREY),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=6),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4
        ),
        "h3": ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=10, spaceBefore=6, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontSize=9, leading=11.5, spaceAfter=0, textColor=GREY),
    }


def text(value: str) -> str:
    """User text made safe for a Paragraph: XML-escaped, line breaks kept."""
    return escape(value).replace("\r\n", "\n").replace("\n", "<br/>")


def para(value: str, style: str = "body") -> Paragraph:
    return Paragraph(text(value), styles()[style])


def paragraphs(value: str, style: str = "body") -> list[Paragraph]:
    """Long user text as one Paragraph per block, so it flows across pages."""
    blocks = [b.strip() for b in value.replace("\r\n", "\n").split("\n\n")]
    return [para(b, style) for b in blocks if b] or [para("—", style)]


def fields_table(rows: list[tuple[str, str]], width: float) -> Table:
    """Label/value pairs in two columns; values wrap."""
    data = [[para(label, "label"), para(value or "—", "cell")] for label, value in rows]
    table = Table(data, colWidths=[48 * mm, width - 48 * mm], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def grid(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    """A table with a repeated header row; cells wrap and long rows split across pages."""
    data = [[para(h, "label") for h in header]] + [[para(c or "", "cell") for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table
