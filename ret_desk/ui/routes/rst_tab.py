"""The rst record's tab in the case detail (issue 9; being built)."""

from __future__ import annotations

from ret_desk.ui.routes.record_tab import RecordTab

#: The tab's class, once it is built.
TAB: type[RecordTab] | None = None
