"""The route records' commands by top-level name (`ro3`, `mda`, `rst`), for the parser and
the dispatcher: one module per route."""

from __future__ import annotations

from ret_desk.cli import mda, ro3, rst

ROUTE_CLIS = {"ro3": ro3, "mda": mda, "rst": rst}
