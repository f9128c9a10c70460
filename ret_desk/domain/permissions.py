"""The role × action matrix (documented in docs/permissions.md; tested cell by cell)."""

from __future__ import annotations

from enum import StrEnum

from ret_desk.domain.enums import Role
from ret_desk.domain.errors import PermissionDenied


class Action(StrEnum):
    VIEW_CASES = "view_cases"
    REGISTER_REFERRAL = "register_referral"
    ROUTE_CASE = "route_case"
    CHANGE_STATUS = "change_status"
    ADD_NOTE = "add_note"
    IMPORT_CASES = "import_cases"
    EXPORT_CASES = "export_cases"
    VIEW_AUDIT = "view_audit"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_STORE = "manage_store"
    MANAGE_SETTINGS = "manage_settings"
    LOAD_DEMO_DATA = "load_demo_data"
    VIEW_SESSIONS = "view_sessions"
    PLAN_SESSIONS = "plan_sessions"
    PROPOSE_AGENDA = "propose_agenda"
    RECORD_ADVICE = "record_advice"
    PRINT_REPORTS = "print_reports"
    VIEW_CAPACITY = "view_capacity"
    EDIT_CAPACITY = "edit_capacity"
    MANAGE_REQUESTS = "manage_requests"
    MATCH_PLACEMENTS = "match_placements"
    RECORD_PLACEMENTS = "record_placements"
    MERGE_YOUTH = "merge_youth"
    EDIT_CASE = "edit_case"
    CORRECT_IDENTITY = "correct_identity"
    OVERRIDE_GVA = "override_gva"
    MANAGE_MDA = "manage_mda"
    MANAGE_RO3 = "manage_ro3"
    RECORD_RST = "record_rst"
    VIEW_RETENTION = "view_retention"
    DESTROY_DOSSIER = "destroy_dossier"
    EXPORT_DOSSIER = "export_dossier"
    EMERGENCY_ACCESS = "emergency_access"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Action.VIEW_CASES: "casussen inzien",
    Action.REGISTER_REFERRAL: "aanmeldingen registreren",
    Action.ROUTE_CASE: "casussen routeren",
    Action.CHANGE_STATUS: "de status van een casus wijzigen",
    Action.ADD_NOTE: "werkaantekeningen toevoegen",
    Action.IMPORT_CASES: "casussen importeren",
    Action.EXPORT_CASES: "casussen exporteren",
    Action.VIEW_AUDIT: "het logboek inzien",
    Action.MANAGE_ACCOUNTS: "accounts beheren",
    Action.MANAGE_STORE: "de opslag beheren (back-up, upgrade)",
    Action.MANAGE_SETTINGS: "termijnen en regio-instellingen beheren",
    Action.LOAD_DEMO_DATA: "demogegevens laden",
    Action.VIEW_SESSIONS: "zittingen van de Experttafel inzien",
    Action.PLAN_SESSIONS: "zittingen van de Experttafel plannen",
    Action.PROPOSE_AGENDA: "casussen op de agenda van de Experttafel zetten",
    Action.RECORD_ADVICE: "adviezen en actiepunten van de Experttafel vastleggen",
    Action.PRINT_REPORTS: "casusoverzichten en brieven afdrukken of opslaan",
    Action.VIEW_CAPACITY: "de capaciteit van aanbieders inzien",
    Action.EDIT_CAPACITY: "capaciteit bijwerken en locaties importeren",
    Action.MANAGE_REQUESTS: "plaatsingsverzoeken vastleggen en importeren",
    Action.MATCH_PLACEMENTS: "matchen en matchbesluiten vastleggen",
    Action.RECORD_PLACEMENTS: "plaatsingen starten en beëindigen",
    Action.MERGE_YOUTH: "jeugdigen samenvoegen",
    Action.EDIT_CASE: "casusgegevens aanvullen en corrigeren",
    Action.CORRECT_IDENTITY: "naam, BSN en geboortedatum van een jeugdige corrigeren",
    Action.OVERRIDE_GVA: "een uitzondering op de GVA-blokkade vastleggen",
    Action.MANAGE_MDA: "het MDA++-dossier bijhouden",
    Action.MANAGE_RO3: "partijen, afspraken en evaluaties van RO3 vastleggen",
    Action.RECORD_RST: "inzet van het Reizend Specialistisch Team vastleggen",
    Action.VIEW_RETENTION: "de dossiers over hun bewaartermijn inzien",
    Action.DESTROY_DOSSIER: "een dossier vernietigen",
    Action.EXPORT_DOSSIER: "het hele dossier van een jeugdige exporteren (inzage)",
    Action.EMERGENCY_ACCESS: "een casus buiten de eigen rijen openen met noodtoegang (met reden)",
}

A = Action
MATRIX: dict[Role, frozenset[Action]] = {
    Role.COORDINATOR: frozenset(
        {
            A.VIEW_CASES,
            A.REGISTER_REFERRAL,
            A.ROUTE_CASE,
            A.CHANGE_STATUS,
            A.ADD_NOTE,
            A.IMPORT_CASES,
            A.EXPORT_CASES,
            A.VIEW_SESSIONS,
            A.PROPOSE_AGENDA,
            A.PRINT_REPORTS,
            A.VIEW_CAPACITY,
            A.MERGE_YOUTH,
            A.EDIT_CASE,
            A.CORRECT_IDENTITY,
            A.OVERRIDE_GVA,
            A.MANAGE_MDA,
            A.MANAGE_RO3,
            A.RECORD_RST,
            A.VIEW_RETENTION,
            # inspection (issue 12 §3): the RET's one door answers a request for inspection
            A.EXPORT_DOSSIER,
        }
    ),
    # The chair runs the table: plans sittings, sets the agenda, records advice, prints.
    Role.CHAIR: frozenset(
        {
            A.VIEW_CASES,
            A.ADD_NOTE,
            A.VIEW_SESSIONS,
            A.PLAN_SESSIONS,
            A.PROPOSE_AGENDA,
            A.RECORD_ADVICE,
            A.PRINT_REPORTS,
            A.EMERGENCY_ACCESS,  # a case outside their rows, with a reason (issue 12 §2)
        }
    ),
    # Regie-op-plaatsing staff keep capacity current, take requests, match and place.
    Role.PLACEMENT_OFFICER: frozenset(
        {
            A.VIEW_CASES,
            A.ADD_NOTE,
            A.VIEW_CAPACITY,
            A.EDIT_CAPACITY,
            A.MANAGE_REQUESTS,
            A.MATCH_PLACEMENTS,
            A.RECORD_PLACEMENTS,
            A.EMERGENCY_ACCESS,  # a case outside their rows, with a reason (issue 12 §2)
        }
    ),
    # The auditor checks who saw what, and needs no case contents for that.
    Role.AUDITOR: frozenset({A.VIEW_AUDIT}),
    # The administrator keeps the system running; no access to children's data.
    Role.ADMIN: frozenset(
        {A.MANAGE_ACCOUNTS, A.MANAGE_STORE, A.MANAGE_SETTINGS, A.VIEW_AUDIT, A.LOAD_DEMO_DATA}
        # retention and destruction (issue 12 §3): ids, case numbers and dates only
        | {A.VIEW_RETENTION, A.DESTROY_DOSSIER}
    ),
}


def is_allowed(role: Role, action: Action) -> bool:
    return action in MATRIX[role]


def require(role: Role, action: Action) -> None:
    """Raise PermissionDenied (Dutch) unless `role` may do `action`."""
    if not is_allowed(role, action):
        raise PermissionDenied(f"Uw rol ({role.label}) mag {refused(action.label)}.")


def refused(label: str) -> str:
    """The Dutch for not being allowed to do `label` ("casussen inzien" → "geen casussen
    inzien", "het logboek inzien" → "het logboek niet inzien"): "geen" only fits a noun
    without an article; otherwise "niet" goes before the closing verb."""
    if label.startswith("een "):
        return "g" + label
    if not label.startswith(("de ", "het ")):
        return f"geen {label}"
    main, bracket, rest = label.partition(" (")
    head, _, verb = main.rpartition(" ")
    return f"{head} niet {verb}" + (f" ({rest}" if bracket else "")
