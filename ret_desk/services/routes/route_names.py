"""How the route records (RO3, MDA++, RST) name their route in texts: by the store's region
label of the route of that kind (Flevoland's casusregie is "Procesregie bij excessen", not
"RO3"), and the refusals when a record may not be written, worded for the case at hand: a
case never on a route of that kind, a case that moved on (its record is read-only), or a
region without such a route."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ret_desk.db.models import Case
from ret_desk.domain.errors import RuleViolation
from ret_desk.domain.route_kinds import RouteKind, kind_label
from ret_desk.services.admin.reference import route_kind_of, route_label_in, routes_of_kind

#: The record's key in `case show --json` -> the kind of route it belongs to.
RECORD_KINDS = {"ro3": RouteKind.CASUSREGIE, "mda": RouteKind.SAFETY, "rst": RouteKind.TRAVELLING_TEAM}


def region_labels(session: Session, kind: RouteKind) -> str:
    """The region's routes of `kind` as 'A / B'; '' when the region has none."""
    return " / ".join(r.label for r in routes_of_kind(session, kind))


def past_route_of_kind(session: Session, case: Case, kind: RouteKind) -> str | None:
    """The key of the last route of `kind` the case was on (its current one included)."""
    keys = [case.current_route] + [h.to_route for h in reversed(case.route_history)]
    return next((k for k in keys if k and route_kind_of(session, k) is kind), None)


def record_label(session: Session, case: Case, kind: RouteKind) -> str:
    """The name of the case's record of `kind`: the label of the route of that kind the case
    is or was on, else the region's routes of that kind, else the kind in Dutch."""
    key = past_route_of_kind(session, case, kind)
    if key is not None:
        return route_label_in(session, key)
    return region_labels(session, kind) or kind_label(kind.value)


def record_labels(session: Session, case: Case) -> dict[str, str]:
    """`record_label` for each record key (`ro3`, `mda`, `rst`)."""
    return {key: record_label(session, case, kind) for key, kind in RECORD_KINDS.items()}


def refuse_unless_on_kind(session: Session, case: Case, kind: RouteKind) -> None:
    """RuleViolation, in words that fit the case, unless the case is on a route of `kind`."""
    if route_kind_of(session, case.current_route) is kind:
        return
    number = case.number
    was = past_route_of_kind(session, case, kind)
    if was is not None:
        label = route_label_in(session, was)
        raise RuleViolation(
            f"Casus {number} staat niet meer op de route {label}. Het dossier van {label} blijft "
            "bij de casus, maar is alleen in te zien."
        )
    labels = region_labels(session, kind)
    if not labels:
        raise RuleViolation(
            f"Deze regio heeft geen route voor {kind_label(kind.value)}; bij casus {number} "
            "kan zo'n dossier niet worden bijgehouden."
        )
    raise RuleViolation(
        f"Casus {number} staat niet op de route {labels}. Routeer de casus eerst naar {labels} "
        "om dit dossier bij te houden."
    )
