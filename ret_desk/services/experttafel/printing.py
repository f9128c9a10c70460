"""Printed documents of the Experttafel: case summary, agenda, sitting pack, advice letter.

Building a document reads the youths' data and is logged as a read; printing it or
saving it to a file is logged again (`record_output`), per case (NEN 7513, DOMAIN rule 14).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ret_desk.db.audit import record, record_case
from ret_desk.db.models import AgendaItem, Case, Region, TableSession, Youth
from ret_desk.db.private_files import side_file
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.dates import age_in_years
from ret_desk.domain.dutch_dates import long_date
from ret_desk.domain.errors import RuleViolation
from ret_desk.domain.experttafel import Discipline, SessionStatus
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.progress import Progress
from ret_desk.reports import advice_letter, agenda, case_summary, pack
from ret_desk.reports.layout import Imprint
from ret_desk.reports.model import AdviceLetter, AgendaData, AgendaLine
from ret_desk.services.access.rows import check_case
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.cases.case_view import case_view
from ret_desk.services.cases.scrub_context import pseudonymiser_for_cases
from ret_desk.services.cases.summary_data import case_summary as summary_of
from ret_desk.services.experttafel.advice_views import item_view
from ret_desk.services.experttafel.agenda import item_for_case
from ret_desk.services.experttafel.sittings import session_by_id


@dataclass(frozen=True, slots=True)
class Document:
    """A built PDF and what it is about, for the preview and for the audit of its output."""

    pdf: bytes
    kind: str
    title: str
    file_name: str
    case_numbers: tuple[str, ...]
    session_id: int | None = None


def _imprint(actor: Actor, title: str, now: datetime | None) -> Imprint:
    return Imprint(printed_by=actor.username, printed_at=now or datetime.now(), title=title)


def _load_case(session: Session, number: str) -> Case:
    case = case_by_number(session, number)
    # The summary walks youth, family, municipality and histories: load them up front.
    session.scalars(
        select(Youth)
        .where(Youth.id == case.youth_id)
        .options(selectinload(Youth.family), selectinload(Youth.municipality))
    ).all()
    return case


def _summary(  # noqa: ANN202
    session: Session,
    number: str,
    pseudonymised: bool,
    session_id: int | None,
    today: date,
    scrubber=None,  # noqa: ANN001
):
    case = _load_case(session, number)
    view = case_view(
        session, case, pseudonymised=pseudonymised, today=today, session_id=session_id, scrubber=scrubber
    )
    return case, summary_of(view)


def _kind(pseudonymised: bool) -> str:
    return "casusoverzicht (gepseudonimiseerd)" if pseudonymised else "casusoverzicht"


def case_summary_pdf(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    pseudonymised: bool = False,
    session_id: int | None = None,
    now: datetime | None = None,
) -> Document:
    require(actor.role, Action.PRINT_REPORTS)
    now = now or datetime.now()
    with uow:
        case, summary = _summary(uow.session, number, pseudonymised, session_id, now.date())
        title = f"Casusoverzicht {case.number}"
        pdf = case_summary.build(summary, _imprint(actor, title, now))
        record_case(uow.session, actor, "case_view", case, detail=f"{_kind(pseudonymised)} opgemaakt")
        uow.commit()
    suffix = "-gepseudonimiseerd" if pseudonymised else ""
    return Document(
        pdf, _kind(pseudonymised), title, f"casusoverzicht-{case.number}{suffix}.pdf", (case.number,)
    )


def _agenda_data(session: Session, sitting: TableSession, today: date) -> AgendaData:
    lines = []
    # One context for the whole agenda: every youth on it, and everyone around them.
    scrub = pseudonymiser_for_cases(session, [i.case_id for i in sitting.items]).scrub
    for item in sorted(sitting.items, key=lambda i: i.position):
        youth = item.case.youth
        view = item_view(item, today)
        municipality = youth.municipality.name if youth.municipality else ""
        lines.append(
            AgendaLine(
                position=item.position,
                start=item.slot_start,
                minutes=item.slot_minutes,
                case_number=item.case.number,
                youth=f"{age_in_years(youth.birth_date, today)} jaar, {municipality}",
                question=scrub(item.question),
                presenter=scrub(item.presenter),
                attendance=view.attendance,
            )
        )
    return AgendaData(
        session_date=sitting.held_on,
        start_time=sitting.start_time,
        place=sitting.place,
        video_link=sitting.video_link,
        chair=sitting.chair,
        minute_taker=sitting.minute_taker,
        status=SessionStatus(sitting.status).label,
        members=tuple((m.name, Discipline(m.discipline).label, m.absent) for m in sitting.members),
        lines=tuple(lines),
    )


def _sitting(session: Session, session_id: int) -> TableSession:
    sitting = session_by_id(session, session_id)
    session.scalars(
        select(AgendaItem)
        .where(AgendaItem.session_id == session_id)
        .options(selectinload(AgendaItem.case).selectinload(Case.youth).selectinload(Youth.municipality))
    ).all()
    for item in sitting.items:  # need-to-know (issue 12 §2): every case on it must be the reader's
        check_case(session, item.case)
    return sitting


def agenda_pdf(*, uow: UnitOfWork, actor: Actor, session_id: int, now: datetime | None = None) -> Document:
    """The agenda names no youth (case number, age, municipality), but age and question are
    still the youth's data: each case on it is logged as read."""
    require(actor.role, Action.PRINT_REPORTS)
    now = now or datetime.now()
    with uow:
        sitting = _sitting(uow.session, session_id)
        title = f"Agenda Experttafel {long_date(sitting.held_on)}"
        pdf = agenda.build(_agenda_data(uow.session, sitting, now.date()), _imprint(actor, title, now))
        numbers = tuple(i.case.number for i in sorted(sitting.items, key=lambda i: i.position))
        name = f"agenda-experttafel-{sitting.held_on.isoformat()}.pdf"
        for item in sitting.items:
            record_case(
                uow.session, actor, "case_view", item.case, detail=f"agenda zitting {session_id} opgemaakt"
            )
        uow.commit()
    return Document(pdf, "agenda", title, name, numbers, session_id)


def pack_pdf(
    *,
    uow: UnitOfWork,
    actor: Actor,
    session_id: int,
    pseudonymised: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Document:
    """Agenda plus every summary. `progress(done, total)` returning False cancels
    (domain.errors.Cancelled is raised and nothing is logged)."""
    require(actor.role, Action.PRINT_REPORTS)
    now = now or datetime.now()
    with uow:
        session = uow.session
        sitting = _sitting(session, session_id)
        if not sitting.items:
            raise RuleViolation(
                "Er staan nog geen casussen op de agenda; er is geen zittingspakket te maken."
            )
        cases = [i.case for i in sorted(sitting.items, key=lambda i: i.position)]
        # Every summary in the pack is scrubbed of every youth in the pack (and around them).
        scrubber = pseudonymiser_for_cases(session, [c.id for c in cases]) if pseudonymised else None

        def summaries() -> Iterator:
            for case in cases:
                yield _summary(session, case.number, pseudonymised, session_id, now.date(), scrubber)[1]

        title = f"Zittingspakket Experttafel {long_date(sitting.held_on)}"
        pdf = pack.build(
            _agenda_data(session, sitting, now.date()),
            summaries(),
            len(cases),
            _imprint(actor, title, now),
            progress,
        )
        for case in cases:
            record_case(
                session,
                actor,
                "case_view",
                case,
                detail=f"zittingspakket {session_id}, {_kind(pseudonymised)}",
            )
        uow.commit()
        numbers = tuple(c.number for c in cases)
    suffix = "-gepseudonimiseerd" if pseudonymised else ""
    name = f"zittingspakket-{sitting.held_on.isoformat()}{suffix}.pdf"
    return Document(pdf, f"zittingspakket ({_kind(pseudonymised)})", title, name, numbers, session_id)


def advice_letter_pdf(
    *, uow: UnitOfWork, actor: Actor, session_id: int, number: str, now: datetime | None = None
) -> Document:
    require(actor.role, Action.PRINT_REPORTS)
    now = now or datetime.now()
    with uow:
        item = item_for_case(uow.session, session_id, number)
        if item.advice_type is None:
            raise RuleViolation(
                "Er is nog geen advies vastgelegd; de adviesbrief kan nog niet worden gemaakt."
            )
        view = item_view(item, now.date())
        case, youth = item.case, item.case.youth
        letter = AdviceLetter(
            referrer_organisation=case.referrer_organisation,
            referrer_contact=case.referrer_contact,
            letter_date=now.date(),
            case_number=case.number,
            youth=f"{youth.given_name} {youth.family_name}, geboren {long_date(youth.birth_date)}",
            session_date=item.session.held_on,
            question=item.question,
            advice_type=view.advice_type.label if view.advice_type else "",
            considerations=item.considerations,
            advice=item.advice_text,
            actions=tuple((a.description, a.owner, long_date(a.due_on) or "—") for a in view.actions),
            follow_up=long_date(item.follow_up_on),
            chair=item.session.chair,
            region=uow.session.scalar(select(Region.name).limit(1)) or "",
        )
        title = f"Adviesbrief {case.number}"
        pdf = advice_letter.build(letter, _imprint(actor, title, now))
        record_case(
            uow.session, actor, "case_view", case, detail=f"adviesbrief zitting {session_id} opgemaakt"
        )
        uow.commit()
    return Document(pdf, "adviesbrief", title, f"adviesbrief-{case.number}.pdf", (case.number,), session_id)


def save_document(*, uow: UnitOfWork, actor: Actor, document: Document, path: Path) -> None:
    """Write the PDF whole or not at all (a half-written file never replaces a good one),
    then log the save per case."""
    require(actor.role, Action.PRINT_REPORTS)
    path = path.resolve()
    with side_file(path) as partial:  # private (0600), journaled, renamed when whole
        partial.write_bytes(document.pdf)
    record_output(uow=uow, actor=actor, document=document, how="opgeslagen")


def record_output(*, uow: UnitOfWork, actor: Actor, document: Document, how: str) -> None:
    """Log that `document` was printed ('afgedrukt') or saved ('opgeslagen'): one event per case."""
    require(actor.role, Action.PRINT_REPORTS)
    action = "case_print" if how == "afgedrukt" else "case_export"
    with uow:
        session = uow.session
        cases = session.scalars(select(Case).where(Case.number.in_(document.case_numbers))).all()
        for case in cases:
            record_case(session, actor, action, case, detail=f"{document.kind} {how}")
        if not cases:
            record(session, actor, action, detail=f"{document.kind} {how}")
        uow.commit()
