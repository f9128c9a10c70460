"""Retention terms (bewaartermijnen, issue 12 §3): how long a youth's dossier is kept after
its last change, per legal framework, and when it falls due for destruction.

The default is 20 years after the last change (Jeugdwet art. 7.3.8). A region may set a
longer term per legal framework (youth.legal_framework): more years after the last change
(`years`), and/or keeping the dossier until the youth reaches an age (`until_age`; e.g. 48,
"30 years after coming of age", for a supervision order or guardianship). The longer of
the two applies. The terms are region data (resources/region/*.json, key "retention");
a region file without them keeps 20 years for every framework.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ret_desk.domain.enums import LegalFramework

DEFAULT_YEARS = 20
"""Jeugdwet art. 7.3.8: twenty years after the last change."""

MIN_YEARS = 20
"""No region term may be shorter than the law's twenty years."""

#: RegionSetting keys: the default, and per framework the years and the age
DEFAULT_KEY = "retention_years"


def years_key(framework: str) -> str:
    return f"retention_years_{framework}"


def age_key(framework: str) -> str:
    return f"retention_until_age_{framework}"


@dataclass(frozen=True, slots=True)
class FrameworkTerm:
    years: int = DEFAULT_YEARS
    until_age: int | None = None


@dataclass(frozen=True, slots=True)
class RetentionTerms:
    """The region's terms: a default number of years, and longer terms per framework."""

    default_years: int = DEFAULT_YEARS
    frameworks: dict[str, FrameworkTerm] = field(default_factory=dict)

    def term(self, framework: str | None) -> FrameworkTerm:
        found = self.frameworks.get(framework or "")
        if found is None:
            return FrameworkTerm(self.default_years)
        return FrameworkTerm(max(found.years, self.default_years), found.until_age)

    def settings(self) -> dict[str, float]:
        """The terms as RegionSetting key → value."""
        values: dict[str, float] = {DEFAULT_KEY: float(self.default_years)}
        for name, term in self.frameworks.items():
            values[years_key(name)] = float(term.years)
            if term.until_age is not None:
                values[age_key(name)] = float(term.until_age)
        return values

    def to_region_json(self) -> dict[str, Any]:
        """The terms as a region file writes them ("retention")."""
        per: dict[str, dict[str, int]] = {}
        for name, term in sorted(self.frameworks.items()):
            per[name] = {"years": term.years}
            if term.until_age is not None:
                per[name]["until_age"] = term.until_age
        return {"years": self.default_years, "legal_frameworks": per}

    @classmethod
    def from_settings(cls, settings: dict[str, float]) -> RetentionTerms:
        """The terms from the store's region settings; absent keys give 20 years."""
        default = int(settings.get(DEFAULT_KEY, DEFAULT_YEARS))
        frameworks: dict[str, FrameworkTerm] = {}
        for fw in LegalFramework:
            years = settings.get(years_key(fw.value))
            age = settings.get(age_key(fw.value))
            if years is not None or age is not None:
                frameworks[fw.value] = FrameworkTerm(
                    int(years) if years is not None else default, int(age) if age is not None else None
                )
        return cls(default, frameworks)


def add_years(day: date, years: int) -> date:
    """`day` plus whole years; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def due_on(term: FrameworkTerm, last_change: date, birth_year: int | None) -> date:
    """The first day the dossier may (and must) be destroyed: the day its term ends (the
    last change plus the years).
    With `until_age`, the dossier is also kept until the end of the calendar year in which
    the youth reaches that age (the birth year is what the admin's list may know)."""
    due = add_years(last_change, term.years)
    if term.until_age is not None and birth_year is not None:
        due = max(due, date(birth_year + term.until_age + 1, 1, 1))
    return due


def describe(term: FrameworkTerm) -> str:
    """The term in Dutch, e.g. "20 jaar" or "20 jaar, en tot 48 jaar oud"."""
    text = f"{term.years} jaar na de laatste wijziging"
    if term.until_age is not None:
        text += f", en tot het jaar waarin de jeugdige {term.until_age} wordt"
    return text


def parse_retention(raw: Any, errors: list[str]) -> RetentionTerms:
    """The "retention" object of a region file; absent: 20 years for every framework."""
    if raw is None:
        return RetentionTerms()
    if not isinstance(raw, dict):
        errors.append("De bewaartermijnen (retention) moeten een object zijn.")
        return RetentionTerms()
    default = raw.get("years", DEFAULT_YEARS)
    if not _whole(default) or default < MIN_YEARS:
        errors.append(f"Bewaartermijn (retention.years): een geheel aantal jaren van {MIN_YEARS} of meer.")
        default = DEFAULT_YEARS
    known = {fw.value for fw in LegalFramework}
    frameworks: dict[str, FrameworkTerm] = {}
    per = raw.get("legal_frameworks", {})
    if not isinstance(per, dict):
        errors.append("Bewaartermijn (retention.legal_frameworks): een object wettelijk kader → termijn.")
        per = {}
    for name, item in per.items():
        where = f"Bewaartermijn voor '{name}'"
        if name not in known:
            errors.append(f"{where}: onbekend wettelijk kader; kies uit {', '.join(sorted(known))}.")
            continue
        if not isinstance(item, dict):
            errors.append(f"{where}: een object met years en/of until_age.")
            continue
        years, age = item.get("years", default), item.get("until_age")
        if not _whole(years) or years < default:
            errors.append(f"{where}: years is een geheel aantal jaren, niet korter dan {default}.")
            continue
        if age is not None and (not _whole(age) or not 18 <= age <= 120):
            errors.append(f"{where}: until_age is een leeftijd van 18 tot 120 jaar.")
            continue
        frameworks[name] = FrameworkTerm(years, age)
    return RetentionTerms(default, frameworks)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
