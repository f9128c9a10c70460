"""Every window and dialog works from the keyboard and can be announced by a screen reader
(EN 301 549): the first field has the focus, Tab leaves multi-line fields, no Alt-letter
is used twice in one window, Ctrl+1…9 choose workspaces, and every control has a name.

The checks walk the widget trees of every dialog in tests/ui/windows.py (DIALOGS) and of
the main window in every workspace and tab, so a dialog added later is held to them too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from ret_desk.ui.accessibility import first_field, is_control, is_field
from ret_desk.ui.ops import Op
from tests.ui.windows import DIALOGS, clashes, dialog_classes, each_view, menu_clashes, reachable

WAIT = 10_000


def test_every_dialog_class_is_checked():
    """A new QDialog subclass needs a factory in tests/ui/windows.py DIALOGS."""
    registered = {name.split(" ")[0] for name in DIALOGS}
    assert dialog_classes() - registered == set()


def unnamed(window) -> list[str]:  # noqa: ANN001
    return [
        f"{type(w).__name__} {w.objectName() or w.toolTip()!r}"
        for w in reachable(window)
        if is_control(w) and not w.isHidden() and not w.accessibleName().strip()
    ]


def test_a_dialog_opens_with_its_first_field_focused(dialog):
    focus = dialog.focusWidget()
    if any(is_field(w) and w.isEnabled() for w in reachable(dialog)):
        assert focus is not None and is_field(focus), f"{dialog.windowTitle()}: focus on {focus!r}"
        assert focus is first_field(dialog), f"{dialog.windowTitle()}: a field before it in Tab order"


def test_every_control_in_a_dialog_has_an_accessible_name(dialog):
    assert unnamed(dialog) == [], dialog.windowTitle()


def test_tab_leaves_every_multi_line_field(qtbot, dialog):
    edits = [w for w in reachable(dialog) if isinstance(w, (QPlainTextEdit, QTextEdit)) and w.isVisible()]
    for edit in edits:
        before = edit.toPlainText()
        edit.setFocus()
        qtbot.waitUntil(edit.hasFocus, timeout=WAIT)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
        assert not edit.hasFocus(), f"{dialog.windowTitle()}: Tab stays in {edit.accessibleName()}"
        assert edit.toPlainText() == before  # no tab character typed


def test_no_alt_letter_twice_in_a_dialog(dialog):
    assert clashes(dialog) == {}, dialog.windowTitle()


def test_no_alt_letter_twice_in_any_workspace_or_menu(qtbot, window):
    # Alt+B must open Bestand, not "Plaatsing beëindigen" (issue 8)
    assert menu_clashes(window) == {}
    for view in each_view(window):
        qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
        assert clashes(window) == {}, view


def test_every_control_in_every_workspace_has_an_accessible_name(qtbot, window):
    for view in each_view(window):
        qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
        assert unnamed(window) == [], view


def test_ctrl_digit_chooses_the_workspaces_in_sidebar_order(qtbot, window):
    bar = window.workspace_bar
    for row in range(min(bar.count(), 9)):
        before = window.stack.currentIndex()
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{row + 1}"), Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
        if bar.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
            assert window.stack.currentIndex() == row and bar.currentRow() == row
        else:  # a workspace this role may not use stays closed
            assert window.stack.currentIndex() == before


def test_a_dialog_opens_without_speaking_errors(dialog):
    """Validation speaks once the user left a field or tried to save, never at opening.
    An error label is one named "error…" (ui/field_errors.py) or painted in the error red."""
    from PySide6.QtWidgets import QLabel

    speaking = [
        label.text()
        for label in reachable(dialog)
        if isinstance(label, QLabel)
        and (label.objectName().lower().startswith("error") or "a40000" in label.styleSheet())
        and label.isVisible()
        and label.text().strip()
    ]
    assert speaking == [], dialog.windowTitle()
