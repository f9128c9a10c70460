"""CasePlacementSection: the placement side of the case detail, in three tabs: the youth's
placements with their end reasons (placement staff can correct an end), the case's
placement requests, and its logged match decisions with their top-5 snapshot and
rationale ("Plaatsen" opens the start-placement dialog filled in). Feeds on
services.placement_picture; every write goes through a FormDialog."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.services.context import Workspace
from ret_desk.services.placement import placement_picture
from ret_desk.services.placement.placement_picture import CasePicture, DecisionLine, PlacementLine
from ret_desk.ui.ops import Op
from ret_desk.ui.placement.placement_dialogs import CorrectEndDialog, to_date
from ret_desk.ui.placement.start_flow import start_placement_flow
from ret_desk.ui.placement.tables import fill, read_only_table, selected_payload

_ANSWERS = {"open": "nog geen antwoord", "akkoord": "akkoord", "afgewezen": "afgewezen"}


def _score(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _km(value: float) -> str:
    return f"{value:.1f} km".replace(".", ",")


class CasePlacementSection(QWidget):
    #: Something of case `number` was written here (the list and the detail reload).
    case_changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._request = 0
        self.picture: CasePicture | None = None
        self.active_dialog = None
        self._build()
        self._connect()
        self._update_buttons()

    def _build(self) -> None:
        self.placements = read_only_table(
            [self.tr("Van"), self.tr("Tot"), self.tr("Locatie"), self.tr("Plaatsingsvorm"),
             self.tr("Reden einde"), self.tr("Noodoplossing")],
            [80, 80, 170, 130, 170],
        )  # fmt: skip
        self.correct_button = QPushButton(self.tr("Einde corri&geren…"))
        self.correct_button.setToolTip(self.tr("Einddatum en reden van een beëindigde plaatsing corrigeren"))
        self.requests = read_only_table(
            [self.tr("Gewenste start"), self.tr("Urgentie"), self.tr("Plaatsingsvorm"), self.tr("Status"),
             self.tr("Wacht sinds")],
            [100, 80, 140, 90],
        )  # fmt: skip
        self.decisions = read_only_table(
            [self.tr("Vastgelegd"), self.tr("Door"), self.tr("Locatie"), self.tr("Plaatsingsvorm"),
             self.tr("Rang"), self.tr("Score"), self.tr("Antwoord aanbieder")],
            [110, 80, 150, 100, 45, 55],
        )  # fmt: skip
        self.decision_text = QLabel()
        self.decision_text.setWordWrap(True)
        self.place_button = QPushButton(self.tr("Plaats&en…"))
        self.place_button.setToolTip(self.tr("De plaatsing starten op de gekozen match, ingevuld"))
        for table, name in (
            (self.placements, self.tr("Plaatsingen van de casus")),
            (self.requests, self.tr("Plaatsingsverzoeken van de casus")),
            (self.decisions, self.tr("Matchbesluiten van de casus")),
        ):
            table.setAccessibleName(name)  # no label above it: the tab names it for the eye only
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)  # slimmer tabs: the detail pane is narrow
        self.tabs.addTab(self._page(self.placements, self.correct_button), self.tr("Plaatsingen"))
        self.tabs.addTab(self._page(self.requests), self.tr("Verzoeken"))
        self.tabs.addTab(
            self._page(self.decisions, self.place_button, self.decision_text), self.tr("Matches")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @staticmethod
    def _page(table: QWidget, button: QPushButton | None = None, below: QWidget | None = None) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(table, 1)
        if below is not None:
            layout.addWidget(below)
        if button is not None:
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        return page

    def _connect(self) -> None:
        self.placements.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.decisions.selectionModel().selectionChanged.connect(lambda *_: self._on_decision_chosen())
        self.correct_button.clicked.connect(self._on_correct)
        self.place_button.clicked.connect(self._on_place)

    # -- loading ----------------------------------------------------------------------
    def show_case(self, number: str) -> None:
        ws = self._workspace
        self._request += 1
        request = self._request

        def shown(picture: CasePicture) -> None:
            if request == self._request:
                self._show(picture)

        Op(self, lambda: ws.call(placement_picture.case_picture, number=number)).success(shown).run()

    def _show(self, picture: CasePicture) -> None:
        self.picture = picture
        fill(
            self.placements,
            [
                [
                    short_date(p.started_on),
                    short_date(p.ended_on) or self.tr("loopt"),
                    p.location,
                    p.type_label,
                    p.end_reason.label if p.end_reason else "",
                    self.tr("ja") if p.stopgap else "",
                ]
                for p in picture.placements
            ],  # fmt: skip
            list(picture.placements),
        )
        fill(
            self.requests,
            [
                [
                    short_date(r.desired_start),
                    r.urgency.label,
                    r.placement_type,
                    r.status.label,
                    short_date(r.waiting_since),
                ]
                for r in picture.requests
            ],  # fmt: skip
        )
        fill(
            self.decisions,
            [
                [
                    d.at.astimezone().strftime("%d-%m-%Y %H:%M"),
                    d.by,
                    d.location,
                    d.placement_type,
                    d.rank,
                    _score(d.score),
                    _ANSWERS.get(d.provider_answer, d.provider_answer),
                ]
                for d in picture.decisions
            ],  # fmt: skip
            list(picture.decisions),
        )
        for index, (count, title) in enumerate(
            (
                (len(picture.placements), self.tr("Plaatsingen")),
                (len(picture.requests), self.tr("Verzoeken")),
                (len(picture.decisions), self.tr("Matches")),
            )
        ):
            # The count goes in the tooltip: the detail pane is too narrow for it in the tab.
            self.tabs.setTabToolTip(index, f"{title}: {count}")
        if picture.decisions:
            self.decisions.selectRow(0)
        self._on_decision_chosen()

    # -- selection --------------------------------------------------------------------
    def selected_placement(self) -> PlacementLine | None:
        return selected_payload(self.placements)

    def selected_decision(self) -> DecisionLine | None:
        return selected_payload(self.decisions)

    def _on_decision_chosen(self) -> None:
        d = self.selected_decision()
        if d is None:
            self.decision_text.setText(self.tr("Nog geen matchbesluiten.") if self.picture else "")
        else:
            top = "".join(
                f"<tr><td>{s.rank}</td><td>{escape(s.location or s.location_agb)}</td>"
                f"<td>{escape(s.placement_type)}</td><td>{_score(s.score)}</td>"
                f"<td>{s.distance_km:.1f} km</td></tr>".replace(
                    f"{s.distance_km:.1f}", f"{s.distance_km:.1f}".replace(".", ",")
                )
                for s in d.snapshot
            )
            why = escape(d.rationale) or self.tr("geen (rang 1 op de gevraagde trede)")
            declined = f"<br><b>Afgewezen:</b> {escape(d.decline_reason)}" if d.decline_reason else ""
            heads = self.tr("Onderbouwing"), self.tr("Top 5 bij het besluit")
            self.decision_text.setText(
                f"<b>{heads[0]}:</b> {why}{declined}<br><b>{heads[1]}:</b>"
                f"<table cellspacing='6'>{top}</table>"
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        may_place = is_allowed(self._workspace.actor.role, Action.RECORD_PLACEMENTS)
        placement, decision = self.selected_placement(), self.selected_decision()
        self.correct_button.setVisible(may_place)
        self.correct_button.setEnabled(may_place and placement is not None and placement.ended_on is not None)
        self.place_button.setVisible(may_place)
        self.place_button.setEnabled(may_place and decision is not None and decision.placeable)

    # -- actions ----------------------------------------------------------------------
    def _on_correct(self) -> None:
        p, ws = self.selected_placement(), self._workspace
        if p is None or p.ended_on is None or not self.correct_button.isEnabled():
            return
        number = self.picture.case_number
        dialog = CorrectEndDialog(p.location, p.ended_on, p.end_reason, self)

        def prepare():  # noqa: ANN202
            on, reason, why = to_date(dialog.ended_on), dialog.end_reason(), dialog.why.text()
            return lambda: ws.call(
                placement_picture.correct_placement_end, placement_id=p.id, expected_version=p.version,
                ended_on=on, reason=reason, why=why,
            )  # fmt: skip

        self.active_dialog = dialog
        dialog.set_save(prepare)
        dialog.saved.connect(lambda _: self._after_write(number))
        dialog.open()

    def _on_place(self) -> None:
        d = self.selected_decision()
        if d is None or not self.place_button.isEnabled():
            return
        number = self.picture.case_number
        start_placement_flow(
            self, self._workspace, number, agb=d.location_agb, type_code=d.placement_type,
            on_open=self._remember, on_saved=lambda: self._after_write(number),
        )  # fmt: skip

    def _remember(self, dialog) -> None:  # noqa: ANN001
        self.active_dialog = dialog

    def _after_write(self, number: str) -> None:
        self.case_changed.emit(number)
        self.show_case(number)
