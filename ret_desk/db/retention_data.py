"""The store's side of retention (issue 12 §3): the last change of every youth's dossier
that is not destroyed, with its case numbers, legal framework and birth year, and no name
or BSN. On PostgreSQL through `ret_retention_candidates()` (migration 0011, SECURITY
DEFINER: the administrator has no rights on children's tables); on SQLite the same query.

"Last change" is the latest date of any write on the youth's dossier: the case (created,
referred, updated), route and status changes, notes, changed fields, agenda items (the
sitting's date, the advice), action points done, placement requests, match decisions,
placements (created, ended), the MDA++, RO3 and RST records. Reads (the audit log) are no
change. The migration holds a frozen copy of this query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ret_desk.db.models_capacity import RegionSetting

_WRITES = """
    SELECT id AS case_id, updated_at AS at FROM ret_case
    UNION ALL SELECT id, created_at FROM ret_case
    UNION ALL SELECT id, referral_date FROM ret_case
    UNION ALL SELECT case_id, at FROM route_assignment
    UNION ALL SELECT case_id, at FROM status_change
    UNION ALL SELECT case_id, created_at FROM note
    UNION ALL SELECT case_id, at FROM case_change
    UNION ALL SELECT a.case_id, s.held_on FROM agenda_item a JOIN table_session s ON s.id = a.session_id
    UNION ALL SELECT case_id, advice_recorded_at FROM agenda_item
    UNION ALL SELECT a.case_id, x.done_on FROM action_item x JOIN agenda_item a ON a.id = x.agenda_item_id
    UNION ALL SELECT case_id, created_at FROM placement_request
    UNION ALL SELECT r.case_id, m.at FROM match_decision m JOIN placement_request r ON r.id = m.request_id
    UNION ALL SELECT case_id, created_at FROM placement
    UNION ALL SELECT case_id, ended_on FROM placement
    UNION ALL SELECT case_id, created_at FROM mda_member
    UNION ALL SELECT case_id, created_at FROM mda_phase
    UNION ALL SELECT case_id, created_at FROM mda_safety_plan
    UNION ALL SELECT case_id, created_at FROM mda_risk_assessment
    UNION ALL SELECT case_id, created_at FROM mda_conference
    UNION ALL SELECT case_id, created_at FROM ro3_party
    UNION ALL SELECT case_id, created_at FROM ro3_agreement
    UNION ALL SELECT case_id, done_on FROM ro3_agreement
    UNION ALL SELECT case_id, not_kept_on FROM ro3_agreement
    UNION ALL SELECT case_id, created_at FROM ro3_review
    UNION ALL SELECT case_id, recorded_at FROM rst_deployment
"""

_SQLITE = f"""
    SELECT y.id, group_concat(DISTINCT c.number), y.legal_framework,
           CAST(substr(y.birth_date, 1, 4) AS INTEGER), max(w.at)
      FROM youth y JOIN ret_case c ON c.youth_id = y.id
      JOIN ({_WRITES}) w ON w.case_id = c.id
     WHERE y.destroyed_at IS NULL
     GROUP BY y.id
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    youth_id: int
    case_numbers: tuple[str, ...]
    legal_framework: str
    birth_year: int | None
    last_change: date


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def candidates(session: Session) -> list[Candidate]:
    """Every youth not destroyed, with its last change (no name, no BSN)."""
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(text("SELECT * FROM ret_retention_candidates()")).all()
    else:
        rows = session.execute(text(_SQLITE)).all()
    found = []
    for youth_id, numbers, framework, year, last in rows:
        if last is None:
            continue
        cases = tuple(sorted(n.strip() for n in str(numbers or "").split(",") if n.strip()))
        found.append(Candidate(int(youth_id), cases, framework or "", year, _day(last)))
    return found


def region_settings(session: Session) -> dict[str, float]:
    """The region's settings (reference data every role may read)."""
    return dict(session.execute(select(RegionSetting.key, RegionSetting.value)).all())
