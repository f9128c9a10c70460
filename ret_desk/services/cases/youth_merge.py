"""Merging two youth records that are the same child (older stores hold such pairs).

Youth A (of case A) stays; every case and placement of youth B moves to A, fields that
differ take the value chosen per field (A by default only when it was chosen), empty
fields of A are filled from B, and youth B is removed. The audit trail stays resolvable:
one `youth_merge` event on A and one `youth_merged` event on B, each naming the other
youth's id (`former_youth_ids` follows them). Placement requests hang on the cases and
move with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ret_desk.db.audit import record
from ret_desk.db.dossier_access import former_youth_ids  # noqa: F401  (the walk lives with the log's reader)
from ret_desk.db.models import Case, Placement
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput, RuleViolation, StaleEdit
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.youth_identity import (
    FIELD_LABELS,
    FIELDS,
    FieldDifference,
    bsn_conflict,
    describe,
    differences,
    gaps,
    unknown_fields,
)
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.cases.youth_identity import (
    apply_facts,
    case_numbers,
    facts_of_youth,
    municipality_names,
)

A, B = "A", "B"


@dataclass(frozen=True, slots=True)
class MergeSide:
    number: str  # the case the user named
    youth_id: int
    version: int
    name: str
    municipality: str
    case_numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergePreview:
    a: MergeSide
    b: MergeSide
    differences: tuple[FieldDifference, ...]  # .stored is A's text, .new is B's


@dataclass(frozen=True, slots=True)
class MergeResult:
    youth_id: int
    moved_cases: tuple[str, ...]
    from_b: tuple[str, ...]  # fields that took B's value (chosen or filling a gap)


def _youths(session: Session, number_a: str, number_b: str) -> tuple[Case, Case]:
    case_a, case_b = case_by_number(session, number_a), case_by_number(session, number_b)
    if case_a.youth_id == case_b.youth_id:
        raise RuleViolation(f"Casus {case_a.number} en {case_b.number} horen al bij dezelfde jeugdige.")
    if bsn_conflict(case_a.youth.bsn, case_b.youth.bsn):
        raise RuleViolation(
            "Deze jeugdigen hebben twee verschillende BSN's: dat zijn verschillende kinderen. "
            "Corrigeer eerst het BSN als een van beide fout is."
        )
    return case_a, case_b


def _side(session: Session, case: Case, names: dict[str, str]) -> MergeSide:
    youth = case.youth
    return MergeSide(
        number=case.number,
        youth_id=youth.id,
        version=youth.version,
        name=f"{youth.given_name} {youth.family_name}",
        municipality=names.get(youth.municipality.cbs_code, ""),
        case_numbers=case_numbers(session, youth.id),
    )


def preview_merge(*, uow: UnitOfWork, actor: Actor, number_a: str, number_b: str) -> MergePreview:
    """Both youths and their differences; an audited read of each youth."""
    require(actor.role, Action.MERGE_YOUTH)
    with uow:
        session = uow.session
        case_a, case_b = _youths(session, number_a, number_b)
        names = municipality_names(session)
        fa, fb = facts_of_youth(case_a.youth), facts_of_youth(case_b.youth)
        preview = MergePreview(
            a=_side(session, case_a, names),
            b=_side(session, case_b, names),
            differences=tuple(describe(fa, fb, differences(fa, fb), names)),
        )
        for case in (case_a, case_b):
            record(
                session,
                actor,
                "youth_view",
                youth_id=case.youth_id,
                case_id=case.id,
                case_number=case.number,
                detail="samenvoegen: verschillen bekeken",
            )
        uow.commit()
        return preview


def merge_youths(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number_a: str,
    number_b: str,
    choices: Mapping[str, str],
    versions: tuple[int, int] | None = None,
) -> MergeResult:
    """Move everything of case B's youth to case A's youth. `choices` maps each differing
    field to "A" or "B"; a difference without a choice refuses the merge, listing them all."""
    require(actor.role, Action.MERGE_YOUTH)
    unknown = unknown_fields(choices)
    bad = [f"{k}={v}" for k, v in choices.items() if v not in (A, B)]
    if unknown or bad:
        raise InvalidInput(
            [
                FieldError("choices", f"Onbekend veld: {name}; kies uit {', '.join(FIELDS)}.")
                for name in unknown
            ]
            + [FieldError("choices", f"Kies A of B: {item}.") for item in bad]
        )
    with uow:
        session = uow.session
        case_a, case_b = _youths(session, number_a, number_b)
        youth_a, youth_b = case_a.youth, case_b.youth
        if versions is not None and versions != (youth_a.version, youth_b.version):
            raise StaleEdit(
                "Iemand anders heeft een van deze jeugdigen intussen gewijzigd. Niets is "
                "samengevoegd; bekijk de verschillen opnieuw."
            )
        fa, fb = facts_of_youth(youth_a), facts_of_youth(youth_b)
        diffs = differences(fa, fb)
        open_fields = [f for f in diffs if f not in choices]
        if open_fields:
            names = municipality_names(session)
            raise InvalidInput(
                [
                    FieldError(d.field, f"{d.label} verschilt: A {d.stored}, B {d.new}.")
                    for d in describe(fa, fb, open_fields, names)
                ]
                + [FieldError("choices", "Kies per veld welke waarde blijft (A of B).")]
            )
        _refuse_two_running_placements(session, youth_a.id, youth_b.id)
        from_b = [f for f in FIELDS if (f in diffs and choices[f] == B) or f in gaps(fa, fb)]
        moved = case_numbers(session, youth_b.id)
        bsn_b = youth_b.bsn
        session.execute(update(Case).where(Case.youth_id == youth_b.id).values(youth_id=youth_a.id))
        session.execute(update(Placement).where(Placement.youth_id == youth_b.id).values(youth_id=youth_a.id))
        youth_b.bsn = None  # free the unique BSN before A takes it
        session.flush()
        apply_facts(session, youth_a, fb, from_b)
        if youth_a.bsn is None and bsn_b:
            youth_a.bsn = bsn_b
            from_b.append("bsn")
        session.expire(youth_b, ["cases"])
        session.delete(youth_b)
        session.flush()
        _audit(session, actor, case_a, youth_b.id, moved, from_b)
        uow.commit()
        return MergeResult(youth_a.id, moved, tuple(from_b))


def _refuse_two_running_placements(session: Session, youth_a: int, youth_b: int) -> None:
    running = session.scalars(
        select(Placement.youth_id).where(
            Placement.youth_id.in_((youth_a, youth_b)), Placement.ended_on.is_(None)
        )
    )
    if len(set(running)) == 2:
        raise RuleViolation(
            "Beide jeugdigen hebben een lopende plaatsing. Beëindig eerst de plaatsing die niet "
            "klopt; één kind heeft één lopende plaatsing."
        )


def _audit(
    session: Session, actor: Actor, case_a: Case, youth_b_id: int, moved: tuple[str, ...], from_b: list[str]
) -> None:
    taken = ", ".join(FIELD_LABELS.get(f, f).lower() for f in from_b) or "geen"
    record(
        session,
        actor,
        "youth_merge",
        youth_id=case_a.youth_id,
        case_id=case_a.id,
        case_number=case_a.number,
        detail=f"jeugdige #{youth_b_id} samengevoegd in deze; casussen verplaatst: "
        f"{', '.join(moved)}; van B overgenomen: {taken}",
    )
    record(
        session,
        actor,
        "youth_merged",
        youth_id=youth_b_id,
        detail=f"samengevoegd in jeugdige #{case_a.youth_id} (casus {case_a.number}); "
        f"casussen {', '.join(moved)} verplaatst; dit record is verwijderd",
    )
