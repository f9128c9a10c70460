"""The Save/Cancel button row every editing dialog ends with, in Dutch, wired to the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

_SAVE = QDialogButtonBox.StandardButton.Save
_CANCEL = QDialogButtonBox.StandardButton.Cancel


def save_cancel(dialog: QDialog, save: str = "Opslaan", cancel: str = "Annuleren") -> QDialogButtonBox:
    buttons = QDialogButtonBox(_SAVE | _CANCEL)
    buttons.button(_SAVE).setText(save)
    buttons.button(_CANCEL).setText(cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def save_button(buttons: QDialogButtonBox) -> QPushButton:
    return buttons.button(_SAVE)
