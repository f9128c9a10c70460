"""Text folding for the pseudonymiser: one comparable form of a free text (NFC, accents
folded, lower case) with a map back to the original characters, and the span bookkeeping
(a match is a `Span`; overlapping spans resolve to the longest, leftmost)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    mark: str


@dataclass(frozen=True, slots=True)
class Folded:
    """`text` is the NFC original; `folded` the comparable form; `origin[i]` is the index in
    `text` of folded character i (with one extra entry, len(text), at the end)."""

    text: str
    folded: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int, mark: str) -> Span:
        return Span(self.origin[start], self.origin[end], mark)


#: Letters that no Unicode decomposition folds: ı (Yılmaz), ø, ß, æ, ł, đ.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ß": "s", "æ": "a", "ł": "l", "đ": "d", "ð": "d", "þ": "t"})


def fold_word(word: str) -> str:
    """'Zoë' -> 'zoe', 'ÇELİK' -> 'celik': no accents, lower case (same as `fold`)."""
    return fold(word).folded


def fold(text: str) -> Folded:
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        plain = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        plain = plain.lower().translate(_LETTERS)[:1] if plain else ""
        for c in plain:
            out.append(c)
            origin.append(index)
    origin.append(len(text))
    return Folded(text, "".join(out), tuple(origin))


def find(folded: Folded, pattern: re.Pattern[str], mark: str) -> list[Span]:
    return [
        folded.span(m.start(), m.end(), mark) for m in pattern.finditer(folded.folded) if m.end() > m.start()
    ]


def resolve(spans: Iterable[Span]) -> list[Span]:
    """The longest, leftmost non-overlapping spans (an overlap that reaches further merges)."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if chosen and span.start < chosen[-1].end:
            last = chosen[-1]
            if span.end > last.end:
                chosen[-1] = Span(last.start, span.end, last.mark)
            continue
        chosen.append(span)
    return chosen


def apply(text: str, spans: Iterable[Span]) -> str:
    """Replace the longest, leftmost non-overlapping spans by their marks."""
    parts, at = [], 0
    for span in resolve(spans):
        parts += [text[at : span.start], span.mark]
        at = span.end
    parts.append(text[at:])
    return "".join(parts)
