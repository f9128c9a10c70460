"""The pseudonymiser's context for a set of cases (issue 12 §1): every person the store
knows around them (youth, family, MDA++ household, RO3 network contacts, referrer contact,
case manager), their birth dates, BSNs, addresses, postcodes and schools, and every other
youth on the same agendas. Used by the summary, the pack, the agenda and (issue 13) the
monitor's drill-downs; runs inside the caller's read (which the caller logs)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models import AgendaItem, Case, FamilyMember, Municipality, Youth
from ret_desk.db.models_placing import PlacementRequest
from ret_desk.db.models_ro3 import Ro3Party
from ret_desk.domain.pseudonymise import Pseudonymiser, ScrubContext
from ret_desk.services.cases.unknown_names import unknown_names
from ret_desk.services.routes.records import record_person_names


def agenda_companions(session: Session, case_ids: Iterable[int]) -> set[int]:
    """The ids of every case that shares a sitting's agenda with one of `case_ids`."""
    ids = set(case_ids)
    if not ids:
        return ids
    sittings = select(AgendaItem.session_id).where(AgendaItem.case_id.in_(ids))
    return ids | set(session.scalars(select(AgendaItem.case_id).where(AgendaItem.session_id.in_(sittings))))


def scrub_context_for_cases(
    session: Session, case_ids: Iterable[int], *, with_agendas: bool = True
) -> ScrubContext:
    """Everything identifying the store knows about `case_ids` (and, `with_agendas`, about
    every other case on the same agendas): the context a pseudonymised document is scrubbed with."""
    ids = agenda_companions(session, case_ids) if with_agendas else set(case_ids)
    names: list[str] = []
    dates, bsns, addresses, postcodes, schools = [], [], [], [], []
    for case in session.scalars(select(Case).where(Case.id.in_(ids))).all():
        youth: Youth = case.youth
        names += [f"{youth.given_name} {youth.family_name}", case.referrer_contact, case.case_manager]
        names += list(session.scalars(select(FamilyMember.name).where(FamilyMember.youth_id == youth.id)))
        names += record_person_names(session, case)
        names += list(session.scalars(select(Ro3Party.contact).where(Ro3Party.case_id == case.id)))
        schools += [youth.school or ""]
        schools += list(
            session.scalars(
                select(PlacementRequest.school_to_keep).where(PlacementRequest.case_id == case.id)
            )
        )
        dates.append(youth.birth_date)
        bsns.append(youth.bsn or "")
        addresses.append(youth.address or "")
        postcodes.append(youth.postcode or "")

    def clean(values: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))

    return ScrubContext(
        names=clean(names),
        birth_dates=tuple(dict.fromkeys(d for d in dates if d is not None)),
        bsns=clean(bsns),
        addresses=clean(addresses),
        postcodes=clean(postcodes),
        schools=clean(schools),
        keep=tuple(session.scalars(select(Municipality.name))),
    )


def pseudonymiser_for_cases(
    session: Session, case_ids: Iterable[int], *, with_agendas: bool = True
) -> Pseudonymiser:
    """The scrubber for a document about `case_ids` (see `scrub_context_for_cases`)."""
    context = scrub_context_for_cases(session, case_ids, with_agendas=with_agendas)
    return Pseudonymiser(context, unknown_names=unknown_names())
