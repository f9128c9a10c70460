"""The Experttafel's vocabulary and rules: sittings, members, advice types, follow-up."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from ret_desk.domain.errors import RuleViolation
from ret_desk.domain.route_kinds import RouteKind


class SessionStatus(StrEnum):
    """Where a sitting (`TableSession`) stands."""

    PLANNED = "gepland"
    HELD = "gehouden"
    CANCELLED = "geannuleerd"

    @property
    def label(self) -> str:
        return {"gepland": "Gepland", "gehouden": "Gehouden", "geannuleerd": "Geannuleerd"}[self.value]


class Discipline(StrEnum):
    """The expertise a member brings to the table."""

    YOUTH_CARE = "jeugd_opvoedhulp"
    MENTAL_HEALTH = "ggz"
    LVB = "lvb"
    EDUCATION = "onderwijs"
    LIVED_EXPERIENCE = "ervaringsdeskundige"
    GI = "gi"
    MUNICIPALITY = "gemeente"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return _DISCIPLINE_LABELS[self]


_DISCIPLINE_LABELS = {
    Discipline.YOUTH_CARE: "Jeugd- en opvoedhulp",
    Discipline.MENTAL_HEALTH: "GGZ",
    Discipline.LVB: "LVB",
    Discipline.EDUCATION: "Onderwijs",
    Discipline.LIVED_EXPERIENCE: "Ervaringsdeskundige",
    Discipline.GI: "Gecertificeerde instelling (GI)",
    Discipline.MUNICIPALITY: "Gemeente",
    Discipline.OTHER: "Anders",
}


class AdviceType(StrEnum):
    """What kind of advice the table gave."""

    ROUTE_CHANGE = "routewijziging"
    SPECIFIC_HELP = "specifieke_hulp"
    PLACEMENT_VIA_ROP = "plaatsing_rop"
    RST_DEPLOYMENT = "inzet_rst"
    ABOVE_REGIONAL = "bovenregionaal"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return _ADVICE_LABELS[self]


_ADVICE_LABELS = {
    AdviceType.ROUTE_CHANGE: "Routewijziging",
    AdviceType.SPECIFIC_HELP: "Specifieke hulp",
    AdviceType.PLACEMENT_VIA_ROP: "Plaatsing via Regie op plaatsing",
    AdviceType.RST_DEPLOYMENT: "Inzet Reizend Specialistisch Team",
    AdviceType.ABOVE_REGIONAL: "Bovenregionaal (JENN / 3Noord)",
    AdviceType.OTHER: "Anders",
}

_SESSION_TRANSITIONS = {
    SessionStatus.PLANNED: {SessionStatus.HELD, SessionStatus.CANCELLED},
    # A sitting cancelled by mistake can be planned again. A sitting marked held by
    # mistake can be reopened by its chair, as long as no advice is recorded on it.
    SessionStatus.CANCELLED: {SessionStatus.PLANNED},
    SessionStatus.HELD: {SessionStatus.PLANNED},
}


def check_session_transition(
    current: SessionStatus,
    new: SessionStatus,
    *,
    held_on: date | None = None,
    today: date | None = None,
    advised: int = 0,
) -> None:
    """Raise RuleViolation (Dutch) unless the sitting may go from `current` to `new`:
    a sitting in the future cannot be held yet; a held one with advice stays held."""
    if new not in _SESSION_TRANSITIONS[current]:
        raise RuleViolation(f"Een zitting met status '{current.label}' kan niet naar '{new.label}'.")
    if new is SessionStatus.HELD and held_on is not None and today is not None and held_on > today:
        raise RuleViolation(
            f"Deze zitting is op {held_on:%d-%m-%Y}, in de toekomst: ze kan nog niet gehouden zijn."
        )
    if current is SessionStatus.HELD and advised:
        raise RuleViolation(
            f"Op deze zitting is al advies vastgelegd ({advised} casus(sen)): ze blijft gehouden."
        )


def may_mark_held(status: SessionStatus, held_on: date, today: date) -> bool:
    return status is SessionStatus.PLANNED and held_on <= today


def check_agenda_route(
    kind: RouteKind | None,
    route_there_now: bool,
    current_label: str = "",
    table_label: str = "Experttafel",
) -> None:
    """A case goes on the agenda only when its route is an advice table (the region's
    Experttafel, `table_label`), or when the coordinator routes it there in the same step.
    `kind` and `current_label` describe the case's route now (None, "": no route)."""
    if kind is RouteKind.ADVICE_TABLE or route_there_now:
        return
    current = current_label or "nog geen route"
    raise RuleViolation(
        f"Deze casus staat niet op de route {table_label} ({current}). "
        f"Een coördinator kan hem in dezelfde stap naar de route {table_label} routeren."
    )


def check_editable(status: SessionStatus) -> None:
    """Agenda and advice cannot change on a cancelled sitting."""
    if status is SessionStatus.CANCELLED:
        raise RuleViolation("Deze zitting is geannuleerd; plan hem eerst opnieuw.")
