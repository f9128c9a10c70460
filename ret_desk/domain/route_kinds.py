"""The kinds of route that carry behaviour in code (ARCHITECTURE: a route's kind is code,
which routes a region has, with their labels and terms, is data).

A region file names its routes and gives each a kind; the code asks for the kind, never
for a route's key: the Experttafel's agenda is for an `ADVICE_TABLE` route, placement
requests for a `PLACEMENT` route, and the RO3, MDA++ and RST records for `CASUSREGIE`,
`SAFETY` and `TRAVELLING_TEAM`.
"""

from __future__ import annotations

from enum import StrEnum


class RouteKind(StrEnum):
    """What a route does, whatever a region calls it."""

    ADVICE_TABLE = "advice_table"
    PLACEMENT = "placement"
    CASUSREGIE = "casusregie"
    SAFETY = "safety"
    TRAVELLING_TEAM = "travelling_team"
    GENERIC = "generic"
