"""MatchDialog: the explained ranking for one request: candidates with their score parts
and distance, excluded locations with their reasons, and the choice with its rationale.
A FormDialog: logging the match stays open until it is stored. "Vastleggen en plaatsen"
logs it and then has the owner open the start-placement dialog, filled in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.enums import Urgency
from ret_desk.domain.errors import FieldError
from ret_desk.domain.matching import COMPONENTS, Candidate
from ret_desk.domain.placement import SecurityLevel
from ret_desk.domain.placement_rules import needs_rationale
from ret_desk.services.placement.match import MatchView
from ret_desk.ui import labels
from ret_desk.ui.dutch import number, short_number
from ret_desk.ui.form_dialog import FormDialog
from ret_desk.ui.placement.tables import fill, read_only_table, selected_payload


class MatchDialog(FormDialog):
    def __init__(self, view: MatchView, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            save_text=QCoreApplication.translate("MatchDialog", "Match &vastleggen"),
            cancel_text=QCoreApplication.translate("MatchDialog", "Sluiten"),
        )
        self.view = view
        #: True when the user chose "Vastleggen en plaatsen": the owner opens the placement next.
        self.place_after = False
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
        self.rationale.setTabChangesFocus(True)
        self.hint = self.error_label("rationale")
        self.place_button = self.buttons.addButton(
            self.tr("Vastleggen en p&laatsen…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.place_button.setToolTip(self.tr("De match vastleggen en meteen de plaatsing starten, ingevuld"))
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
        self.add_buttons(layout)
        self.watch("rationale", self.rationale)
        self.candidates.selectionModel().selectionChanged.connect(lambda *_: self.revalidate())
        self.place_button.clicked.connect(self._on_place)
        if view.result.candidates:
            self.candidates.selectRow(0)
        self.revalidate()

    def _on_place(self) -> None:
        self.place_after = True
        self.accept()
        if not self.busy:
            self.place_after = False  # not saved: nothing to place yet

    def chosen(self) -> Candidate | None:
        return selected_payload(self.candidates)

    def needs_rationale(self) -> bool:
        c = self.chosen()
        return c is not None and needs_rationale(c.rank, c.offer.rung, self.view.request["rung"])

    def problems(self) -> list[FieldError]:
        if self.chosen() is None:
            return [FieldError("candidate", self.tr("Kies een plek in de lijst."))]
        if self.needs_rationale() and not self.rationale.toPlainText().strip():
            return [
                FieldError(
                    "rationale", self.tr("Geef een onderbouwing: dit is niet rang 1 op de gevraagde trede.")
                )
            ]
        return []

    def _show(self, errors: list[FieldError]) -> None:
        super()._show(errors)
        self.place_button.setEnabled(self.save_button.isEnabled())
