"""The dossier export for inspection (inzage, issue 12 §3): everything stored about one
youth, case by case, and who accessed it. Written for the youth (from 12) and the parents:
plain Dutch headings, a short word on what this is and how to ask for a correction or a
destruction, dates in Dutch, long texts that flow across pages."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from ret_desk.reports.case_summary import section_story
from ret_desk.reports.layout import WIDTH, Imprint, build_pdf
from ret_desk.reports.model import Section
from ret_desk.reports.styles import grid, para, paragraphs


@dataclass(frozen=True, slots=True)
class DossierCase:
    """One case of the youth with every section stored about it."""

    title: str
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class DossierData:
    youth_name: str
    made_on: str  # "23 november 2026"
    region: str
    youth: Section
    cases: tuple[DossierCase, ...]
    access: tuple[tuple[str, str, str, str, str], ...]  # when, who (on behalf of), where, what, case


INTRO = (
    "Dit is een kopie van alles wat het Regionaal Expertteam Jeugd{region} over {name} heeft "
    "vastgelegd, op {made_on}: de gegevens van de jeugdige en het gezin, elke casus met de "
    "aanmelding, de route, de werkaantekeningen, de adviezen van de Experttafel, de "
    "plaatsingen en de afspraken. Achteraan staat wie het dossier heeft ingezien of gewijzigd.\n\n"
    "Een jeugdige vanaf 12 jaar en de ouders mogen dit inzien. Klopt er iets niet, of wilt u "
    "dat (een deel van) het dossier wordt verbeterd of vernietigd? Vraag het aan de "
    "coördinator van het RET die u deze kopie gaf. Dossiers worden bewaard tot de wettelijke "
    "bewaartermijn voorbij is (docs/privacy.md)."
)


def _access(rows: tuple[tuple[str, str, str, str, str], ...]) -> list[Flowable]:
    story: list[Flowable] = [para("Wie het dossier heeft ingezien of gewijzigd", "h2")]
    if not rows:
        return [*story, para("Er zijn geen gebeurtenissen vastgelegd.", "small")]
    widths = [28 * mm, 34 * mm, 28 * mm, WIDTH - 128 * mm, 38 * mm]
    story.append(grid(["Wanneer", "Wie", "Werkplek", "Wat", "Casus"], [list(r) for r in rows], widths))
    return story


def story(data: DossierData) -> list[Flowable]:
    region = f" ({data.region})" if data.region else ""
    parts: list[Flowable] = [
        para(f"Dossier van {data.youth_name}", "title"),
        para(f"Inzage, opgemaakt op {data.made_on}.", "small"),
        *paragraphs(INTRO.format(region=region, name=data.youth_name, made_on=data.made_on)),
        Spacer(1, 4),
        *section_story(data.youth),
    ]
    for case in data.cases:
        parts += [PageBreak(), para(case.title, "title")]
        for section in case.sections:
            parts += section_story(section)
    parts += [PageBreak(), *_access(data.access)]
    return parts


def build(data: DossierData, imprint: Imprint) -> bytes:
    return build_pdf(story(data), imprint)
