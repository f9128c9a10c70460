"""The route record tabs the case detail shows, in order."""

from __future__ import annotations

from ret_desk.ui.routes import mda_tab, ro3_tab, rst_tab
from ret_desk.ui.routes.record_tab import RecordTab


def tab_classes() -> list[type[RecordTab]]:
    return [m.TAB for m in (ro3_tab, mda_tab, rst_tab) if m.TAB is not None]
