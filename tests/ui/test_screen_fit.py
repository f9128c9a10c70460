"""It fits: the main window works at 1024×768 with no button off-screen, every dialog and
the print preview fit a 1366×768 laptop at 100, 125 and 150% scaling, and at the default
size no label, sidebar entry, search field or column title is cut off.

Walks the widget trees of every dialog (tests/ui/windows.py DIALOGS) and of every role's
main window in every workspace and tab.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLabel, QLineEdit

from ret_desk.ui.ops import Op
from tests.ui.windows import each_view, reachable

WAIT = 10_000
#: A 1366×768 laptop in logical pixels at 100, 125 and 150% display scaling.
LAPTOP = [QSize(int(1366 / scale), int(768 / scale)) for scale in (1.0, 1.25, 1.5)]
SMALL_SCREEN = QSize(1024, 768)
TASKBAR = 40  # what a desktop keeps for its own bar


def fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


def test_a_dialog_fits_a_laptop_screen_at_every_scaling(dialog):
    for room in LAPTOP:  # 1366×768, 1092×614, 910×512
        usable = QSize(room.width(), room.height() - TASKBAR)
        assert fits(dialog.minimumSizeHint(), usable), (dialog.windowTitle(), room)
        assert fits(dialog.minimumSize(), usable), (dialog.windowTitle(), room)


def test_a_dialog_opens_within_its_screen(dialog):
    free = dialog.screen().availableGeometry()
    assert free.contains(QRect(free.topLeft(), dialog.frameGeometry().size())), dialog.windowTitle()


def test_the_main_window_works_at_1024_by_768(qtbot, window):
    assert window.minimumSizeHint().width() <= 1000
    window.resize(SMALL_SCREEN.width(), SMALL_SCREEN.height() - TASKBAR)
    for view in each_view(window):
        qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
        for button in (w for w in reachable(window) if isinstance(w, QAbstractButton) and w.isVisible()):
            where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            assert window.rect().contains(where), f"{view}: {button.text() or button.accessibleName()}"


def cut_off(window) -> list[str]:  # noqa: ANN001
    """Texts that do not fit their widget: plain one-line labels, sidebar entries, search
    fields' hints and column titles."""
    found = []
    for widget in reachable(window):
        if not widget.isVisible():
            continue
        metrics = QFontMetrics(widget.font())
        if (
            isinstance(widget, QLabel)
            and not widget.wordWrap()
            and widget.textFormat() != Qt.TextFormat.RichText
        ):
            text = widget.text().replace("&", "")
            if text and "<" not in text and metrics.horizontalAdvance(text) > widget.contentsRect().width():
                found.append(f"label {text!r}")
        elif isinstance(widget, QLineEdit) and widget.placeholderText():
            room = widget.width() - 12 - (22 if widget.isClearButtonEnabled() else 0)
            if metrics.horizontalAdvance(widget.placeholderText()) > room:
                found.append(f"search/field hint {widget.placeholderText()!r}")
        elif isinstance(widget, QAbstractItemView) and widget is getattr(window, "workspace_bar", None):
            for row in range(widget.count()):
                text = widget.item(row).text()
                if metrics.horizontalAdvance(text) + 12 > widget.viewport().width():
                    found.append(f"sidebar {text!r}")
            if widget.horizontalScrollBar().isVisible():
                found.append("sidebar scrolls sideways")
        if isinstance(widget, QAbstractItemView) and hasattr(widget, "horizontalHeader"):
            header = widget.horizontalHeader()
            if header.isHidden() or widget.model() is None:
                continue
            for section in range(header.count()):
                if header.isSectionHidden(section):
                    continue
                size, needed = header.sectionSize(section), header.sectionSizeHint(section)
                if size < needed:
                    title = widget.model().headerData(section, Qt.Orientation.Horizontal)
                    found.append(f"column {title!r} ({size} < {needed})")
    return found


def test_nothing_is_cut_off_at_1024_or_at_the_default_size(qtbot, window):
    for size in (QSize(1024, 768 - TASKBAR), QSize(1280, 800), QSize(1400, 900)):  # small, default, large
        window.resize(size)
        for view in each_view(window):
            qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
            # A count that just arrived has changed a label's text; its layout request is
            # still queued (the user sees it laid out, as the next event loop turn does).
            QApplication.processEvents()
            window.grab()  # lay out and paint, as the user sees it (stretched columns settle here)
            assert cut_off(window) == [], f"{size.width()}×{size.height()} {view}"


def test_nothing_is_cut_off_in_a_dialog(dialog):
    dialog.grab()
    assert cut_off(dialog) == [], dialog.windowTitle()
