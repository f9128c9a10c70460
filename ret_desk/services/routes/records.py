"""What the case detail, `case show --json` and the case summary take from the route records
of RO3, MDA++ and RST: each route module gives its own section, present only when the case
has such a record (also after the case moved to another route: routing keeps every record)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from ret_desk.db.models import Case
from ret_desk.reports.model import Section
from ret_desk.services.routes import mda, ro3, rst

#: JSON key -> the route module that gives that section.
RECORDS = {"ro3": ro3, "mda": mda, "rst": rst}


def records_json(session: Session, case: Case) -> dict[str, dict]:
    """Every route record the case has, by its `case show --json` key."""
    found = {key: module.json_section(session, case) for key, module in RECORDS.items()}
    return {key: value for key, value in found.items() if value is not None}


def summary_sections(session: Session, case: Case, scrub: Callable[[str], str]) -> list[Section]:
    """The sections of the case summary for the route records the case has."""
    found = [module.summary_section(session, case, scrub) for module in RECORDS.values()]
    return [section for section in found if section is not None]


def record_signals(session: Session, case: Case, today: date) -> list[tuple[str, str]]:
    """The signals of every route record the case has, as (code, Dutch message)."""
    return [signal for module in RECORDS.values() for signal in module.case_signals(session, case, today)]


def record_person_names(session: Session, case: Case) -> list[str]:
    """The names of persons in the route records (e.g. MDA++'s household members), which the
    pseudonymiser must hide too; a route module lists them with `person_names`, if it has any."""
    return [
        name
        for module in RECORDS.values()
        if (names := getattr(module, "person_names", None)) is not None
        for name in names(session, case)
    ]
