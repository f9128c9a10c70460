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
from ret_desk.domain.dutch_numbers import count_noun
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
    """Events checked (all of them when intact; those before the break otherwise; with
    `every_break`, every event read)."""
    last_link: str
    redacted: int
    broken: ChainBreak | None = None
    #: every break, in chain order (only filled by a check with `every_break`)
    breaks: tuple[ChainBreak, ...] = ()

    @property
    def intact(self) -> bool:
        return self.broken is None

    def message(self) -> str:
        if self.broken is None:
            return f"logboek intact: {self.count} gebeurtenissen, laatste schakel {self.last_link[:16]}"
        return f"logboek NIET intact: eerste breuk bij {self.broken.describe()}"

    def message_every_break(self) -> str:
        """`audit verify --alle`: every break, one a line, each named as the first one is."""
        if self.broken is None:
            return self.message()
        found = self.breaks or (self.broken,)
        lines = [f"logboek NIET intact: {count_noun(len(found), 'breuk', 'breuken')}"]
        lines += [f"breuk bij {b.describe()}" for b in found]
        return "\n".join(lines)


def _gap(expected: int, seq: int) -> str:
    gap = f"schakel {expected}" if seq == expected + 1 else f"schakels {expected} t/m {seq - 1}"
    return f"de gebeurtenis(sen) ervóór ontbreken ({gap}): verwijderd"


_EDITED = "de inhoud is gewijzigd na het vastleggen (vingerafdruk klopt niet)"
_UNLINKED = (
    "de schakel sluit niet aan op de vorige gebeurtenis: er is een gebeurtenis "
    "ingevoegd, verwijderd of verplaatst, of de vingerafdruk is vervangen"
)


def _check(session, progress: Progress | None, every_break: bool = False) -> ChainReport:  # noqa: ANN001, C901
    """Stop at the first break; with `every_break`, go on past each break, re-anchored on
    the broken event's own stored chain value, so that later tampering is seen too."""
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
    breaks: list[ChainBreak] = []

    def report() -> ChainReport:
        return ChainReport(count, previous, redacted, breaks[0] if breaks else None, tuple(breaks))

    for event_id, at, seq, digest, value, redacted_at, text in session.execute(
        stmt, execution_options={"yield_per": BATCH}
    ):
        problems = []
        edited = redacted_at is None and sha256_hex(text) != digest
        if seq != expected:
            problems.append(_gap(expected, seq))
            if every_break and edited:
                problems.append(_EDITED)
        elif edited:
            problems.append(_EDITED)
        elif digest is None or value != link(previous, digest):
            problems.append(_UNLINKED)
        if problems:
            breaks.extend(ChainBreak(event_id, at, seq, problem) for problem in problems)
            if not every_break:
                return report()
            count, expected, previous = count + 1, seq + 1, value or previous  # re-anchored here
            continue
        count, expected, previous, last = count + 1, expected + 1, value, (event_id, at)
        redacted += redacted_at is not None
        if every(BATCH, count, head.seq):
            report_progress(progress, count, head.seq)
    if expected - 1 != head.seq or previous != head.chain_hash:
        event_id, at = last if last is not None else (None, None)
        missing = (
            "de laatste gebeurtenis(sen) na deze ontbreken"
            if expected - 1 < head.seq
            else "de kop van de keten is gewijzigd"
        )
        breaks.append(ChainBreak(event_id, at, (expected - 1) or None, missing))
        if not every_break:
            return report()
    outside = session.execute(
        select(AuditEvent.id, AuditEvent.at)
        .where(AuditEvent.chain_seq.is_(None))
        .order_by(AuditEvent.id)
        .limit(None if every_break else 1)
    ).all()
    problem = "staat buiten de keten (ingevoegd zonder schakel)"
    breaks.extend(ChainBreak(row.id, row.at, None, problem) for row in outside)
    return report()


def verify_chain(
    *, uow: UnitOfWork, actor: Actor, progress: Progress | None = None, every_break: bool = False
) -> ChainReport:
    """Check the whole chain; `progress(done, total)` returning False cancels (Cancelled).
    With `every_break` the check goes on past a break and lists them all (`--alle`)."""
    require(actor.role, Action.VIEW_AUDIT)
    with uow:
        report = _check(uow.session, progress, every_break)
    with uow:  # logged after the check, so the check covers what was there when it began
        detail = "intact" if report.intact else f"gebroken bij gebeurtenis {report.broken.event_id}"
        if len(report.breaks) > 1:
            detail += f" (en {len(report.breaks) - 1} verdere breuk(en))"
        record(uow.session, actor, "audit_verify", detail=f"{detail}; {report.count} gecontroleerd")
        uow.commit()
    return report
