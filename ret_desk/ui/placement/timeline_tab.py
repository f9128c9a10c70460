"""TimelineTab: one youth's placements as a timeline, with moves, first-time-right, days
per rung and the placement signals; start and end placements from here."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ret_desk.domain.dutch_dates import short_date
from ret_desk.services.context import Workspace
from ret_desk.services.placement.placements import PlacementHistory
from ret_desk.ui import labels
from ret_desk.ui.cases.case_picker import CasePicker
from ret_desk.ui.dutch import count, short_number
from ret_desk.ui.placement.tables import fill, read_only_table


class TimelineTab(QWidget):
    def __init__(self, parent: QWidget | None = None, workspace: Workspace | None = None) -> None:
        super().__init__(parent)
        self.history: PlacementHistory | None = None
        self.number = CasePicker(workspace)
        self.show_button = QPushButton("&Tonen")
        self.start_button = QPushButton("Plaatsing &starten…")
        self.end_button = QPushButton(self.tr("Plaatsing b&eëindigen…"))
        top = QHBoxLayout()
        top.addWidget(self.number, 1)
        for b in (self.show_button, self.start_button, self.end_button):
            top.addWidget(b)
        self.summary = QLabel("Kies een casus.")
        self.summary.setWordWrap(True)
        self.table = read_only_table(
            ["Van", "Tot", "Locatie", "Plaatsingsvorm", "Trede", "Dagen", "Km", "Einde", "Noodoplossing"],
            [90, 90, 210, 170, 50, 55, 55, 220],
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.number.returnPressed.connect(self.show_button.click)

    def show_history(self, history: PlacementHistory) -> None:
        self.history = history
        fill(
            self.table,
            [
                [
                    short_date(e.started_on),
                    short_date(e.ended_on) or "loopt",
                    e.location,
                    e.type_label,
                    e.rung or "—",
                    e.days,
                    short_number(e.distance_km),
                    e.end_reason.label if e.end_reason else "",
                    "ja" if e.stopgap else "",
                ]
                for e in history.timeline
            ],  # fmt: skip
        )
        ftr = {True: "ja", False: "nee", None: "—"}[history.first_time_right]
        rungs = ", ".join(f"trede {k}: {count(v, 'dag', 'dagen')}" for k, v in history.days_per_rung.items())
        signals = "".join(
            f"<br><span style='color:#a40000'><b>{escape(labels.signal(c))}</b>: {escape(m)}</span>"
            for c, m in history.signals
        )
        self.summary.setText(
            f"<b>Casus {escape(history.case_number)}</b> · "
            f"{count(len(history.timeline), 'plaatsing', 'plaatsingen')} · "
            f"<b>{count(history.moves, 'doorplaatsing', 'doorplaatsingen')}</b> · "
            f"first-time-right: <b>{ftr}</b> · "
            f"per trede: {rungs or '—'}{signals}"
        )

    def running(self) -> str | None:
        if self.history is None:
            return None
        return next((e.location for e in self.history.timeline if e.ended_on is None), None)
