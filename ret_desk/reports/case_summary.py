"""The case summary for the Experttafel (casusoverzicht), full or pseudonymised."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from ret_desk.reports.layout import WIDTH, Imprint, build_pdf
from ret_desk.reports.model import CaseSummary, Section
from ret_desk.reports.styles import fields_table, para, paragraphs


def section_story(section: Section, level: str = "h2") -> list[Flowable]:
    """One section as flowables (the dossier export prints the same sections)."""
    story: list[Flowable] = [para(section.title, level)]
    if section.fields:
        story.append(fields_table(list(section.fields), WIDTH))
        story.append(Spacer(1, 4))
    if section.text:
        story += paragraphs(section.text)
    story += [para(entry, "cell") for entry in section.entries]
    for sub in section.subsections:
        story += section_story(sub, "h3")
    if not (section.fields or section.text or section.entries or section.subsections):
        story.append(para(section.empty, "small"))
    return story


def story(summary: CaseSummary) -> list[Flowable]:
    parts: list[Flowable] = [para(summary.heading, "title"), para(summary.subheading, "small")]
    for section in summary.sections:
        parts += section_story(section)
    return parts


def build(summary: CaseSummary, imprint: Imprint) -> bytes:
    return build_pdf(story(summary), imprint)
