"""Reading enum values back from combo boxes.

Qt stores a StrEnum or IntEnum item as a plain str or int, so every read converts back.
An "all" or "none" item carries "" rather than None: reading None item data back many
times trips a reference-count bug in PySide 6 that crashes the interpreter at exit.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import QComboBox

E = TypeVar("E", bound=Enum)
MIN_CHARS = 6


def enum_data(box: QComboBox, enum: type[E]) -> E | None:
    """The current item's value as an `enum` member, or None for an "all"/"none" item."""
    value = box.currentData()
    return None if value is None or value == "" else enum(value)


def combo_with_all(all_label: str, items: list[tuple[str, object]]) -> QComboBox:
    """A filter combo: an "all" item (data "") followed by `items` as (label, value)."""
    box = QComboBox()
    # Long items (municipalities, signals) must not widen the window past a 1024-px screen.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(MIN_CHARS)
    box.addItem(all_label, "")
    for label, value in items:
        box.addItem(label, value)
    return box
