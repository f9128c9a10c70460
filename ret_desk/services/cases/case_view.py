"""One view of a case (`CaseView`): titled sections of Dutch labels and values, ready to
render, built here once and rendered by the detail HTML (ui), the plain text of `case show`
(cli) and the printed case summary (reports). A new field is added here, in one place.

Full or pseudonymised (DOMAIN rule 14), decided here once: in the pseudonymised view the
identifying fields are never put in, and every free text goes through the Pseudonymiser.
(`case show --json` keeps its own contract: `CaseDetail.to_json`.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ret_desk.db.models import AgendaItem, Case, TableSession
from ret_desk.domain.dates import age_in_years
from ret_desk.domain.dutch_dates import long_date
from ret_desk.domain.dutch_numbers import decimal
from ret_desk.domain.enums import (
    CaseStatus,
    FamilyParticipation,
    Gender,
    GvaTrigger,
    LegalFramework,
    ReferrerType,
    TargetGroup,
    Urgency,
    from_mask,
)
from ret_desk.domain.experttafel import SessionStatus
from ret_desk.domain.pseudonymise import Identity, Pseudonymiser
from ret_desk.reports.model import Section
from ret_desk.services.admin.reference import route_labels_in
from ret_desk.services.experttafel.advice_views import ItemView, case_items
from ret_desk.services.placement.placements import PlacementHistory, youth_history
from ret_desk.services.routes.records import record_person_names, summary_sections

__all__ = ["CaseView", "Section", "case_view", "identity_of"]


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case as its renderings show it: a heading, a line under it, and the sections
    (each a `Section`: title, label/value fields, long text, entries, subsections)."""

    number: str
    pseudonymised: bool
    heading: str
    subheading: str
    sections: tuple[Section, ...]
    record_titles: frozenset[str] = frozenset()
    """The titles of the route records' sections (RO3, MDA++, RST): the command line
    prints those records in its own compact lines, with the ids its commands take."""


def identity_of(case: Case) -> Identity:
    youth = case.youth
    others = [m.name for m in youth.family] + [case.referrer_contact, case.case_manager]
    if (session := object_session(case)) is not None:
        others += record_person_names(session, case)
    return Identity(
        school=youth.school or "",
        given_name=youth.given_name,
        family_name=youth.family_name,
        birth_date=youth.birth_date,
        bsn=youth.bsn,
        address=youth.address,
        postcode=youth.postcode,
        other_names=tuple(n for n in others if n.strip()),
    )


def _route(labels: dict[str, str], value: str | None) -> str:
    return (labels.get(value) or value) if value else "geen"


def _youth_section(case: Case, pseudonymised: bool, today: date) -> Section:
    youth = case.youth
    municipality = youth.municipality.name if youth.municipality else ""
    age = f"{age_in_years(youth.birth_date, today)} jaar"
    common = [
        ("Geslacht", Gender(youth.gender).label),
        ("Gemeente", municipality),
        ("Wettelijk kader", LegalFramework(youth.legal_framework).label),
        *([("Thuiszitter sinds", long_date(youth.out_of_school_since))] if youth.out_of_school_since else []),
    ]
    if pseudonymised:
        fields = [("Casusnummer", case.number), ("Leeftijd", age), *common]
        family = [f"{m.relation}" + (" (met gezag)" if m.has_authority else "") for m in youth.family]
    else:
        fields = [
            ("Naam", f"{youth.given_name} {youth.family_name}"),
            ("Geboortedatum", f"{long_date(youth.birth_date)} ({age})"),
            ("BSN", youth.bsn or "onbekend"),
            ("Adres", youth.address),
            ("Postcode en woonplaats", f"{youth.postcode} {youth.residence}".strip()),
            *common,
        ]
        family = [
            f"{m.name}, {m.relation}" + (" (met gezag)" if m.has_authority else "") for m in youth.family
        ]
    return Section(
        "Jeugdige en gezin",
        fields=tuple(fields),
        entries=tuple(f"Gezin: {line}" for line in family) or ("Gezin: geen gezinsleden vastgelegd.",),
    )


def _referral_section(case: Case, pseudonymised: bool, scrub) -> Section:  # noqa: ANN001
    groups = ", ".join(t.label for t in sorted(from_mask(case.target_group_mask, TargetGroup))) or "geen"
    fields = [
        ("Aanmelddatum", long_date(case.referral_date)),
        ("Verwijzer", ReferrerType(case.referrer_type).label),
        ("Organisatie", case.referrer_organisation),
    ]
    if not pseudonymised:
        fields += [("Contactpersoon", case.referrer_contact), ("Casusregisseur", case.case_manager)]
    fields += [
        ("Urgentie", Urgency(case.urgency).label),
        ("Interventieniveau", str(case.intervention_level or "onbekend")),
        ("Deelname kind en ouders", FamilyParticipation(case.family_participation).label),
        ("Doelgroepen", groups),
        ("Toekomstplan 18+", "ja" if case.future_plan else "nee"),
    ]
    if case.future_plan and case.future_plan_on:
        fields.append(("Toekomstplan vastgelegd op", long_date(case.future_plan_on)))
    if case.future_plan and case.future_plan_text:
        fields.append(("Inhoud toekomstplan", scrub(case.future_plan_text)))
    if case.care_started_on:
        fields.append(("Start zorg", long_date(case.care_started_on)))
    return Section(
        "Aanmelding en hulpvraag", fields=tuple(fields), text="Hulpvraag:\n\n" + scrub(case.help_question)
    )


def _gva_section(case: Case, scrub) -> Section:  # noqa: ANN001
    triggers = sorted(from_mask(case.gva_trigger_mask, GvaTrigger))
    fields = [
        ("GVA aanwezig", "ja" if case.gva_present else "nee"),
        ("GVA-datum", long_date(case.gva_date) or "—"),
    ]
    if case.gva_override_reason:
        when = long_date(case.gva_override_at.astimezone().date()) if case.gva_override_at else "—"
        fields.append(
            (
                "Uitzondering op GVA-blokkade",
                f"{scrub(case.gva_override_reason)} ({case.gva_override_by}, {when})",
            )
        )
    return Section(
        "GVA (gedeelde verklarende analyse)",
        fields=tuple(fields),
        entries=tuple(f"Aanleiding: {t.label}" for t in triggers) or ("Geen GVA-aanleiding vastgelegd.",),
    )


def _status(value: str | None) -> str:
    return CaseStatus(value).label if value else "nieuw"


def _history_section(case: Case, scrub) -> Section:  # noqa: ANN001
    labels = route_labels_in(object_session(case))
    routes = [
        (r.at, f"route {_route(labels, r.from_route)} → {_route(labels, r.to_route)}", r.by_name, r.reason)
        for r in case.route_history
    ]
    statuses = [
        (s.at, f"status {_status(s.from_status)} → {_status(s.to_status)}", s.by_name, s.reason)
        for s in case.status_history
    ]
    entries = tuple(
        f"{long_date(at)}: {what} ({by}). {scrub(reason)}".strip()
        for at, what, by, reason in sorted(routes + statuses)
    )
    fields = (("Huidige route", _route(labels, case.current_route)), ("Huidige status", _status(case.status)))
    return Section("Route en status", fields=fields, entries=entries)


def _advice_section(items: list[ItemView], scrub) -> Section:  # noqa: ANN001
    subsections = []
    for item in items:
        if item.advice_type is None:
            continue
        accepted = {True: "ja", False: "nee", None: "nog niet bekend"}[item.referrer_accepted]
        actions = tuple(
            f"Actiepunt ({'gereed' if a.done else 'open'}): {scrub(a.description)}, "
            f"{scrub(a.owner) or 'geen eigenaar'}, gereed op {long_date(a.due_on) or '—'}"
            for a in item.actions
        )
        subsections.append(
            Section(
                f"Zitting {long_date(item.session_date)}: {item.advice_type.label}",
                fields=(
                    ("Vraag", scrub(item.question)),
                    ("Follow-up", long_date(item.follow_up_on) or "—"),
                    ("Advies overgenomen", accepted),
                    ("Uitkomst follow-up", scrub(item.follow_up_outcome) or "—"),
                ),
                text="\n\n".join(
                    ["Overwegingen:", scrub(item.considerations) or "—", "Advies:", scrub(item.advice_text)]
                ),
                entries=actions,
            )
        )
    return Section(
        "Eerdere adviezen en actiepunten", subsections=tuple(subsections), empty="Nog geen adviezen."
    )


def _placement_section(history: PlacementHistory) -> Section:
    ftr = {True: "ja", False: "nee", None: "—"}[history.first_time_right]
    entries = tuple(
        f"{long_date(e.started_on)} – {long_date(e.ended_on) if e.ended_on else 'loopt'}: {e.location} "
        f"({e.type_label}, trede {e.rung or '—'}, {decimal(e.distance_km)} km)"
        + (f"; einde: {e.end_reason.label.lower()}" if e.end_reason else "")
        + ("; noodoplossing" if e.stopgap else "")
        for e in history.timeline
    )
    fields = (("Doorplaatsingen", str(history.moves)), ("First-time-right", ftr))
    return Section("Plaatsingen tot nu toe", fields=fields, entries=entries)


def question_for(session: Session, case: Case, session_id: int | None = None) -> str | None:
    """The question the case brings to sitting `session_id`, or without one, to its latest
    planned sitting; None when it is on no agenda."""
    query = select(AgendaItem.question).join(TableSession).where(AgendaItem.case_id == case.id)
    if session_id is not None:
        return session.scalar(query.where(AgendaItem.session_id == session_id))
    return session.scalar(
        query.where(TableSession.status == SessionStatus.PLANNED.value).order_by(TableSession.held_on.desc())
    )


def case_view(
    session: Session,
    case: Case,
    *,
    pseudonymised: bool,
    today: date,
    session_id: int | None = None,
    scrubber: Pseudonymiser | None = None,
) -> CaseView:
    """The view of `case` (inside a read the caller logs): with its advice history, the
    youth's placements, its route records and the question for sitting `session_id`.
    Pseudonymised, free text is scrubbed with `scrubber` (a pack passes one for all its
    cases), by default with the context of the case and every case on its agendas."""
    if pseudonymised and scrubber is None:
        from ret_desk.services.cases.scrub_context import pseudonymiser_for_cases

        scrubber = pseudonymiser_for_cases(session, [case.id])
    return view_of(
        case,
        case_items(session, case.id, today),
        pseudonymised=pseudonymised,
        today=today,
        sitting_question=question_for(session, case, session_id),
        placements=youth_history(session, case, today),
        scrubber=scrubber,
    )


def view_of(
    case: Case,
    items: list[ItemView],
    *,
    pseudonymised: bool,
    today: date,
    sitting_question: str | None = None,
    placements: PlacementHistory | None = None,
    scrubber: Pseudonymiser | None = None,
) -> CaseView:
    """The view of `case`; `items` are its agenda items (advice history), `placements`
    the youth's placement history (a section only when there are any)."""
    scrub = (scrubber or Pseudonymiser(identity_of(case))).scrub if pseudonymised else (lambda text: text)
    youth = case.youth
    school = "Geen school (thuiszitter)" if youth.no_school else (youth.school or "Niet vastgelegd")
    if pseudonymised and not youth.no_school and youth.school:
        school = "[school] (de naam van de school blijft weg)"
    question = (
        scrub(sitting_question) if sitting_question else "Deze casus staat niet op de agenda van een zitting."
    )
    records = summary_sections(object_session(case), case, scrub)
    sections = [
        _youth_section(case, pseudonymised, today),
        _referral_section(case, pseudonymised, scrub),
        _gva_section(case, scrub),
        _history_section(case, scrub),
        _advice_section(items, scrub),
        *([_placement_section(placements)] if placements is not None and placements.timeline else []),
        *records,
        Section("School", fields=(("School", school),)),
        Section("Vraag voor deze zitting", text=question),
    ]
    if pseudonymised:
        heading = f"Casus {case.number}"
        sub = "Gepseudonimiseerd casusoverzicht: zonder naam, BSN, adres en geboortedatum."
    else:
        heading = f"{youth.given_name} {youth.family_name}"
        sub = f"Casusoverzicht van casus {case.number}."
    return CaseView(
        case.number, pseudonymised, heading, sub, tuple(sections), frozenset(s.title for s in records)
    )
