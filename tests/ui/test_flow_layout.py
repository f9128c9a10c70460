"""FlowLayout: a button row that wraps in a narrow pane, so that no button is cut off and
the pane's minimum width is that of its widest button."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ret_desk.ui.flow_layout import FlowLayout

TEXTS = ["&Wijzigen…", "&Routeren…", "S&tatus wijzigen…", "&Aantekening…", "&Jeugdige samenvoegen…"]


def test_a_narrow_pane_wraps_its_buttons_and_shows_every_one(qtbot):
    # Given a pane with five buttons in a flow row above a stretching widget
    pane = QWidget()
    qtbot.addWidget(pane)
    layout = QVBoxLayout(pane)
    row = FlowLayout()
    buttons = [QPushButton(text) for text in TEXTS]
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    layout.addWidget(QWidget(), 1)
    widest = max(button.sizeHint().width() for button in buttons)
    one_line = sum(button.sizeHint().width() for button in buttons)

    # Then it asks for one line, but needs only the widest button
    assert pane.sizeHint().width() >= one_line
    assert pane.minimumSizeHint().width() < widest + 40

    # When it is shown narrow
    pane.resize(widest + 40, 400)
    pane.show()
    qtbot.waitExposed(pane)

    # Then the buttons wrap onto several lines, each whole inside the pane, none overlapping
    assert len({button.y() for button in buttons}) >= 3
    for button in buttons:
        assert pane.rect().contains(button.geometry()), button.text()
    for first, second in zip(buttons, buttons[1:], strict=False):
        assert not first.geometry().intersects(second.geometry())

    # When it is wide, they share one line again
    pane.resize(one_line + 100, 400)
    qtbot.waitUntil(lambda: len({button.y() for button in buttons}) == 1)
