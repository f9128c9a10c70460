"""Renders a CaseDetail as the HTML the detail view shows (escaped; Dutch labels)."""

from __future__ import annotations

from html import escape

from ret_desk.domain.enums import (
    CaseOutcome,
    CaseStatus,
    FamilyParticipation,
    Gender,
    GvaTrigger,
    InterventionLevel,
    LegalFramework,
    ReferrerType,
    TargetGroup,
    Urgency,
)
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.ui import labels
from ret_desk.ui.cases.history_html import changes_html, gva_rows, plan_rows, youth_rows


def _d(value) -> str:  # noqa: ANN001
    return value.strftime("%d-%m-%Y") if value else "—"


def _row(label: str, value: str) -> str:
    return f"<tr><td class='k'>{escape(label)}</td><td>{escape(value)}</td></tr>"


def case_html(d: CaseDetail) -> str:
    y, r = d.youth, d.referral
    level = InterventionLevel(d.intervention_level).label if d.intervention_level else "—"
    school = "Geen school" if y["no_school"] else (y["school"] or "Onbekend")
    status = CaseStatus(d.status).label + (f" ({CaseOutcome(d.outcome).label})" if d.outcome else "")
    parts = [
        "<style>td.k{color:#555;padding-right:12px} h3{margin:10px 0 4px 0} .sig{color:#a40000}</style>",
        f"<h2>{escape(d.number)} — {escape(y['given_name'])} {escape(y['family_name'])}</h2>",
        f"<p><b>{escape(status)}</b> · route: <b>{escape(d.route_label(d.route))}</b> · "
        f"urgentie: {escape(Urgency(d.urgency).label)}</p>",
    ]
    if d.signals:
        parts.append("<h3>Signalen</h3><ul>")
        parts += [
            f"<li class='sig'><b>{escape(labels.signal(s['code']))}</b>: {escape(s['message'])}</li>"
            for s in d.signals
        ]
        parts.append("</ul>")
    else:
        parts.append("<p>Geen signalen.</p>")
    parts.append("<h3>Jeugdige</h3><table>")
    parts += [
        _row("Geboortedatum", _d(y["birth_date"])),
        _row("BSN", y["bsn"] or "—"),
        _row("Geslacht", Gender(y["gender"]).label),
        _row("Adres", " ".join(p for p in (y["address"], y["postcode"], y["residence"]) if p) or "—"),
        _row("Gemeente", y["municipality"]),
        _row("School", school),
        _row("Wettelijk kader", LegalFramework(y["legal_framework"]).label),
    ]
    parts += youth_rows(d)
    parts += [
        _row("Gezin", f"{m['name']}, {m['relation']}" + (" (met gezag)" if m["has_authority"] else ""))
        for m in y["family"]
    ]
    parts.append("</table><h3>Aanmelding</h3><table>")
    parts += [
        _row("Aanmelddatum", _d(r["date"])),
        _row("Verwijzer", f"{ReferrerType(r['referrer_type']).label}, {r['referrer_organisation']}"),
        _row("Contactpersoon", r["referrer_contact"] or "—"),
        _row("Hulpvraag", r["help_question"]),
        _row("Doelgroepen", ", ".join(TargetGroup(t).label for t in d.target_groups) or "—"),
        _row("Interventieniveau", level),
        _row("Betrokkenheid", FamilyParticipation(d.family_participation).label),
        _row("Casusregisseur", d.case_manager or "—"),
        _row("Start zorg", _d(d.care_started_on)),
    ]
    parts += plan_rows(d)
    parts.append("</table><h3>GVA</h3><table>")
    triggers = ", ".join(GvaTrigger(t).label for t in d.gva["triggers"]) or "geen"
    parts += [
        _row("Aanleidingen", triggers),
        _row("GVA aanwezig", ("ja, " + _d(d.gva["date"])) if d.gva["present"] else "nee"),
    ]
    parts += gva_rows(d)
    parts.append("</table><h3>Tijdlijn</h3><table>")
    events = [
        (h["at"], f"Route: {d.route_label(h['from'])} → {d.route_label(h['to'])}", h["by"], h["reason"])
        for h in d.route_history
    ]
    events += [
        (
            h["at"],
            "Status: "
            + (CaseStatus(h["from"]).label + " → " if h["from"] else "")
            + CaseStatus(h["to"]).label,
            h["by"],
            h["reason"],
        )
        for h in d.status_history
    ]
    for at, what, by, why in sorted(events, key=lambda e: e[0]):
        parts.append(
            _row(at.astimezone().strftime("%d-%m-%Y %H:%M"), f"{what} ({by}){': ' + why if why else ''}")
        )
    parts.append("</table>")
    parts += _advice_html(d.advice)
    parts += changes_html(d)
    parts.append("<h3>Werkaantekeningen</h3>")
    if not d.notes:
        parts.append("<p>Nog geen aantekeningen.</p>")
    for n in reversed(d.notes):
        parts.append(f"<p><b>{_d(n['date'])}</b> · {escape(n['author'])}<br>{escape(n['text'])}</p>")
    return "".join(parts)


def _advice_html(items: list[dict]) -> list[str]:
    """The case's Experttafel history: question, advice and action points per sitting."""
    if not items:
        return []
    parts = ["<h3>Experttafel</h3>"]
    for item in items:
        head = f"Zitting {_d(item['session_date'])}: " + (item["advice_type_label"] or "nog geen advies")
        parts.append(f"<p><b>{escape(head)}</b><br>Vraag: {escape(item['question'])}")
        if item["advice"]:
            parts.append(f"<br>Advies: {escape(item['advice'])}")
        if item["follow_up_on"]:
            parts.append(f"<br>Follow-up: {_d(item['follow_up_on'])} {escape(item['follow_up_outcome'])}")
        parts.append("</p><ul>")
        parts += [
            f"<li>{'✔' if a['done'] else '☐'} {escape(a['description'])} ({escape(a['owner'] or '—')}, "
            f"{_d(a['due_on'])})</li>"
            for a in item["actions"]
        ]
        parts.append("</ul>")
    return parts
