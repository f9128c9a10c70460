"""BatchDialog: the batch proposal, one line per request; staff accept or reject each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ret_desk.services.placement.match import ProposalRow
from ret_desk.ui.dutch import count, number
from ret_desk.ui.placement.tables import fill, read_only_table, selected_payload


class BatchDialog(QDialog):
    accept_line = Signal(object)

    def __init__(self, rows: list[ProposalRow], unmatched: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Batchvoorstel")
        self.resize(980, 560)
        self.rows = list(rows)
        self.table = read_only_table(
            ["Casus", "Urgentie", "Locatie", "AGB", "Plaatsingsvorm", "Rang", "Score"],
            [130, 80, 240, 85, 160, 55],
        )
        note = QLabel(
            f"{count(len(rows), 'voorstel', 'voorstellen')}; "
            f"{count(len(unmatched), 'verzoek', 'verzoeken')} zonder passende vrije plek"
            + (f": {', '.join(unmatched)}" if unmatched else "")
            + ". Accepteren legt een matchbesluit vast; afwijzen haalt de regel weg."
        )
        note.setWordWrap(True)
        self.accept_button = QPushButton("&Accepteren")
        self.reject_button = QPushButton("Af&wijzen")
        close = QPushButton("&Sluiten")
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(self._on_accept)
        self.reject_button.clicked.connect(self._on_reject)
        close.clicked.connect(self.reject)
        self._refresh()

    def _refresh(self) -> None:
        fill(
            self.table,
            [
                [
                    r.case_number,
                    r.urgency.label,
                    r.location,
                    r.location_agb,
                    r.placement_type_label or r.placement_type,
                    r.rank,
                    number(r.score, 2),
                ]
                for r in self.rows
            ],  # fmt: skip
            self.rows,
        )
        if self.rows:
            self.table.selectRow(0)

    def _take(self) -> ProposalRow | None:
        row = selected_payload(self.table)
        if row is not None:
            self.rows.remove(row)
            self._refresh()
        return row

    def _on_accept(self) -> None:
        row = self._take()
        if row is not None:
            self.accept_line.emit(row)

    def _on_reject(self) -> None:
        self._take()
