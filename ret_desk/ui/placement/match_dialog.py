"""MatchDialog: the explained ranking for one request: candidates with their score parts
and distance, excluded locations with their reasons, and the choice with its rationale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.enums import Urgency
from ret_desk.domain.matching import COMPONENTS, Candidate
from ret_desk.domain.placement import SecurityLevel
from ret_desk.services.match import MatchView
from ret_desk.ui import labels
from ret_desk.ui.buttons import save_button, save_cancel
from ret_desk.ui.dutch import number, short_number
from ret_desk.ui.placement.tables import fill, read_only_table, selected_payload


class MatchDialog(QDialog):
    def __init__(self, view: MatchView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        r = view.request
        self.setWindowTitle(f"Matchen — casus {r['case']}")
        self.resize(1100, 720)
        kind = view.type_labels.get(r["placement_type"], r["placement_type"])
        wanted = f"{kind} (trede {r['rung'] or '—'}), urgentie {labels.label(Urgency(r['urgency'])).lower()}"
        extra = ", ".join(r["specialisms"]) or "geen specialismen"
        limit = f", maximaal {short_number(r['max_distance_km'])} km" if r["max_distance_km"] else ""
        security = labels.label(SecurityLevel(r["security"])).lower()
        summary = QLabel(f"<b>Verzoek:</b> {wanted}; {extra}; beveiliging {security}{limit}.")
        summary.setWordWrap(True)
        headers = [
            "Rang",
            "Locatie",
            "AGB",
            "Plaatsingsvorm",
            "Score",
            *(labels.score_part(c) for c in COMPONENTS),
            "Km",
        ]
        self.candidates = read_only_table(headers, [45, 220, 80, 150, 60, 60, 90, 65, 80, 85, 60])
        fill(
            self.candidates,
            [
                [
                    c.rank,
                    c.offer.location,
                    c.offer.location_agb,
                    view.type_labels.get(c.offer.type_code, c.offer.type_code),
                    number(c.score, 2),
                    *(number(c.components[p], 2) for p in COMPONENTS),
                    number(c.distance_km, 1),
                ]
                for c in view.result.candidates
            ],  # fmt: skip
            list(view.result.candidates),
        )
        self.excluded = read_only_table(
            ["Locatie", "AGB", "Plaatsingsvorm", "Km", "Valt af omdat"], [220, 80, 150, 60]
        )
        fill(
            self.excluded,
            [
                [
                    e.offer.location,
                    e.offer.location_agb,
                    view.type_labels.get(e.offer.type_code, e.offer.type_code),
                    number(e.distance_km, 1),
                    "; ".join(labels.label(x) for x in e.reasons),
                ]
                for e in view.result.excluded
            ],  # fmt: skip
        )
        self.rationale = QPlainTextEdit(placeholderText="Waarom deze plek? Verplicht als het niet rang 1 is "
                                        "of een hogere trede dan gevraagd.")  # fmt: skip
        self.rationale.setFixedHeight(70)
        self.hint = QLabel()
        self.buttons = save_cancel(self, "Match &vastleggen", "Sluiten")
        split = QSplitter(Qt.Orientation.Vertical)
        top, bottom = QWidget(), QWidget()
        QVBoxLayout(top).addWidget(self.candidates)
        QVBoxLayout(bottom).addWidget(self.excluded)
        top.layout().insertWidget(0, QLabel(f"Kandidaten ({len(view.result.candidates)})"))
        bottom.layout().insertWidget(0, QLabel(f"Vallen af ({len(view.result.excluded)})"))
        split.addWidget(top)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(split, 1)
        label = QLabel("&Onderbouwing")
        label.setBuddy(self.rationale)
        layout.addWidget(label)
        layout.addWidget(self.rationale)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.candidates.itemSelectionChanged.connect(self._update)
        self.rationale.textChanged.connect(self._update)
        if view.result.candidates:
            self.candidates.selectRow(0)
        self._update()

    def chosen(self) -> Candidate | None:
        return selected_payload(self.candidates)

    def needs_rationale(self) -> bool:
        c = self.chosen()
        return c is not None and (c.rank != 1 or c.offer.rung != self.view.request["rung"])

    def _update(self) -> None:
        c = self.chosen()
        missing = self.needs_rationale() and not self.rationale.toPlainText().strip()
        self.hint.setText(
            "Geef een onderbouwing: dit is niet rang 1 op de gevraagde trede." if missing else ""
        )
        save_button(self.buttons).setEnabled(c is not None and not missing)
