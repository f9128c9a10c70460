"""Keyboard and screen-reader polish for every window, written once (EN 301 549).

`polish_window(window)` gives every control an accessible name (from its label's buddy,
its form row, a label just above it, its own text, placeholder or tool tip, or its table
column), lets Tab leave multi-line text fields, fits the window on its screen, and puts
the focus on the first field of a dialog. `WindowPolisher` does this for every window
the first time it becomes active, and names controls added later (a new table row) when
they get the focus, so that no dialog has to remember it: `install_polisher(app)` at start-up.
"""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import SIGNAL, SLOT, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

_POLISHED = "retDeskPolished"
_TAGS = re.compile(r"<[^>]+>")


def mnemonic(text: str) -> str | None:
    """The Alt-letter of a text with an `&` (lower case), or None; `&&` is a literal `&`."""
    match = re.search(r"(?<!&)&(?!&)(\w)", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def plain(text: str) -> str:
    """A label or button text as a screen reader should say it: no `&`, no tags."""
    text = _TAGS.sub(" ", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split()).rstrip(":")


def _is_internal(widget: QWidget) -> bool:
    """Parts of a compound control (a combo box's line edit, a table's header, a line
    edit's clear button, a tab bar's scroll arrows) are named by their owner."""
    parent = widget.parentWidget()
    if isinstance(widget, (QHeaderView, QScrollBar)) or widget.objectName().startswith("qt_"):
        return True
    if parent is None:
        return False
    if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar)):
        return True
    return type(parent).__name__ in ("QCalendarWidget", "QCalendarView") or isinstance(
        parent.parentWidget(), QAbstractSpinBox
    )


def is_control(widget: QWidget) -> bool:
    """A control a user operates (and a screen reader must name)."""
    if _is_internal(widget):
        return False
    if isinstance(widget, QScrollArea) and not isinstance(widget, QAbstractItemView):
        return False  # a plain container; its contents are the controls
    return isinstance(
        widget,
        (
            QAbstractButton,
            QLineEdit,
            QAbstractSpinBox,
            QComboBox,
            QAbstractItemView,
            QPlainTextEdit,
            QTextEdit,
            QTabBar,
        ),
    ) or (isinstance(widget, (QAbstractSlider, QAbstractScrollArea)) and widget.focusPolicy() != 0)


def is_field(widget: QWidget) -> bool:
    """A control that takes input: where a dialog's focus starts."""
    if not is_control(widget) or isinstance(widget, QTabBar):
        return False
    if isinstance(widget, QAbstractButton):
        return widget.isCheckable()
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly()
    return isinstance(widget, (QAbstractSpinBox, QComboBox, QAbstractItemView))


def _form_label(widget: QWidget) -> str:
    """The label of the QFormLayout row whose field (a widget or a layout) holds `widget`."""
    owner = widget.parentWidget()
    layout = owner.layout() if owner is not None else None
    if layout is None:
        return ""
    for form in [layout, *layout.findChildren(QLayout)]:
        if not isinstance(form, QFormLayout):
            continue
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not isinstance(label.widget(), QLabel):
                continue
            if field.widget() is widget or (field.layout() is not None and _holds(field.layout(), widget)):
                return plain(label.widget().text())
    return ""


def _holds(layout: QLayout, widget: QWidget) -> bool:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is widget or (item.layout() is not None and _holds(item.layout(), widget)):
            return True
    return False


def _label_above(widget: QWidget) -> QLabel | None:
    """A plain label placed right before `widget` in a box layout ("Zittingen" over a table)."""
    owner = widget.parentWidget()
    layouts = [owner.layout(), *owner.layout().findChildren(QLayout)] if owner and owner.layout() else []
    for layout in layouts:
        if not isinstance(layout, QBoxLayout):
            continue
        for i in range(1, layout.count()):
            if layout.itemAt(i).widget() is widget:
                before = layout.itemAt(i - 1).widget()
                if isinstance(before, QLabel) and before.buddy() is None and plain(before.text()):
                    return before
    return None


def _cell_name(widget: QWidget) -> str:
    """A widget inside a table cell: its column title and row ("Naam, rij 2")."""
    viewport = widget.parentWidget()
    table = viewport.parentWidget() if viewport is not None else None
    if not isinstance(table, QTableView):
        return ""
    index = table.indexAt(widget.geometry().center())
    if not index.isValid():
        index = table.indexAt(QPoint(widget.x() + 1, widget.y() + 1))
    if not index.isValid():
        return ""
    header = table.model().headerData(index.column(), Qt.Orientation.Horizontal)
    title = str(header) if header else f"kolom {index.column() + 1}"
    return f"{title}, rij {index.row() + 1}"


def derive_name(widget: QWidget, buddies: dict[int, str]) -> str:
    """The best name a screen reader can announce for `widget`; "" if none is found."""
    if text := buddies.get(id(widget)):
        return text
    if isinstance(widget, QTabBar):
        owner = widget.parentWidget()
        if isinstance(owner, QTabWidget) and owner.accessibleName():
            return owner.accessibleName()
        return "Tabbladen: " + ", ".join(plain(widget.tabText(i)) for i in range(widget.count()))
    own = ""
    if isinstance(widget, QAbstractButton):
        own = plain(widget.text())
    elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        own = widget.placeholderText()
    if row := _form_label(widget):
        return f"{row}: {own}" if own and own.lower() != row.lower() else row
    if cell := _cell_name(widget):
        return cell
    if own:
        return own
    if (above := _label_above(widget)) is not None:
        above.setBuddy(widget)
        return plain(above.text())
    return plain(widget.toolTip())


def _buddies(window: QWidget) -> dict[int, str]:
    return {
        id(label.buddy()): plain(label.text())
        for label in window.findChildren(QLabel)
        if label.buddy() is not None and plain(label.text())
    }


def name_controls(root: QWidget, buddies: dict[int, str] | None = None) -> None:
    """Give every control under `root` (and `root` itself) an accessible name if it has none."""
    buddies = _buddies(root.window()) if buddies is None else buddies
    for widget in [root, *root.findChildren(QWidget)]:
        if is_control(widget) and not widget.accessibleName() and (name := derive_name(widget, buddies)):
            widget.setAccessibleName(name)
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            widget.setTabChangesFocus(True)


def first_field(window: QWidget) -> QWidget | None:
    """The first input field in the window's tab order that can take the focus."""
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window:
        if (
            is_field(widget)
            and widget.isEnabled()
            and widget.isVisibleTo(window)
            and widget.window() is window
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


def fit_to_screen(window: QWidget) -> None:
    """Shrink a window that is larger than its screen's free area (a 1366×768 laptop at
    150% has 910×512 logical pixels), so that no button is off-screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    width = min(window.width(), free.width() - frame.width())
    height = min(window.height(), free.height() - frame.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))


def polish_window(window: QWidget) -> None:
    """Names, Tab out of text fields, fit on screen and (for a dialog) the first field
    focused. Called once per window, the first time it is shown."""
    name_controls(window)
    fit_to_screen(window)
    if isinstance(window, QDialog) and (field := first_field(window)) is not None:
        field.setFocus()
    window.setProperty(_POLISHED, True)


#: Qt's own dialogs name, focus and size themselves; walking their private children from
#: Python only creates wrappers for objects Qt deletes behind our back.
_QT_OWN_DIALOGS = (QMessageBox, QFileDialog, QProgressDialog)


class WindowPolisher(QObject):
    """Polishes each window when it first becomes the active window, and names a control
    added later (a new table row) when it gets the focus, before a screen reader asks.

    The application's focus signals are connected to a zero-delay timer, C++ to C++, so
    their arguments never reach Python: when a focused widget is destroyed, Qt announces
    the focus moving to a window that is itself half destroyed, and touching that object
    from Python crashes PySide. The timer's slot then reads the focus afresh, from objects
    that are alive. (An application-wide event filter in Python has the same problem.)"""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        # String-based connections: Qt connects signal to slot in C++ and never converts the
        # argument for Python (a bound-method connect may route through Python).
        QObject.connect(app, SIGNAL("focusWindowChanged(QWindow*)"), self._settle, SLOT("start()"))
        QObject.connect(app, SIGNAL("focusObjectChanged(QObject*)"), self._settle, SLOT("start()"))
        self._settle.timeout.connect(self._on_settled)

    def _on_settled(self) -> None:
        window = QApplication.activeWindow()
        if (
            window is not None
            and shiboken6.isValid(window)
            and window.isVisible()
            and not window.property(_POLISHED)
            and not isinstance(window, _QT_OWN_DIALOGS)
        ):
            polish_window(window)
        focus = QApplication.focusWidget()
        if focus is not None and is_control(focus) and not focus.accessibleName():
            name_controls(focus)


def install_polisher(app: QApplication) -> WindowPolisher:
    return WindowPolisher(app)
