"""Plain-text renderings of service data, for the command line."""

from __future__ import annotations

from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.dutch_numbers import decimal
from ret_desk.domain.enums import CaseStatus, GvaTrigger, ReferrerType
from ret_desk.domain.rst import figures, figures_line, from_json
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.services.routes import mda


def case_text(d: CaseDetail) -> str:
    y, r = d.youth, d.referral
    route = d.route_label(d.route, "nog geen route")
    lines = [
        f"Casus {d.number} — {CaseStatus(d.status).label}, {route}",
        f"Jeugdige: {y['given_name']} {y['family_name']}, geboren {y['birth_date']:%d-%m-%Y}, "
        f"{y['municipality']}" + (f", BSN {y['bsn']}" if y["bsn"] else ""),
        f"Aanmelding: {r['date']:%d-%m-%Y} door {ReferrerType(r['referrer_type']).label} "
        f"({r['referrer_organisation']})",
        f"Hulpvraag: {r['help_question']}",
        "GVA-aanleidingen: "
        + (", ".join(GvaTrigger(t).label for t in d.gva["triggers"]) or "geen")
        + f"; GVA aanwezig: {'ja' if d.gva['present'] else 'nee'}",
    ]
    if override := d.gva.get("override"):
        lines.append(f"Uitzondering op GVA-blokkade ({override['by']}): {override['reason']}")
    lines.append("Signalen:" if d.signals else "Signalen: geen")
    lines += [f"  [{s['code']}] {s['message']}" for s in d.signals]
    lines.append("Routes:")
    lines += [
        f"  {h['at']:%d-%m-%Y} {d.route_label(h['from'])} → {d.route_label(h['to'])} "
        f"door {h['by']}: {h['reason']}"
        for h in d.route_history
    ]
    if d.changes:
        lines.append("Wijzigingen:")
        lines += [
            f"  {c['at']:%d-%m-%Y} {c['label']}: {c['old']} → {c['new']} door {c['by']}"
            + (f" ({c['reason']})" if c["reason"] else "")
            for c in d.changes
        ]
    lines += _ro3_lines(d.records.get("ro3"), d.record_labels.get("ro3", "RO3"))
    if "mda" in d.records:
        lines += mda.text_lines(d.records["mda"], d.record_labels.get("mda", "MDA++"))
    lines += rst_text(d.records.get("rst"), d.record_labels.get("rst", "Reizend Specialistisch Team"))
    return "\n".join(lines)


def _ro3_lines(ro3: dict | None, label: str) -> list[str]:
    """The RO3 record (casusregie; `label` is its route's label), when the case has one."""
    if ro3 is None:
        return []
    history = "" if ro3["editable"] else f" (alleen in te zien: de casus staat niet meer op de route {label})"
    lines = [f"{label}{history}:"]
    lines += [
        f"  Partij: {p['organisation']} ({p['role']})" + (f", {p['contact']}" if p["contact"] else "")
        for p in ro3["parties"]
    ]
    for a in ro3["agreements"]:
        state = a["status_label"] + (", over de termijn" if a["overdue"] else "")
        line = f"  Afspraak {a['id']}: {a['party']}: {a['what']}, uiterlijk {a['due']:%d-%m-%Y} ({state})"
        lines.append(line + (f"; gevolg: {a['consequence']}" if a["consequence"] else ""))
    lines += [f"  Evaluatie {r['date']:%d-%m-%Y}: {r['report'] or 'geen verslag'}" for r in ro3["reviews"]]
    if ro3["next_review_due"] is not None:
        lines.append(f"  Volgende evaluatie uiterlijk {ro3['next_review_due']:%d-%m-%Y}")
    return lines


def rst_text(section: dict | None, label: str = "Reizend Specialistisch Team") -> list[str]:
    """The RST record (the `rst` section of `case show --json`) as lines, headed by `label`
    (its route's label); none without one."""
    deployments = from_json(section)
    if not deployments:
        return []
    lines = [f"{label}: {figures_line(figures(deployments))}"]
    for d in deployments:
        line = (
            f"  {short_date(d.on)} {d.discipline.label}, {d.where.label.lower()}, {decimal(d.hours, 2)} uur; "
            f"plaatsing voorkomen: {d.placement_prevented.label}"
        )
        lines.append(
            line
            + "".join(
                f"; {label}: {text}" for label, text in (("doel", d.purpose), ("uitkomst", d.outcome)) if text
            )
        )
    return lines
