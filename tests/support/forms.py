"""What a user sees when a form dialog refuses to save: it stays open, shows why, and
sends nothing to the store."""

from __future__ import annotations

from PySide6.QtCore import Qt


def save_is_refused(qtbot, dialog) -> bool:  # noqa: ANN001
    """Click Save as a user would; True when the dialog stayed open, showed an error and
    started no service call."""
    from ret_desk.ui.ops import Op

    before = Op.pending()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    speaking = [label for label in dialog.error_labels.values() if label.isVisible() and label.text()]
    return dialog.isVisible() and not dialog.busy and Op.pending() == before and bool(speaking)
