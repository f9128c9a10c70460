"""Renders the case's one view (`CaseView` sections) as HTML for the detail view: a heading
per section, its fields as a table, its text, its entries as a list, its subsections."""

from __future__ import annotations

from html import escape

from ret_desk.services.cases.case_view import CaseView, Section


def _row(label: str, value: str) -> str:
    return f"<tr><td class='k'>{escape(label)}</td><td>{escape(value or '—')}</td></tr>"


def section_html(section: Section, level: int = 3) -> list[str]:
    parts = [f"<h{level}>{escape(section.title)}</h{level}>"]
    if section.fields:
        parts += ["<table>", *(_row(label, value) for label, value in section.fields), "</table>"]
    if section.text:
        parts += [f"<p>{escape(block)}</p>" for block in section.text.split("\n\n") if block.strip()]
    if section.entries:
        parts += ["<ul>", *(f"<li>{escape(entry)}</li>" for entry in section.entries), "</ul>"]
    for sub in section.subsections:
        parts += section_html(sub, min(level + 1, 6))
    if not (section.fields or section.text or section.entries or section.subsections):
        parts.append(f"<p>{escape(section.empty)}</p>")
    return parts


def view_html(view: CaseView) -> list[str]:
    """Every section of the view, in its order."""
    return [part for section in view.sections for part in section_html(section)]
