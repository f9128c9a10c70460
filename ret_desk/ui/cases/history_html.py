"""The change history of the case detail (issue 8): who, when, which field, old → new.
(The GVA override, the future plan and "thuiszitter sinds" are fields of the case's view.)"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from ret_desk.services.cases.case_detail import CaseDetail


def _t(text: str) -> str:
    return QCoreApplication.translate("CaseHistory", text)


def _row(label: str, value: str) -> str:
    return f"<tr><td class='k'>{escape(label)}</td><td>{escape(value)}</td></tr>"


def changes_html(d: CaseDetail) -> list[str]:
    """The change history, newest first."""
    parts = [f"<h3>{escape(_t('Wijzigingen'))}</h3>"]
    if not d.changes:
        return parts + [f"<p>{escape(_t('Nog geen wijzigingen na de aanmelding.'))}</p>"]
    parts.append("<table>")
    for c in reversed(d.changes):
        line = f"{c['label']}: {c['old']} → {c['new']} ({c['by']})" + (
            f": {c['reason']}" if c["reason"] else ""
        )
        parts.append(_row(c["at"].astimezone().strftime("%d-%m-%Y %H:%M"), line))
    parts.append("</table>")
    return parts
