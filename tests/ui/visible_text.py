"""Everything a person can read on screen right now: the titles of the visible windows and
the text of every visible widget in them (labels, fields, buttons, tabs, group titles,
every cell of a visible list). A test of "nothing of a child stays visible" searches it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return [widget.text(), widget.toolTip()]
    if isinstance(widget, QLineEdit):
        # what shows: a password field shows dots, never its text
        return (
            [widget.placeholderText()] if widget.echoMode() != QLineEdit.EchoMode.Normal else [widget.text()]
        )
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return [widget.toPlainText()]
    if isinstance(widget, QComboBox):
        return [widget.currentText()]
    if isinstance(widget, QAbstractSpinBox):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model, root = widget.model(), widget.rootIndex()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
        return [
            str(model.index(r, c, root).data(Qt.ItemDataRole.DisplayRole) or "")
            for r in range(model.rowCount(root))
            for c in range(columns)
        ]
    return []


def visible_text() -> str:
    """The visible windows' titles and their visible widgets' texts, one per line."""
    found: list[str] = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        found.append(window.windowTitle())
        for widget in [window, *window.findChildren(QWidget)]:
            if widget.isVisible():
                found += _texts(widget)
    return "\n".join(t for t in found if t)
