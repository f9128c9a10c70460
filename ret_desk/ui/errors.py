"""The one error dialog: a Dutch message, never a traceback (details go to stderr)."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from ret_desk.domain.errors import InvalidInput, RetDeskError, StaleEdit
from ret_desk.services.live import outage_message


def user_message(exc: BaseException) -> str:
    if isinstance(exc, InvalidInput):
        return "\n".join(e.message for e in exc.errors)
    if isinstance(exc, RetDeskError):
        return exc.message
    if (outage := outage_message(exc)) is not None:
        return outage  # the server is out of reach (the banner says so too)
    return (
        "Er ging iets mis bij het verwerken van deze opdracht. Er is niets half opgeslagen. "
        "Probeer het opnieuw; blijft het misgaan, meld dan het tijdstip aan de beheerder."
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if not isinstance(exc, RetDeskError):
        # For the administrator: the technical cause on stderr, never in the dialog.
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    title = "Iemand anders was u voor" if isinstance(exc, StaleEdit) else "RET Desk"
    box = QMessageBox(QMessageBox.Icon.Warning, title, user_message(exc), parent=parent)
    box.setObjectName("errorDialog")
    box.open()
