"""Regie op plaatsing's vocabulary: security levels, scarce care, request statuses,
placement end reasons, and the exclusion codes of matching (DOMAIN rules 7 to 10)."""

from __future__ import annotations

from enum import StrEnum


class SecurityLevel(StrEnum):
    """Ordered: a location satisfies a need when its level is at least the needed one."""

    OPEN = "open"
    SEMI_CLOSED = "besloten"
    CLOSED = "gesloten"

    @property
    def rank(self) -> int:
        return list(SecurityLevel).index(self)

    @property
    def label(self) -> str:
        return {"open": "Open", "besloten": "Besloten", "gesloten": "Gesloten"}[self.value]


class ScarceCategory(StrEnum):
    """3Noord's four scarce forms of care, coordinated above the region (rule 10)."""

    NONE = ""
    CLINICAL = "klinisch"
    O3M = "o3m"
    CLOSED = "gesloten"
    FORENSIC = "forensisch"

    @property
    def label(self) -> str:
        return {
            "": "Geen",
            "klinisch": "Klinisch",
            "o3m": "Open drie-milieu (O3M)",
            "gesloten": "Gesloten",
            "forensisch": "Forensisch",
        }[self.value]


class GenderRule(StrEnum):
    MALE = "m"
    FEMALE = "v"
    ALL = "alle"

    def admits(self, gender: str) -> bool:
        """`gender` is the youth's (m, v, x, o). A gendered place takes only its own."""
        return self is GenderRule.ALL or gender == self.value


class RequestStatus(StrEnum):
    OPEN = "open"
    MATCHED = "gematcht"
    PLACED = "geplaatst"
    WITHDRAWN = "ingetrokken"

    @property
    def label(self) -> str:
        return {
            "open": "Open",
            "gematcht": "Gematcht",
            "geplaatst": "Geplaatst",
            "ingetrokken": "Ingetrokken",
        }[self.value]


class EndReason(StrEnum):
    """Why a placement ended (rule 8). Only a planned end or turning 18 is not a breakdown."""

    PLANNED = "gepland"
    BREAKDOWN_PROVIDER = "breakdown_aanbieder"
    BREAKDOWN_YOUTH = "breakdown_jeugdige"
    BREAKDOWN_FAMILY = "breakdown_gezin"
    MISMATCH = "mismatch"
    CAPACITY = "capaciteit"
    STOPGAP = "noodoplossing"
    TURNED_18 = "achttien"

    @property
    def label(self) -> str:
        return _END_LABELS[self]

    @property
    def planned(self) -> bool:
        return self in (EndReason.PLANNED, EndReason.TURNED_18)


_END_LABELS = {
    EndReason.PLANNED: "Gepland einde",
    EndReason.BREAKDOWN_PROVIDER: "Breakdown door de aanbieder",
    EndReason.BREAKDOWN_YOUTH: "Breakdown door de jeugdige",
    EndReason.BREAKDOWN_FAMILY: "Breakdown door het gezin",
    EndReason.MISMATCH: "Mismatch",
    EndReason.CAPACITY: "Capaciteit",
    EndReason.STOPGAP: "Noodoplossing beëindigd",
    EndReason.TURNED_18: "18 jaar geworden",
}


class Exclusion(StrEnum):
    """Why a location (and placement type) cannot take this request; stable codes."""

    NO_CAPACITY = "NO_CAPACITY"
    TYPE = "TYPE"
    AGE = "AGE"
    GENDER = "GENDER"
    SECURITY = "SECURITY"
    NO_AUTHORISATION = "NO_AUTHORISATION"
    SIBLINGS = "SIBLINGS"
    DISTANCE = "DISTANCE"

    @property
    def label(self) -> str:
        return _EXCLUSION_LABELS[self]


_EXCLUSION_LABELS = {
    Exclusion.NO_CAPACITY: "geen vrije plek",
    Exclusion.TYPE: "plaatsingsvorm niet aangeboden of lager dan de gevraagde trede",
    Exclusion.AGE: "buiten de leeftijdsgrenzen",
    Exclusion.GENDER: "geslacht past niet",
    Exclusion.SECURITY: "beveiligingsniveau te laag",
    Exclusion.NO_AUTHORISATION: "gesloten plaats zonder machtiging",
    Exclusion.SIBLINGS: "kan broers en zussen niet samen plaatsen",
    Exclusion.DISTANCE: "verder dan de maximale afstand",
}
