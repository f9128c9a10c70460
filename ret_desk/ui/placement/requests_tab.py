"""RequestsTab: open placement requests with their waiting time and signals, the ROP
figures, and the buttons that start matching (one request, or the batch proposal)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ret_desk.domain.dutch_dates import short_date
from ret_desk.services.placement.placement_requests import RequestRow
from ret_desk.services.placement.rop_figures import RopFigures
from ret_desk.ui import labels
from ret_desk.ui.dutch import count, percent, short_number
from ret_desk.ui.placement.tables import fill, read_only_table, selected_payload


def _days(value: float) -> str:
    return f"{short_number(value)} {'dag' if value == 1 else 'dagen'}"


def figures_text(f: RopFigures) -> str:
    lead = (
        "—"
        if f.lead_time_median_days is None
        else f"{_days(f.lead_time_median_days)} (p90 {_days(f.lead_time_p90_days)})"
    )
    rungs = ", ".join(f"trede {k}: {percent(v)}" for k, v in f.share_per_rung.items()) or "—"
    moves = "—" if f.moves_per_youth is None else short_number(f.moves_per_youth, 2)
    return (
        f"<b>Doorlooptijd verzoek → plaatsing:</b> {lead} · <b>doorplaatsingen per jeugdige:</b> "
        f"{moves} · <b>first-time-right:</b> "
        f"{percent(f.first_time_right_share)} · <b>binnen de afstandsgrens:</b> "
        f"{percent(f.within_distance_share)}<br><b>Per trede:</b> {rungs} · <b>verouderde capaciteit:</b> "
        f"{count(f.stale_offers, 'regel', 'regels')}"
    )


class RequestsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures = QLabel("Kengetallen laden…")
        self.figures.setWordWrap(True)
        self.table = read_only_table(
            [
                "Casus",
                "Gemeente",
                "Plaatsingsvorm",
                "Trede",
                "Urgentie",
                "Status",
                "Wacht sinds",
                "Dagen",
                "Signalen",
            ],
            [130, 120, 150, 50, 80, 90, 95, 60],
        )
        self.match_button = QPushButton("&Matchen…")
        self.match_button.setToolTip("Passende plekken voor het gekozen verzoek (Enter)")
        self.batch_button = QPushButton(self.tr("Ba&tchvoorstel…"))
        self.batch_button.setToolTip("Alle open verzoeken tegelijk verdelen over de vrije plekken")
        self.refresh_button = QPushButton(self.tr("Ve&rnieuwen"))
        self.new_button = QPushButton("&Nieuw verzoek…")
        self.answer_button = QPushButton("&Antwoord aanbieder…")
        self.answer_button.setToolTip("Akkoord of afwijzing van de aanbieder op de vastgelegde match")
        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.match_button,
            self.answer_button,
            self.batch_button,
            self.refresh_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_requests(self, rows: list[RequestRow], *, keep: bool = False) -> None:
        def signals(r: RequestRow) -> str:
            found = [labels.signal("REQUEST_WAITING")] if r.overdue else []
            return ", ".join(found + (["schaars (3Noord)"] if r.scarce_flag else []))

        fill(
            self.table,
            [
                [
                    r.case_number,
                    r.municipality,
                    r.type_label or r.type_code,
                    r.rung or "—",
                    r.urgency.label,
                    r.status.label,
                    short_date(r.waiting_since),
                    r.days_waiting,
                    signals(r),
                ]
                for r in rows
            ],  # fmt: skip
            rows,
            keep=keep,
        )

    def selected(self) -> RequestRow | None:
        return selected_payload(self.table)
