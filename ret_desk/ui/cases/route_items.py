"""The region's routes for the case screens' pick lists and filters (routes are region data).

The app loads them in the background together with the municipalities when the main window
opens and passes them on; a screen made without them (a test, a dialog opened on its own)
loads them itself: a few rows of reference data."""

from __future__ import annotations

from ret_desk.services.admin import reference
from ret_desk.services.admin.reference import RouteItem
from ret_desk.services.context import Workspace


def region_routes(workspace: Workspace, routes: list[RouteItem] | None = None) -> list[RouteItem]:
    return list(routes) if routes is not None else workspace.call_anonymous(reference.routes)
