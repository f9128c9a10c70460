"""Destroying a youth's dossier (issue 12 §3): every personal detail goes, a tombstone stays.

What stays (docs/privacy.md, "Vernietiging"): the case and placement rows with their dates,
routes, statuses, outcomes and codes, the youth's municipality and birth year (`birth_year`;
`birth_date` becomes 1 January of it), and `destroyed_at`. Names, BSN, address, postcode,
residence, school, family members, MDA++ members, notes, changed values and every free
text of the case's records are removed or emptied. The audit events about the youth, or
whose detail names it, lose their detail through the one redaction (`redact_events`;
on PostgreSQL `ret_audit_redact`), keeping their digest, so that the chain verifies.

On PostgreSQL it all happens in `ret_dossier_destroy` (migration 0011, SECURITY DEFINER,
executable by ret_admin only), which holds a frozen copy of the statements below. On SQLite
the writes run with `secure_delete` on, and `scrub_sqlite_file` then rebuilds the file and
truncates the WAL, so that no old page keeps the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from ret_desk.db.audit import record, tell_server
from ret_desk.db.base import utcnow
from ret_desk.db.login_roles import _call
from ret_desk.db.models import (
    ActionItem,
    AgendaItem,
    AuditEvent,
    Case,
    CaseChange,
    EmergencyAccess,
    FamilyMember,
    MatchDecision,
    MdaConference,
    MdaMember,
    MdaSafetyPlan,
    Note,
    Placement,
    PlacementRequest,
    Ro3Agreement,
    Ro3Party,
    Ro3Review,
    RouteAssignment,
    RstDeployment,
    StatusChange,
    Youth,
)
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import NotFound, RuleViolation

REDACTED = "[verwijderd: dossier vernietigd]"
REASON_WITHHELD = "(de reden noemde de jeugdige en is niet bewaard)"
MIN_NEEDLE = 3  # shorter names would redact half the log


@dataclass(frozen=True, slots=True)
class Destroyed:
    youth_id: int
    case_numbers: tuple[str, ...]
    redacted: int


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def find_youth(session: Session, *, bsn: str | None, case_number: str | None) -> int | None:
    """The id of the (not yet destroyed) youth with this BSN or case number."""
    if _postgresql(session):
        sql = "SELECT ret_dossier_youth_id(:b, :c)"
        return _call(session, sql, b=bsn, c=case_number).scalar()
    stmt = select(Youth.id).where(Youth.destroyed_at.is_(None))
    if bsn:
        stmt = stmt.where(Youth.bsn == bsn)
    else:
        cases = select(Case.youth_id).where(func.lower(Case.number) == (case_number or "").lower())
        stmt = stmt.where(Youth.id.in_(cases))
    return session.scalar(stmt.limit(1))


def withheld(reason: str, needles: list[str]) -> str:
    """The reason as the log keeps it: not at all when it names the youth."""
    lowered = reason.casefold()
    if any(len(n) >= MIN_NEEDLE and n.casefold() in lowered for n in needles):
        return REASON_WITHHELD
    return reason[:500]


def destroy(session: Session, actor: Actor, youth_id: int, reason: str) -> Destroyed:
    """Destroy the dossier of `youth_id` in the session's transaction (the caller commits)."""
    if _postgresql(session):
        tell_server(session, actor, "dossier_destroy")
        sql = "SELECT case_numbers, redacted FROM ret_dossier_destroy(:y, :r)"
        numbers, redacted = _call(session, sql, y=youth_id, r=reason).one()
        return Destroyed(youth_id, tuple(n for n in numbers.split(", ") if n), redacted)
    session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
    youth = session.get(Youth, youth_id, with_for_update=True)
    if youth is None:
        raise NotFound("Deze jeugdige bestaat niet.")
    if youth.destroyed_at is not None:
        raise RuleViolation("Dit dossier is al vernietigd.")
    cases = list(session.execute(select(Case.id, Case.number).where(Case.youth_id == youth_id)))
    ids = [c for c, _ in cases]
    needles = [n for n in (youth.bsn, youth.family_name, f"{youth.given_name} {youth.family_name}") if n]
    needles += session.scalars(select(FamilyMember.name).where(FamilyMember.youth_id == youth_id))
    needles += session.scalars(select(MdaMember.name).where(MdaMember.case_id.in_(ids)))
    _wipe(session, youth, ids)
    redacted = redact_events(session, youth_id, ids, needles)
    detail = (
        f"dossier vernietigd ({len(ids)} casus(sen), {redacted} logboekregels geredigeerd); "
        f"reden: {withheld(reason, needles)}"
    )
    record(session, actor, "dossier_destroy", youth_id=youth_id, detail=detail)
    return Destroyed(youth_id, tuple(sorted(n for _, n in cases)), redacted)


def _wipe(session: Session, youth: Youth, ids: list[int]) -> None:
    in_cases = Case.id.in_(ids)
    session.execute(
        update(Case)
        .where(in_cases)
        .values(
            referrer_organisation="",
            referrer_contact="",
            help_question="",
            case_manager="",
            future_plan_text="",
            gva_override_reason="",
            gva_override_by="",
        )  # fmt: skip
    )
    session.execute(delete(FamilyMember).where(FamilyMember.youth_id == youth.id))
    session.execute(delete(Note).where(Note.case_id.in_(ids)))
    session.execute(
        delete(CaseChange).where(or_(CaseChange.case_id.in_(ids), CaseChange.youth_id == youth.id))
    )
    session.execute(update(RouteAssignment).where(RouteAssignment.case_id.in_(ids)).values(reason=""))
    session.execute(update(StatusChange).where(StatusChange.case_id.in_(ids)).values(reason=""))
    items = select(AgendaItem.id).where(AgendaItem.case_id.in_(ids))
    session.execute(
        update(AgendaItem)
        .where(AgendaItem.case_id.in_(ids))
        .values(
            question="", presenter="", considerations="", advice_text="", follow_up_outcome=""
        )  # fmt: skip
    )
    session.execute(
        update(ActionItem).where(ActionItem.agenda_item_id.in_(items)).values(description="", owner="")
    )
    requests = select(PlacementRequest.id).where(PlacementRequest.case_id.in_(ids))
    session.execute(
        update(PlacementRequest)
        .where(PlacementRequest.case_id.in_(ids))
        .values(
            higher_rung_reason="",
            specialisms="",
            sibling_cases="",
            school_to_keep="",
            school_municipality="",
            contra_indications="",
        )  # fmt: skip
    )
    session.execute(
        update(MatchDecision)
        .where(MatchDecision.request_id.in_(requests))
        .values(snapshot="[]", rationale="", decline_reason="")  # fmt: skip
    )
    session.execute(
        update(Placement)
        .where(or_(Placement.case_id.in_(ids), Placement.youth_id == youth.id))
        .values(rationale="")
    )
    session.execute(delete(MdaMember).where(MdaMember.case_id.in_(ids)))
    session.execute(update(MdaSafetyPlan).where(MdaSafetyPlan.case_id.in_(ids)).values(text=""))
    session.execute(
        update(MdaConference).where(MdaConference.case_id.in_(ids)).values(participants="", outcome="")
    )
    session.execute(update(Ro3Party).where(Ro3Party.case_id.in_(ids)).values(contact=""))
    session.execute(update(Ro3Agreement).where(Ro3Agreement.case_id.in_(ids)).values(what="", consequence=""))
    session.execute(update(Ro3Review).where(Ro3Review.case_id.in_(ids)).values(report=""))
    session.execute(
        update(RstDeployment).where(RstDeployment.case_id.in_(ids)).values(purpose="", outcome="")
    )
    session.execute(update(EmergencyAccess).where(EmergencyAccess.case_id.in_(ids)).values(reason=""))
    year = youth.birth_date.year
    session.execute(
        update(Youth)
        .where(Youth.id == youth.id)
        .values(
            family_name="",
            given_name="",
            bsn=None,
            gender="o",
            address="",
            postcode="",
            residence="",
            school=None,
            no_school=False,
            out_of_school_since=None,
            birth_year=year,
            birth_date=date(year, 1, 1),
            destroyed_at=utcnow(),
            version=Youth.version + 1,
        )  # fmt: skip
    )
    session.expire_all()


def redact_events(session: Session, youth_id: int, case_ids: list[int], needles: list[str]) -> int:
    """The one redaction of audit events on SQLite (PostgreSQL: `ret_audit_redact`): the
    events about the youth or its cases, and every event whose detail names one of
    `needles` (as typed in a search, in any case), lose their detail; the digest stays."""
    about = or_(AuditEvent.youth_id == youth_id, AuditEvent.case_id.in_(case_ids))
    ids = set(session.scalars(select(AuditEvent.id).where(AuditEvent.redacted_at.is_(None), about)))
    folded = [n.casefold() for n in needles if len(n) >= MIN_NEEDLE]
    rows = session.execute(
        select(AuditEvent.id, AuditEvent.detail).where(
            AuditEvent.redacted_at.is_(None), AuditEvent.detail != ""
        ),
        execution_options={"yield_per": 5000},
    )
    ids |= {i for i, detail in rows if any(n in detail.casefold() for n in folded)}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        session.execute(
            update(AuditEvent).where(AuditEvent.id.in_(chunk)).values(detail=REDACTED, redacted_at=utcnow())
        )
    return len(ordered)


def scrub_sqlite_file(engine: Engine) -> None:
    """After the destruction's commit: rebuild the file (VACUUM, with secure_delete, so no
    free page keeps an old value) and truncate the WAL. Full-text indexes would be rebuilt
    here too; the store has none yet (issue 14 adds search: rebuild its FTS tables here)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("PRAGMA secure_delete=ON")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("VACUUM")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(text("SELECT 1"))
