"""Dialogs of the new-referral form when the youth may already be stored: the per-field
choice between stored and new data, and the "mogelijk dezelfde jeugdige" warning.

`FieldChoiceTable` is also used by the merge dialog (ui.cases.merge_dialog).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.youth_identity import FieldDifference
from ret_desk.services.cases.youth_identity import StoredYouth

#: Longer values (a family list, a long school name) end in … with the whole value in the
#: tooltip and the accessible description: two columns of choices fit an 800 px wide screen.
MAX_SHOWN = 40


def cases_text(numbers: tuple[str, ...]) -> str:
    """'casus X' or 'casussen X, Y' (Dutch singular and plural)."""
    word = (
        QCoreApplication.translate("cases", "casus")
        if len(numbers) == 1
        else QCoreApplication.translate("cases", "casussen")
    )
    return f"{word} {', '.join(numbers)}"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _choice_button(text: str) -> QRadioButton:
    shown = text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"
    button = QRadioButton(shown)
    if shown != text:
        button.setToolTip(text)
        button.setAccessibleDescription(text)
    return button


class FieldChoiceTable(QWidget):
    """One row per differing field: a radio button for each side; the left side (the
    stored youth, or youth A) is preselected, so nothing changes unless chosen."""

    def __init__(
        self, differences: tuple[FieldDifference, ...], left: str, right: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.groups: dict[str, QButtonGroup] = {}
        self.right_buttons: dict[str, QRadioButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, title in enumerate((self.tr("Veld"), left, right)):
            header = QLabel(f"<b>{title}</b>")
            grid.addWidget(header, 0, column)
        for row, diff in enumerate(differences, start=1):
            keep = _choice_button(diff.stored)
            take = _choice_button(diff.new)
            for button, side, value in ((keep, left, diff.stored), (take, right, diff.new)):
                button.setAccessibleName(f"{diff.label}, {side}: {value}")  # the value, said whole
            keep.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(keep)
            group.addButton(take)
            self.groups[diff.field] = group
            self.right_buttons[diff.field] = take
            grid.addWidget(QLabel(diff.label), row, 0)
            grid.addWidget(keep, row, 1)
            grid.addWidget(take, row, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    def chosen_right(self) -> frozenset[str]:
        return frozenset(f for f, button in self.right_buttons.items() if button.isChecked())


class YouthDifferencesDialog(QDialog):
    """The youth with this BSN (or the one linked) is stored and differs: choose per field."""

    def __init__(self, stored: StoredYouth, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bestaande jeugdige"))
        self.setObjectName("youthDifferencesDialog")
        self.stored = stored
        self.intro = intro = QLabel(
            self.tr(
                "Deze jeugdige staat al in de opslag ({cases}; gemeente {municipality}). "
                "De nieuwe casus wordt aan deze jeugdige toegevoegd. Deze gegevens verschillen; "
                "kies per veld wat blijft."
            ).format(cases=cases_text(stored.case_numbers), municipality=stored.municipality)
        )
        intro.setWordWrap(True)
        self.table = FieldChoiceTable(
            stored.differences, self.tr("Opgeslagen (behouden)"), self.tr("Nieuw (overnemen)")
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(
            self.tr("&Toevoegen aan deze jeugdige"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # No fixed minimum width: the layout keeps both columns of choices whole.
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())
        first = next(iter(self.table.groups.values()), None)
        if first is not None:
            first.buttons()[0].setFocus()

    def take_new(self) -> frozenset[str]:
        return self.table.chosen_right()


class PossibleSameYouthDialog(QDialog):
    """Same name and birth date: link the referral to a listed youth, or confirm a new one."""

    def __init__(self, candidates: tuple[StoredYouth, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mogelijk dezelfde jeugdige"))
        self.setObjectName("possibleSameYouthDialog")
        self.candidates = candidates
        self.new_youth = False
        intro = QLabel(
            self.tr(
                "Mogelijk dezelfde jeugdige: er staat al een jeugdige met dezelfde naam en "
                "geboortedatum in de opslag. Koppel de aanmelding aan die jeugdige, of bevestig "
                "dat het om een nieuwe jeugdige gaat."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Mogelijk dezelfde jeugdigen"))
        for candidate in candidates:
            label = self.tr("{cases} — {municipality}").format(
                cases=_first_upper(cases_text(candidate.case_numbers)), municipality=candidate.municipality
            )
            self.list.addItem(QListWidgetItem(label))
        self.link_button = QPushButton(self.tr("&Koppelen aan deze jeugdige"))
        self.new_button = QPushButton(self.tr("&Nieuwe jeugdige"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.link_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._connect()
        self.list.setCurrentRow(0)
        self.list.setFocus()

    def _connect(self) -> None:
        self.list.currentRowChanged.connect(self._on_row)
        self.link_button.clicked.connect(self.accept)
        self.new_button.clicked.connect(self._on_new)
        self.buttons.rejected.connect(self.reject)

    def _on_row(self, row: int) -> None:
        self.link_button.setEnabled(row >= 0)

    def _on_new(self) -> None:
        self.new_youth = True
        self.accept()

    def chosen(self) -> StoredYouth | None:
        """The youth to link to; None when the user confirmed a new youth."""
        if self.new_youth:
            return None
        return self.candidates[self.list.currentRow()]
