"""`case show` as plain text: the case's one view (`CaseView` sections, as `view_lines`),
framed by what only the working screens show (signals, changes) and the route records'
own compact lines."""

from __future__ import annotations

from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.dutch_numbers import decimal
from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.rst import figures, figures_line, from_json
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.services.cases.case_view import CaseView, Section
from ret_desk.services.routes import mda


def section_lines(section: Section, indent: str = "") -> list[str]:
    """One section: its title, then its fields, text, entries and subsections, indented."""
    inner = indent + "  "
    lines = [f"{indent}{section.title}:"]
    lines += [f"{inner}{label}: {value or '—'}" for label, value in section.fields]
    lines += [f"{inner}{block}" for block in section.text.split("\n\n") if block.strip()]
    lines += [f"{inner}- {entry}" for entry in section.entries]
    for sub in section.subsections:
        lines += section_lines(sub, inner)
    if not (section.fields or section.text or section.entries or section.subsections):
        lines.append(f"{inner}{section.empty}")
    return lines


def view_lines(view: CaseView) -> list[str]:
    """The whole view: heading, the line under it, and every section."""
    return [view.heading, view.subheading] + [line for s in view.sections for line in section_lines(s)]


def case_text(d: CaseDetail) -> str:
    route = d.route_label(d.route, "nog geen route")
    lines = [f"Casus {d.number} — {CaseStatus(d.status).label}, {route}"]
    lines.append("Signalen:" if d.signals else "Signalen: geen")
    lines += [f"  [{s['code']}] {s['message']}" for s in d.signals]
    if d.view is not None:
        shown = [s for s in d.view.sections if s.title not in d.view.record_titles]
        lines += [line for section in shown for line in section_lines(section)]
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
