"""The fixed vocabularies of the domain, with their Dutch labels (glossary names in code)."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class CaseStatus(StrEnum):
    """Where a case stands; transitions are ruled in `statuses.py`."""

    REGISTERED = "aangemeld"
    TRIAGE = "in_triage"
    ASSIGNED = "toegewezen"
    RUNNING = "lopend"
    CLOSED = "afgesloten"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    CaseStatus.REGISTERED: "Aangemeld",
    CaseStatus.TRIAGE: "In triage",
    CaseStatus.ASSIGNED: "Toegewezen",
    CaseStatus.RUNNING: "Lopend",
    CaseStatus.CLOSED: "Afgesloten",
}


class CaseOutcome(StrEnum):
    """Why a case was closed."""

    COMPLETED = "afgerond"
    HANDED_OVER = "overgedragen"
    ENDED_EARLY = "uitval"
    WITHDRAWN = "ingetrokken"
    MOVED_AWAY = "verhuisd"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    CaseOutcome.COMPLETED: "Afgerond volgens plan",
    CaseOutcome.HANDED_OVER: "Overgedragen aan reguliere hulp",
    CaseOutcome.ENDED_EARLY: "Voortijdig beëindigd (uitval)",
    CaseOutcome.WITHDRAWN: "Aanmelding ingetrokken",
    CaseOutcome.MOVED_AWAY: "Verhuisd buiten de regio",
}


class ReferrerType(StrEnum):
    """Who referred the case (DOMAIN rule 1)."""

    ACCESS_TEAM = "toegang"
    CERTIFIED_INSTITUTION = "gi"
    GP = "huisarts"
    YOUTH_DOCTOR = "jeugdarts"
    MEDICAL_SPECIALIST = "medisch_specialist"
    COURT = "rechter"
    CHILD_PROTECTION_BOARD = "raad"
    SAFE_HOME = "veilig_thuis"

    @property
    def label(self) -> str:
        return _REFERRER_LABELS[self]


_REFERRER_LABELS = {
    ReferrerType.ACCESS_TEAM: "Gemeentelijke toegang",
    ReferrerType.CERTIFIED_INSTITUTION: "Gecertificeerde instelling (GI)",
    ReferrerType.GP: "Huisarts",
    ReferrerType.YOUTH_DOCTOR: "Jeugdarts",
    ReferrerType.MEDICAL_SPECIALIST: "Medisch specialist",
    ReferrerType.COURT: "Rechter",
    ReferrerType.CHILD_PROTECTION_BOARD: "Raad voor de Kinderbescherming",
    ReferrerType.SAFE_HOME: "Veilig Thuis",
}


class Gender(StrEnum):
    FEMALE = "v"
    MALE = "m"
    OTHER = "x"
    UNKNOWN = "o"

    @property
    def label(self) -> str:
        return {"v": "Vrouw", "m": "Man", "x": "Anders", "o": "Onbekend"}[self.value]


class LegalFramework(StrEnum):
    """Wettelijk kader."""

    VOLUNTARY = "vrijwillig"
    OTS = "ots"
    GUARDIANSHIP = "voogdij"
    PROBATION = "jr"
    AUTHORISATION = "machtiging"

    @property
    def label(self) -> str:
        return {
            "vrijwillig": "Vrijwillig",
            "ots": "Ondertoezichtstelling (OTS)",
            "voogdij": "Voogdij",
            "jr": "Jeugdreclassering",
            "machtiging": "Machtiging (gesloten jeugdhulp)",
        }[self.value]


class Urgency(StrEnum):
    NORMAL = "normaal"
    HIGH = "hoog"
    CRISIS = "crisis"

    @property
    def label(self) -> str:
        return {"normaal": "Normaal", "hoog": "Hoog", "crisis": "Crisis"}[self.value]


class FamilyParticipation(StrEnum):
    """Whether the child and parents took part (DOMAIN rule 3)."""

    BOTH = "kind_en_ouders"
    CHILD = "kind"
    PARENTS = "ouders"
    NONE = "geen"
    UNKNOWN = "onbekend"

    @property
    def label(self) -> str:
        return {
            "kind_en_ouders": "Kind en ouders",
            "kind": "Alleen kind",
            "ouders": "Alleen ouders",
            "geen": "Niet betrokken",
            "onbekend": "Onbekend",
        }[self.value]


class GvaTrigger(IntEnum):
    """The seven situations that require a shared explanatory analysis (DOMAIN rule 2)."""

    OUT_OF_HOME = 1
    MULTI_PROBLEM_FAMILY = 2
    REPEATED_REQUESTS = 3
    PROTOCOLS_FAIL = 4
    STUCK_AT_SCHOOL = 5
    NO_PROGRESS_3M = 6
    CLOSED_PLACEMENT = 7

    @property
    def label(self) -> str:
        return _GVA_LABELS[self]


_GVA_LABELS = {
    GvaTrigger.OUT_OF_HOME: "Uithuisplaatsing of terugplaatsing",
    GvaTrigger.MULTI_PROBLEM_FAMILY: "Gezin met meervoudige, complexe problematiek",
    GvaTrigger.REPEATED_REQUESTS: "Herhaalde hulpvragen",
    GvaTrigger.PROTOCOLS_FAIL: "Complexe problematiek waar protocollen niet meer helpen",
    GvaTrigger.STUCK_AT_SCHOOL: "Vastgelopen op school of dreigende thuiszitter",
    GvaTrigger.NO_PROGRESS_3M: "Geen voortgang na drie maanden hulp",
    GvaTrigger.CLOSED_PLACEMENT: "Vraag om gesloten plaatsing of voorwaardelijke machtiging",
}


class TargetGroup(IntEnum):
    """The six overlapping target groups (DOMAIN rule 5)."""

    PROTECTION_MEASURE = 1
    VOLUNTARY_PLACEMENT = 2
    LIFELONG_DISABILITY = 3
    LIVING_GROUP_OR_CLOSED = 4
    COMPLEX_RET_CASE = 5
    TRANSITION_18 = 6

    @property
    def label(self) -> str:
        return _TARGET_LABELS[self]


_TARGET_LABELS = {
    TargetGroup.PROTECTION_MEASURE: "Jeugdbeschermings- of jeugdreclasseringsmaatregel",
    TargetGroup.VOLUNTARY_PLACEMENT: "Vrijwillige uithuisplaatsing",
    TargetGroup.LIFELONG_DISABILITY: "Levenslange, levensbrede beperking of ernstige psychiatrie",
    TargetGroup.LIVING_GROUP_OR_CLOSED: "Geplaatst in leefgroep of gesloten jeugdhulp",
    TargetGroup.COMPLEX_RET_CASE: "Complexe casus aangemeld bij het RET",
    TargetGroup.TRANSITION_18: "Jongere in de overgang 16,5/18+",
}


class InterventionLevel(IntEnum):
    """Interventieniveau 1 to 8 (DOMAIN rule 6); 5 to 8 is specialised care."""

    L1 = 1
    L2 = 2
    L3 = 3
    L4 = 4
    AMBULANT = 5
    INTENSIVE_AMBULANT = 6
    DAY_TREATMENT = 7
    STAY = 8

    @property
    def label(self) -> str:
        names = {5: "ambulant", 6: "intensief ambulant", 7: "dagbehandeling", 8: "verblijf"}
        name = names.get(self.value)
        return f"Niveau {self.value}" + (f" ({name})" if name else "")


class Role(StrEnum):
    COORDINATOR = "coordinator"
    CHAIR = "chair"
    PLACEMENT_OFFICER = "placement_officer"
    AUDITOR = "auditor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {
            "coordinator": "RET-coördinator",
            "chair": "Voorzitter Experttafel",
            "placement_officer": "Medewerker Regie op plaatsing",
            "auditor": "Auditor",
            "admin": "Beheerder",
        }[self.value]


def to_mask(values: set[int] | frozenset[int]) -> int:
    """Pack a set of small numbers (triggers, target groups) into a bit mask for SQL filtering."""
    mask = 0
    for value in values:
        mask |= 1 << int(value)
    return mask


def from_mask(mask: int, enum: type[IntEnum]) -> frozenset:
    """Unpack a bit mask into enum members."""
    return frozenset(member for member in enum if mask & (1 << member.value))
