"""Text of a PDF as a reader would copy it (pypdf), for report tests."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def text(pdf: bytes) -> str:
    return "\n".join(pages(pdf))


def flat(pdf: bytes) -> str:
    """All text with runs of whitespace made one space (a wrapped line reads as one)."""
    return " ".join(text(pdf).split())
