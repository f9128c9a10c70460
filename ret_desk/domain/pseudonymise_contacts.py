"""Contact details in free text, whoever they belong to: e-mail addresses, @handles, phone
numbers (06-12345678, +31 6 1234 5678, 0592-123456, 0031...), any number that passes the
elfproef however it is spaced (9999. 12. 343), postcodes, street names (Kerkstraat 12,
Kerkstr. 12, Dorpsln. 3, Hoofdwg 4) with the house number next to them, and the known
addresses and schools of the persons in the context, bare or abbreviated."""

from __future__ import annotations

import re

from ret_desk.domain.bsn import is_valid_bsn
from ret_desk.domain.pseudonymise_text import Folded, Span, find, fold_word

BSN_MARK = "[BSN]"
ADDRESS_MARK = "[adres]"
PHONE_MARK = "[telefoon]"
EMAIL_MARK = "[e-mail]"
HANDLE_MARK = "[account]"
SCHOOL_MARK = "[school]"

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_HANDLE = re.compile(r"(?<![\w.@])@[a-z0-9_][a-z0-9_.]{1,29}(?<!\.)")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?31[\s\-.]*(?:\(0\)[\s\-.]*)?|\(?0)(?:\d\)?[\s\-.]?){8}\d(?!\d)"
    r"|(?<![\w+])(?:\+|00)\s?(?:3[0-9]|4[0-9]|[1-9])\d?[\s\-.]*(?:\d[\s\-.]?){6,11}\d(?!\d)"
)
#: Digits with separators a person types: "9999 12 343", "9999. 12. 343", "999-912-343".
_DIGIT_RUN = re.compile(r"(?<![\w\-])\d+(?:(?:[\s.\-/]|\.\s){1,2}\d+)*(?!\d)")
_POSTCODE = re.compile(r"(?<!\w)[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?!\w)")
_POSTCODE_TIGHT = re.compile(r"(?<!\w)[1-9]\d{3}(?!sa|sd|ss)[a-z]{2}(?!\w)")
_HOUSE_NUMBER = r"(?:\s*\d{1,5}(?:\s?[a-z](?!\w))?(?:\s?[-/]\s?\d{1,4}|\s?(?:hs|bis|rd|bg))?)?"
_SUFFIXES = {
    "straat": r"str(?:aat|\.)?",
    "laan": r"l(?:aa)?n\.?",
    "weg": r"w(?:e)?g\.?",
    "plein": r"pl(?:ei)?n\.?",
    "singel": r"s(?:i)?ng(?:e)?l\.?",
    "dijk": r"d(?:ij|y)?k\.?",
    "kade": r"kade",
    "gracht": r"gr(?:acht|\.)",
    "steeg": r"steeg",
    "dreef": r"dreef",
    "hof": r"hof",
    "markt": r"markt",
    "pad": r"pad",
    "ring": r"ring",
}
_STREET_GENERIC = re.compile(
    r"(?<![\w@])[a-z][a-z\-']{2,}(?:straat|str\.|laan|ln\.|weg|wg\.?|plein|pln\.|singel|steeg|dreef|gracht|kade)"
    r"(?!\w)" + _HOUSE_NUMBER
)
#: Capitalised words that end like a street but are ordinary words.
_NOT_STREETS = frozenset(
    {"onderweg", "halfweg", "halverwege", "zijweg", "uitweg", "omweg", "snelweg", "wegen"}
)
_SCHOOL_TYPES = frozenset(
    [
        "obs",
        "cbs",
        "pcbs",
        "rkbs",
        "ikc",
        "kc",
        "sbo",
        "so",
        "vso",
        "bs",
        "basisschool",
        "school",
        "de",
        "het",
        "openbare",
        "christelijke",
        "csg",
        "rsg",
        "osg",
        "vmbo",
        "havo",
        "vwo",
        "praktijkonderwijs",
        "pro",
        "mavo",
        "lyceum",
        "gymnasium",
        "scholengemeenschap",
        "college",
    ]
)


def _run_spans(folded: Folded) -> list[Span]:
    """Every 9-digit window of a digit run that passes the elfproef."""
    spans = []
    for run in _DIGIT_RUN.finditer(folded.folded):
        groups = list(re.finditer(r"\d+", run.group()))
        for i in range(len(groups)):
            digits = ""
            for j in range(i, len(groups)):
                digits += groups[j].group()
                if len(digits) > 9:
                    break
                if len(digits) == 9 and is_valid_bsn(digits):
                    start, end = run.start() + groups[i].start(), run.start() + groups[j].end()
                    spans.append(folded.span(start, end, BSN_MARK))
    return spans


def _street_pattern(street: str) -> str:
    words = [fold_word(w) for w in street.split()]
    last = words[-1]
    for suffix, abbreviated in _SUFFIXES.items():
        if last.endswith(suffix) and len(last) > len(suffix):
            words[-1] = re.escape(last[: -len(suffix)]) + rf"\s?(?:{abbreviated})"
            break
    else:
        words[-1] = re.escape(last)
    body = r"\s+".join(words[:-1] and [re.escape(w) for w in words[:-1]]) + (r"\s+" if len(words) > 1 else "")
    return rf"(?<![\w@]){body}{words[-1]}(?!\w)" + _HOUSE_NUMBER


def street_of(address: str) -> str:
    """'Kerkstraat 12a' -> 'Kerkstraat': the street name without the house number."""
    return re.split(r"\s+\d", address.strip(), maxsplit=1)[0].strip(" ,")


def school_cores(school: str) -> list[str]:
    """'OBS De Regenboog' -> ['obs de regenboog', 'de regenboog', 'regenboog']."""
    words = [fold_word(w) for w in school.replace(",", " ").split()]
    if not words:
        return []
    cores = {" ".join(words)}
    rest = words[:]
    while rest and rest[0] in _SCHOOL_TYPES:
        rest = rest[1:]
        if rest:
            cores.add(" ".join(rest))
    tail = words[:]
    while tail and tail[-1] in _SCHOOL_TYPES:
        tail = tail[:-1]
        if tail:
            cores.add(" ".join(tail))
    return [c for c in cores if len(c) >= 4 and c not in _SCHOOL_TYPES]


class ContactRules:
    def __init__(self, addresses: list[str], postcodes: list[str], schools: list[str]) -> None:
        streets = {street_of(a) for a in addresses if street_of(a)}
        patterns = [_street_pattern(s) for s in sorted(streets, key=len, reverse=True)]
        for postcode in postcodes:
            compact = re.sub(r"\s+", "", fold_word(postcode))
            if compact:
                patterns.append(r"(?<!\w)" + r"\s*".join(re.escape(c) for c in compact) + r"(?!\w)")
        self._known = re.compile("|".join(patterns)) if patterns else None
        cores = sorted({c for s in schools for c in school_cores(s)}, key=len, reverse=True)
        self._schools = (
            re.compile(
                "|".join(r"(?<!\w)" + r"[\s\-]+".join(map(re.escape, c.split())) + r"(?!\w)" for c in cores)
            )
            if cores
            else None
        )

    def spans(self, folded: Folded) -> list[Span]:
        spans = find(folded, _EMAIL, EMAIL_MARK) + find(folded, _HANDLE, HANDLE_MARK)
        spans += find(folded, _PHONE, PHONE_MARK)
        spans += _run_spans(folded)
        spans += [s for s in _find_cased(folded, _POSTCODE)] + find(folded, _POSTCODE_TIGHT, ADDRESS_MARK)
        if self._known is not None:
            spans += find(folded, self._known, ADDRESS_MARK)
        for span in find(folded, _STREET_GENERIC, ADDRESS_MARK):
            word = folded.text[span.start : span.end].split()[0].lower().rstrip(".")
            if folded.text[span.start].isupper() and word not in _NOT_STREETS:
                spans.append(span)
        if self._schools is not None:
            spans += find(folded, self._schools, SCHOOL_MARK)
        return spans


def _find_cased(folded: Folded, pattern: re.Pattern[str]) -> list[Span]:
    return [Span(m.start(), m.end(), ADDRESS_MARK) for m in pattern.finditer(folded.text)]
