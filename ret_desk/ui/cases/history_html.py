"""The parts of the case detail that editing added (issue 8): the GVA override, the future
plan, "thuiszitter sinds", and the change history (who, when, which field, old → new)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from ret_desk.services.cases.case_detail import CaseDetail


def _t(text: str) -> str:
    return QCoreApplication.translate("CaseHistory", text)


def _row(label: str, value: str) -> str:
    return f"<tr><td class='k'>{escape(label)}</td><td>{escape(value)}</td></tr>"


def _d(value) -> str:  # noqa: ANN001
    return value.strftime("%d-%m-%Y") if value else "—"


def gva_rows(d: CaseDetail) -> list[str]:
    """The override of the GVA block, when one is recorded."""
    override = d.gva.get("override")
    if not override:
        return []
    when = override["at"].astimezone().strftime("%d-%m-%Y %H:%M") if override["at"] else "—"
    text = QCoreApplication.translate("CaseHistory", "{reason} ({by}, {when})").format(
        reason=override["reason"], by=override["by"], when=when
    )
    return [_row(_t("Uitzondering op GVA-blokkade"), text)]


def youth_rows(d: CaseDetail) -> list[str]:
    since = d.youth.get("out_of_school_since")
    return [_row(_t("Thuiszitter sinds"), _d(since))] if since else []


def plan_rows(d: CaseDetail) -> list[str]:
    if not d.future_plan:
        return [_row(_t("Toekomstplan"), _t("nee"))]
    rows = [_row(_t("Toekomstplan"), _t("ja, {date}").format(date=_d(d.future_plan_on)))]
    if d.future_plan_text:
        rows.append(_row(_t("Inhoud toekomstplan"), d.future_plan_text))
    return rows


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
