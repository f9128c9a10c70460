"""The advice letter to the referrer, for one agenda item."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ret_desk.domain.dutch_dates import long_date
from ret_desk.reports.layout import WIDTH, Imprint, build_pdf
from ret_desk.reports.model import AdviceLetter
from ret_desk.reports.styles import grid, para, paragraphs


def story(letter: AdviceLetter) -> list[Flowable]:
    parts: list[Flowable] = [
        para("Regionaal Expertteam Jeugd" + (f" — {letter.region}" if letter.region else ""), "title"),
        para("Experttafel", "small"),
        Spacer(1, 10 * mm),
        para(letter.referrer_organisation),
    ]
    if letter.referrer_contact:
        parts.append(para(f"t.a.v. {letter.referrer_contact}"))
    parts += [
        Spacer(1, 8 * mm),
        para(f"Datum: {long_date(letter.letter_date)}"),
        para(f"Betreft: advies van de Experttafel over casus {letter.case_number} ({letter.youth})"),
        Spacer(1, 6 * mm),
        para("Geachte heer, mevrouw,"),
        para(
            f"Op {long_date(letter.session_date)} heeft de Experttafel de casus besproken die u bij het "
            "Regionaal Expertteam Jeugd hebt aangemeld. Hieronder leest u de vraag aan de tafel, "
            "de overwegingen en het advies."
        ),
        para("Vraag aan de Experttafel", "h2"),
        *paragraphs(letter.question),
        para("Overwegingen", "h2"),
        *paragraphs(letter.considerations or "Geen overwegingen vastgelegd."),
        para(f"Advies: {letter.advice_type}", "h2"),
        *paragraphs(letter.advice),
    ]
    if letter.actions:
        widths = [WIDTH - 45 * mm - 32 * mm, 45 * mm, 32 * mm]
        rows = [list(action) for action in letter.actions]
        parts += [
            para("Actiepunten", "h2"),
            grid(["Actiepunt", "Eigenaar", "Gereed op"], rows, widths),
            Spacer(1, 4 * mm),
        ]
    if letter.follow_up:
        parts.append(para(f"De Experttafel bespreekt de voortgang opnieuw rond {letter.follow_up}.", "body"))
    parts += [
        Spacer(1, 4 * mm),
        para(
            "Wilt u ons laten weten of u het advies overneemt? Met vragen kunt u contact opnemen "
            "met het Regionaal Expertteam Jeugd."
        ),
        Spacer(1, 6 * mm),
        para("Met vriendelijke groet,"),
        Spacer(1, 8 * mm),
        para(letter.chair),
        para("voorzitter Experttafel", "small"),
    ]
    return parts


def build(letter: AdviceLetter, imprint: Imprint) -> bytes:
    return build_pdf(story(letter), imprint)
