"""Everything stored about one youth, as report data for the dossier export (issue 12 §3,
inspection): per case the sections of the full case view (youth and family, referral, GVA,
route and status, advice with action points, placements, the route records), plus the
working notes, the corrections of case data, the placement requests and match decisions;
and who accessed the dossier. Runs inside a read the caller logs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.dossier_access import access_log
from ret_desk.db.models import Case, CaseChange, MdaSafetyPlan, Note, Region, Youth
from ret_desk.domain.audit_actions import action_label, local_timestamp
from ret_desk.domain.case_fields import LABELS as FIELD_LABELS
from ret_desk.domain.dutch_dates import long_date
from ret_desk.reports.dossier import DossierCase, DossierData
from ret_desk.reports.model import Section
from ret_desk.services.cases.case_view import case_view
from ret_desk.services.placement.placement_picture import picture_of

YOUTH_SECTION = "Jeugdige en gezin"
SITTING_SECTION = "Vraag voor deze zitting"


def _notes(session: Session, case: Case) -> Section:
    notes = session.scalars(select(Note).where(Note.case_id == case.id).order_by(Note.noted_on, Note.id))
    entries = tuple(f"{long_date(n.noted_on)}, {n.author_name}:\n{n.text}" for n in notes)
    return Section("Werkaantekeningen", entries=entries, empty="Geen werkaantekeningen.")


def _changes(session: Session, case: Case) -> Section:
    changes = session.scalars(
        select(CaseChange).where(CaseChange.case_id == case.id).order_by(CaseChange.at, CaseChange.id)
    )
    entries = tuple(
        f"{local_timestamp(c.at)}, {c.by_name}: {FIELD_LABELS.get(c.field, c.field)} van "
        f"“{c.old_value}” naar “{c.new_value}”" + (f" (reden: {c.reason})" if c.reason else "")
        for c in changes
    )
    return Section("Correcties en aanvullingen", entries=entries, empty="Geen correcties vastgelegd.")


def _safety_plans(session: Session, case: Case) -> Section | None:
    """Every version of an MDA++ safety plan (the case view prints the newest only)."""
    plans = list(
        session.scalars(
            select(MdaSafetyPlan).where(MdaSafetyPlan.case_id == case.id).order_by(MdaSafetyPlan.version)
        )
    )
    if len(plans) < 2:
        return None
    entries = tuple(
        f"Versie {p.version} van {long_date(p.written_on)} ({p.author}):\n{p.text}" for p in plans
    )
    return Section("Alle versies van het veiligheidsplan", entries=entries)


def _placing(session: Session, case: Case) -> Section:
    picture = picture_of(session, case)
    requests = tuple(
        f"Verzoek van {long_date(r.waiting_since)}: {r.placement_type}, gewenste start "
        f"{long_date(r.desired_start)}, urgentie {r.urgency.label}, status {r.status.value}"
        for r in picture.requests
    )
    decisions = tuple(
        f"Matchbesluit {local_timestamp(d.at)} door {d.by}: {d.location} ({d.placement_type}), "
        f"plaats {d.rank} met score {d.score:.2f}; antwoord aanbieder: {d.provider_answer}"
        + (f" ({d.decline_reason})" if d.decline_reason else "")
        + (f"\nToelichting: {d.rationale}" if d.rationale else "")
        for d in picture.decisions
    )
    return Section(
        "Plaatsingsverzoeken en matchbesluiten",
        entries=requests + decisions,
        empty="Geen plaatsingsverzoeken of matchbesluiten.",
    )


def _access(session: Session, youth_id: int) -> tuple[tuple[str, str, str, str, str], ...]:
    rows = []
    for a in access_log(session, youth_id):
        who = a.actor_name + (f" namens {a.on_behalf_of}" if a.on_behalf_of else "")
        rows.append((local_timestamp(a.at), who, a.workstation, action_label(a.action), a.case_number or ""))
    return tuple(rows)


def cases_of(session: Session, youth_id: int) -> list[Case]:
    return list(
        session.scalars(select(Case).where(Case.youth_id == youth_id).order_by(Case.referral_date, Case.id))
    )


def dossier_of(session: Session, youth: Youth, today: date) -> DossierData:
    """The whole dossier of `youth`: every case, oldest first, and the access list."""
    cases: list[DossierCase] = []
    youth_section = Section(YOUTH_SECTION, empty="Geen gegevens.")
    for case in cases_of(session, youth.id):
        view = case_view(session, case, pseudonymised=False, today=today)
        # The question "for this sitting" is the summary's; the dossier has the advice history.
        sections = [s for s in view.sections if s.title not in (YOUTH_SECTION, SITTING_SECTION)]
        youth_section = next((s for s in view.sections if s.title == YOUTH_SECTION), youth_section)
        plans = _safety_plans(session, case)
        sections += [*([plans] if plans else []), _notes(session, case), _changes(session, case)]
        sections.append(_placing(session, case))
        title = f"Casus {case.number}, aangemeld op {long_date(case.referral_date)}"
        cases.append(DossierCase(title, tuple(sections)))
    return DossierData(
        youth_name=f"{youth.given_name} {youth.family_name}",
        made_on=long_date(today),
        region=session.scalar(select(Region.name).limit(1)) or "",
        youth=youth_section,
        cases=tuple(cases),
        access=_access(session, youth.id),
    )
