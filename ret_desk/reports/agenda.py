"""The agenda of one Experttafel sitting. It names no youth: case number, age, municipality."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ret_desk.domain.dutch_dates import long_date
from ret_desk.reports.layout import WIDTH, Imprint, build_pdf
from ret_desk.reports.model import AgendaData
from ret_desk.reports.styles import fields_table, grid, para


def story(agenda: AgendaData) -> list[Flowable]:
    where = agenda.place or "—"
    if agenda.video_link:
        where = f"{where} / video: {agenda.video_link}" if agenda.place else f"video: {agenda.video_link}"
    present = [f"{name} ({discipline})" for name, discipline, absent in agenda.members if not absent]
    absent = [f"{name} ({discipline})" for name, discipline, absent in agenda.members if absent]
    parts: list[Flowable] = [
        para(f"Agenda Experttafel {long_date(agenda.session_date)}", "title"),
        fields_table(
            [
                ("Datum en tijd", f"{long_date(agenda.session_date, weekday=True)}, {agenda.start_time} uur"),
                ("Plaats", where),
                ("Voorzitter", agenda.chair),
                ("Notulist", agenda.minute_taker),
                ("Leden", ", ".join(present)),
                ("Afwezig", ", ".join(absent)),
                ("Status", agenda.status),
            ],
            WIDTH,
        ),
        Spacer(1, 6),
        para("Agendapunten", "h2"),
    ]
    if not agenda.lines:
        return [*parts, para("Er staan nog geen casussen op de agenda.", "small")]
    rows = [
        [
            str(line.position),
            f"{line.start} ({line.minutes} min)" if line.start else f"{line.minutes} min",
            f"{line.case_number}\n{line.youth}",
            line.question,
            f"{line.presenter}\n{line.attendance}".strip(),
        ]
        for line in agenda.lines
    ]
    widths = [8 * mm, 28 * mm, 34 * mm, WIDTH - 8 * mm - 28 * mm - 34 * mm - 38 * mm, 38 * mm]
    return [*parts, grid(["#", "Tijd", "Casus", "Vraagstelling", "Inbreng"], rows, widths)]


def build(agenda: AgendaData, imprint: Imprint) -> bytes:
    return build_pdf(story(agenda), imprint)
