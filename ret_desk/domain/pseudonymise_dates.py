"""A birth date in free text, in every notation a social worker types: 7-3-2011, 07/03/11,
2011-03-07, 07032011, 7 maart 2011, 7de maart '11, 7 mrt. 2011, maart 7, 2011, and the day
and month without a year ("jarig op 7 maart", "7 mrt.", "7-3"), which with the printed age
gives the birth date away. The same day and month with ANOTHER year (a meeting on 7 maart
2026) is a different date and stays."""

from __future__ import annotations

from datetime import date

from ret_desk.domain.dutch_dates import MONTHS

DATE_MARK = "[geboortedatum]"

_ABBREVIATED = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_EXTRA = {2: ("febr",), 3: ("mar", "maa"), 9: ("sept",), 10: ("oct",)}


def _month(m: int) -> str:
    names = [MONTHS[m - 1], _ABBREVIATED[m - 1], *_EXTRA.get(m, ())]
    return (
        "(?:" + "|".join(rf"{n}\.?" if len(n) < 5 else n for n in sorted(names, key=len, reverse=True)) + ")"
    )


def date_patterns(day: date) -> list[str]:
    d, m, y = day.day, day.month, day.year
    dd, mm = f"0?{d}", f"0?{m}"
    yy = rf"(?:{y}|'?{y % 100:02d})"
    sep = r"(?:\s*[-/.]\s*|\s+)"
    ordinal = rf"{dd}(?:e|de|ste|ste)?"
    month = _month(m)
    no_year = r"(?!\s*[-/.]?\s*'?\d{2}(?:\d{2})?(?!\d)|,\s*(?:19|20)\d{2}(?!\d))"
    return [
        rf"(?<![\d,.]){dd}{sep}{mm}{sep}{yy}(?!\d)",
        rf"(?<!\d){y}{sep}{mm}{sep}{dd}(?!\d)",
        rf"(?<!\d){d:02d}{m:02d}{y}(?!\d)",
        rf"(?<!\d){d:02d}{m:02d}{y % 100:02d}(?!\d)",
        rf"(?<!\d){y}{m:02d}{d:02d}(?!\d)",
        rf"(?<![\w,.]){ordinal}\s*{month}\s*,?\s*{yy}(?!\d)",
        rf"(?<!\w){month}\s+{ordinal},?\s+{yy}(?!\d)",
        # day and month without a year (a following other year makes it another date)
        rf"(?<![\w,.]){ordinal}\s*{month}(?!\w){no_year}",
        rf"(?<!\w){month}\s+{ordinal}(?!\w){no_year}",
        rf"(?<![\w,.:/-]){dd}\s*[-/]\s*{mm}(?![\w:]){no_year}",
    ]
