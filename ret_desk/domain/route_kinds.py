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


#: The Dutch name of each kind, for texts such as `region show`.
KIND_LABELS: dict[RouteKind, str] = {
    RouteKind.ADVICE_TABLE: "adviestafel",
    RouteKind.PLACEMENT: "plaatsing",
    RouteKind.CASUSREGIE: "casusregie",
    RouteKind.SAFETY: "veiligheid",
    RouteKind.TRAVELLING_TEAM: "reizend team",
    RouteKind.GENERIC: "algemeen",
}

#: A route's deadline terms in Dutch words; `{}` takes the number.
TERM_PHRASES: dict[str, str] = {
    "start_days": "start binnen {} dagen",
    "no_progress_months": "geen voortgang na {} maanden",
    "ro3_review_days": "evaluatie binnen {} dagen",
    "mda_assessment_days": "nieuwe risicotaxatie binnen {} dagen",
}


def kind_label(kind: str) -> str:
    """The Dutch name of kind `kind` (a `RouteKind` value); the value itself if unknown."""
    try:
        return KIND_LABELS[RouteKind(kind)]
    except ValueError:
        return kind


def terms_text(terms: dict[str, int]) -> str:
    """Deadline terms in Dutch, e.g. 'start binnen 28 dagen, geen voortgang na 3 maanden'."""
    return ", ".join(TERM_PHRASES.get(name, name + " {}").format(value) for name, value in terms.items())
