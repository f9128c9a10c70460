"""Renders a CaseDetail as the HTML the detail view shows (escaped; Dutch labels): the
case's one view (`view_html`), framed by what only the app shows (signals, changes, notes)."""

from __future__ import annotations

from html import escape

from ret_desk.domain.enums import CaseOutcome, CaseStatus, Urgency
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.ui import labels
from ret_desk.ui.cases.history_html import changes_html
from ret_desk.ui.cases.view_html import view_html


def _d(value) -> str:  # noqa: ANN001
    return value.strftime("%d-%m-%Y") if value else "—"


def case_html(d: CaseDetail) -> str:
    y = d.youth
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
    parts += view_html(d.view) if d.view is not None else []
    parts += changes_html(d)
    parts.append("<h3>Werkaantekeningen</h3>")
    if not d.notes:
        parts.append("<p>Nog geen aantekeningen.</p>")
    for n in reversed(d.notes):
        parts.append(f"<p><b>{_d(n['date'])}</b> · {escape(n['author'])}<br>{escape(n['text'])}</p>")
    return "".join(parts)
