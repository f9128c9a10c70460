"""CasePicker: a line edit for a case number whose completer finds the case by number,
name or BSN as the user types (searched in the store, at most a page, in the background).
Choosing a suggestion puts its number in the field; a typed number is used as it is.
`picked` tells a dialog that wants to act at once (the merge dialog) which case was chosen,
by a suggestion or by Enter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ret_desk.domain.dutch_dates import short_date
from ret_desk.services.cases.case_queries import CaseChoice, find_cases
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel.candidates import agenda_candidates
from ret_desk.ui.ops import Op

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 250
LIMIT = 20


class _NumberCompleter(QCompleter):
    """Shows "number — name (birth date)" but puts only the number in the field."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt's name
        return index.data(NUMBER_ROLE) or ""


class CasePicker(QLineEdit):
    picked = Signal(str)  # a case number

    def __init__(
        self,
        workspace: Workspace | None,
        number: str = "",
        parent: QWidget | None = None,
        *,
        exclude: str = "",
        candidates: bool = False,
    ) -> None:
        super().__init__(number, parent)
        self._workspace = workspace
        # A chair planning an agenda finds the candidates (cases on an advice-table route) by
        # number only, described without a name (need-to-know, issue 12 §2).
        self._candidates = candidates
        self._exclude = exclude  # e.g. the case a merge starts from
        self._request = 0
        self._last_picked = ""  # the completer's Enter also reaches returnPressed: pick once
        self.setPlaceholderText(self.tr("Casusnummer of naam, bijvoorbeeld RET-2026-00012 of Noor"))
        self.setAccessibleName(self.tr("Casus"))
        self.suggestions = QStandardItemModel(self)
        self.completer_ = _NumberCompleter(self.suggestions, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(self.completer_)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(self._on_edited)
        self.completer_.activated[QModelIndex].connect(self._on_activated)
        self.returnPressed.connect(self._on_return)
        # Leaving the field (Tab) picks what was typed too, not only Enter.
        self.editingFinished.connect(self._on_return)

    def number(self) -> str:
        return self.text().strip()

    def forget(self) -> None:
        """Let the same case be picked again (e.g. to reload it)."""
        self._last_picked = ""

    def texts(self) -> list[str]:
        """The suggestions as shown."""
        return [self.suggestions.item(row).text() for row in range(self.suggestions.rowCount())]

    def _pick(self, number: str) -> None:
        if number and number != self._last_picked:
            self._last_picked = number
            self.picked.emit(number)

    def _on_activated(self, index: QModelIndex) -> None:
        self._pick(index.data(NUMBER_ROLE) or "")

    def _on_return(self) -> None:
        self._pick(self.number())

    def _on_edited(self, _text: str) -> None:
        self._last_picked = ""
        if self._workspace is not None and not self.isReadOnly():
            self._timer.start()

    def _search(self) -> None:
        text, ws = self.text().strip(), self._workspace
        if len(text) < 2:
            self.suggestions.clear()
            return
        self._request += 1
        request = self._request

        def shown(rows: list[CaseChoice]) -> None:
            if request == self._request and self.text().strip() == text:
                self._show(rows)

        if self._candidates:
            work = lambda: [  # noqa: E731
                CaseChoice(c.number, c.description, None)
                for c in ws.call(agenda_candidates, text=text, limit=LIMIT)
            ]
        else:
            work = lambda: ws.call(find_cases, text=text, limit=LIMIT)  # noqa: E731
        Op(self, work).success(shown).run()

    def _show(self, rows: list[CaseChoice]) -> None:
        self.suggestions.clear()
        for row in rows:
            if row.number == self._exclude:
                continue
            born = f" ({short_date(row.birth_date)})" if row.birth_date else ""
            item = QStandardItem(f"{row.number} — {row.youth_name}{born}")
            item.setData(row.number, NUMBER_ROLE)
            item.setEditable(False)
            self.suggestions.appendRow(item)
        if rows and self.hasFocus():
            self.completer_.complete()
