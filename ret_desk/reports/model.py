"""Plain data the report builders print. Services fill these; builders never query.

Whatever is in here gets printed, so pseudonymisation happens before (in the service):
a pseudonymised summary simply has no name, BSN, address or birth date to print.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of a document: label/value fields, then long text, then entries."""

    title: str
    fields: tuple[tuple[str, str], ...] = ()
    text: str = ""
    entries: tuple[str, ...] = ()
    subsections: tuple[Section, ...] = ()
    empty: str = "Geen gegevens."


@dataclass(frozen=True, slots=True)
class CaseSummary:
    case_number: str
    pseudonymised: bool
    heading: str
    subheading: str
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class AgendaLine:
    position: int
    start: str
    minutes: int
    case_number: str
    youth: str  # never a name: "15 jaar, Assen"
    question: str
    presenter: str
    attendance: str


@dataclass(frozen=True, slots=True)
class AgendaData:
    session_date: date
    start_time: str
    place: str
    video_link: str
    chair: str
    minute_taker: str
    status: str
    members: tuple[tuple[str, str, bool], ...]  # name, discipline label, absent
    lines: tuple[AgendaLine, ...]


@dataclass(frozen=True, slots=True)
class AdviceLetter:
    referrer_organisation: str
    referrer_contact: str
    letter_date: date
    case_number: str
    youth: str
    session_date: date
    question: str
    advice_type: str
    considerations: str
    advice: str
    actions: tuple[tuple[str, str, str], ...]  # description, owner, due date (Dutch)
    follow_up: str
    chair: str
    region: str = ""  # the store's region name (region data, never written in code)
