"""Ask before an irreversible action: a Dutch Ja/Nee question where Nee is the default,
so Enter or Escape never does the irreversible thing by accident."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("confirm", text)


def ask(parent: QWidget, title: str, question: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Show the question (window-modal, not blocking) and call `on_yes` only after Ja."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    box.setObjectName("confirmDialog")
    yes = box.addButton(_tr("&Ja"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_tr("&Nee"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)

    def answered() -> None:
        if box.clickedButton() is yes:
            on_yes()
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box
