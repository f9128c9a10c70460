"""Checking the audit chain (issue 10 §3): `ret-desk audit verify` and the Logboek's
"Logboek controleren". Streams the events in chain order (never the whole log in
memory), recomputes every digest and link, and names the first broken event: deleted,
inserted, reordered or edited. The check is itself logged as a reading of the log.

How the chain is made: ret_desk/db/audit_chain.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import literal_column, select

from ret_desk.db.audit import record
from ret_desk.db.audit_chain import GENESIS, content_sql, link, sha256_hex
from ret_desk.db.models import AuditChainHead, AuditEvent
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.audit_actions import local_timestamp
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.progress import Progress, every, report_progress

BATCH = 1000


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first event where the chain does not hold, and what is wrong there (Dutch)."""

    event_id: int | None
    at: datetime | None
    position: int | None
    problem: str

    def describe(self) -> str:
        where = f"gebeurtenis {self.event_id}" if self.event_id is not None else "het logboek"
        if self.at is not None:
            where += f" van {local_timestamp(self.at)}"
        if self.position is not None:
            where += f" (schakel {self.position})"
        return f"{where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class ChainReport:
    count: int
    """Events checked (all of them when intact; those before the break otherwise)."""
    last_link: str
    redacted: int
    broken: ChainBreak | None = None

    @property
    def intact(self) -> bool:
        return self.broken is None

    def message(self) -> str:
        if self.broken is None:
            return f"logboek intact: {self.count} gebeurtenissen, laatste schakel {self.last_link[:16]}"
        return f"logboek NIET intact: eerste breuk bij {self.broken.describe()}"


def _check(session, progress: Progress | None) -> ChainReport:  # noqa: ANN001
    head = session.get(AuditChainHead, 1)
    if head is None:
        return ChainReport(0, GENESIS, 0, ChainBreak(None, None, None, "de kop van de keten ontbreekt"))
    dialect = session.get_bind().dialect.name
    content = literal_column(content_sql(dialect, AuditEvent.__tablename__))
    # Only what the head covers: events committed while we read are for the next check.
    stmt = (
        select(
            AuditEvent.id,
            AuditEvent.at,
            AuditEvent.chain_seq,
            AuditEvent.content_digest,
            AuditEvent.chain_hash,
            AuditEvent.redacted_at,
            content,
        )  # fmt: skip
        .where(AuditEvent.chain_seq.is_not(None), AuditEvent.chain_seq <= head.seq)
        .order_by(AuditEvent.chain_seq)
    )
    expected, previous, count, redacted = 1, GENESIS, 0, 0
    last: tuple[int, datetime] | None = None
    for event_id, at, seq, digest, value, redacted_at, text in session.execute(
        stmt, execution_options={"yield_per": BATCH}
    ):
        problem = None
        if seq != expected:
            gap = f"schakel {expected}" if seq == expected + 1 else f"schakels {expected} t/m {seq - 1}"
            problem = f"de gebeurtenis(sen) ervóór ontbreken ({gap}): verwijderd"
        elif redacted_at is None and sha256_hex(text) != digest:
            problem = "de inhoud is gewijzigd na het vastleggen (vingerafdruk klopt niet)"
        elif digest is None or value != link(previous, digest):
            problem = (
                "de schakel sluit niet aan op de vorige gebeurtenis: er is een gebeurtenis "
                "ingevoegd, verwijderd of verplaatst, of de vingerafdruk is vervangen"
            )
        if problem is not None:
            return ChainReport(count, previous, redacted, ChainBreak(event_id, at, seq, problem))
        count, expected, previous, last = count + 1, expected + 1, value, (event_id, at)
        redacted += redacted_at is not None
        if every(BATCH, count, head.seq):
            report_progress(progress, count, head.seq)
    if count != head.seq or previous != head.chain_hash:
        event_id, at = last if last is not None else (None, None)
        missing = (
            "de laatste gebeurtenis(sen) na deze ontbreken"
            if count < head.seq
            else "de kop van de keten is gewijzigd"
        )
        return ChainReport(count, previous, redacted, ChainBreak(event_id, at, count or None, missing))
    outside = session.execute(
        select(AuditEvent.id, AuditEvent.at)
        .where(AuditEvent.chain_seq.is_(None))
        .order_by(AuditEvent.id)
        .limit(1)
    ).first()
    if outside is not None:
        problem = "staat buiten de keten (ingevoegd zonder schakel)"
        return ChainReport(count, previous, redacted, ChainBreak(outside.id, outside.at, None, problem))
    return ChainReport(count, previous, redacted)


def verify_chain(*, uow: UnitOfWork, actor: Actor, progress: Progress | None = None) -> ChainReport:
    """Check the whole chain; `progress(done, total)` returning False cancels (Cancelled)."""
    require(actor.role, Action.VIEW_AUDIT)
    with uow:
        report = _check(uow.session, progress)
    with uow:  # logged after the check, so the check covers what was there when it began
        detail = "intact" if report.intact else f"gebroken bij gebeurtenis {report.broken.event_id}"
        record(uow.session, actor, "audit_verify", detail=f"{detail}; {report.count} gecontroleerd")
        uow.commit()
    return report
