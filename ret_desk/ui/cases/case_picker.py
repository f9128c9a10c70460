"""CasePicker: a line edit that finds a case by number or name with a completer.

The suggestions come from the case list's search (services.case_queries), so finding a
case is the same audited list read as searching the case list.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ret_desk.services.case_queries import CaseFilter, SortKey, list_cases
from ret_desk.services.context import Workspace
from ret_desk.ui.ops import Op

SEPARATOR = " — "
MAX_SUGGESTIONS = 20


class CasePicker(QLineEdit):
    picked = Signal(str)  # a case number

    def __init__(self, workspace: Workspace, exclude: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._exclude = exclude
        self._request = 0
        self._last_picked = ""  # the completer's Enter also reaches returnPressed: pick once
        self.setPlaceholderText(self.tr("Casusnummer of naam"))
        self.setAccessibleName(self.tr("Casus zoeken op nummer of naam"))
        self.suggestions = QStringListModel(self)
        self._completer = QCompleter(self.suggestions, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(self._completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # wait for the typing to pause before asking the store
        self._connect()

    def _connect(self) -> None:
        self.textEdited.connect(self._on_edited)
        self._timer.timeout.connect(self._on_search)
        self._completer.activated.connect(self._on_activated)
        self.returnPressed.connect(self._on_return)

    def number(self) -> str:
        return self.text().split(SEPARATOR, 1)[0].strip()

    def forget(self) -> None:
        """Let the same case be picked again (e.g. to reload it)."""
        self._last_picked = ""

    def _on_edited(self, _text: str) -> None:
        self._last_picked = ""
        self._timer.start()

    def _pick(self, number: str) -> None:
        if number and number != self._last_picked:
            self._last_picked = number
            self.picked.emit(number)

    def _on_search(self) -> None:
        text = self.text().strip()
        if len(text) < 2:
            return
        self._request += 1
        request, ws = self._request, self._workspace
        flt = CaseFilter(search=text)
        Op(
            self,
            lambda: list_cases(
                uow=ws.uow(),
                actor=ws.actor,
                flt=flt,
                sort=SortKey.NUMBER,
                descending=False,
                limit=MAX_SUGGESTIONS,
            ),
        ).success(lambda rows: self._on_rows(request, rows)).run()

    def _on_rows(self, request: int, rows) -> None:  # noqa: ANN001
        if request != self._request:
            return  # an older search finished after a newer one
        items = [f"{r.number}{SEPARATOR}{r.youth_name}" for r in rows if r.number != self._exclude]
        self.suggestions.setStringList(items)
        if items and self.hasFocus():
            self._completer.complete()

    def _on_activated(self, text: str) -> None:
        self.setText(text)
        self._pick(self.number())

    def _on_return(self) -> None:
        self._pick(self.number())
