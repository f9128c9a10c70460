"""The embedded TTF font (DejaVu Sans, shipped in resources/fonts) that every report uses,
so that ë, é, ï, ‘ ’ “ ” –, € and the rest survive into the PDF on any machine."""

from __future__ import annotations

from functools import cache
from importlib.resources import as_file, files

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "RetSans"
BOLD = "RetSans-Bold"
ITALIC = "RetSans-Italic"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}


@cache
def register() -> str:
    """Register the family once per process; returns the regular font's name."""
    for name, filename in _FILES.items():
        with as_file(files("ret_desk.resources").joinpath("fonts", filename)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    # So that <b> and <i> in a Paragraph pick the right face.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR
