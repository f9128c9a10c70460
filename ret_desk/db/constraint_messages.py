"""The rules the database holds, by name, each with the Dutch message a user sees when a
write breaks it (issue 10: no raw IntegrityError in the app or the CLI).

The unit of work turns an IntegrityError into a `RuleViolation` with the message found
here. PostgreSQL names the broken constraint; SQLite names a CHECK constraint or a
trigger's RAISE text, but for a UNIQUE index only its columns ("table.col, table.col"),
so a rule may be registered under both spellings.
"""

from __future__ import annotations

import re

from sqlalchemy.exc import IntegrityError

#: Constraint (or index, or trigger message) name → Dutch message naming the rule.
MESSAGES: dict[str, str] = {}

#: SQLite's spelling of a UNIQUE index ("placement.youth_id") → the constraint's name.
SQLITE_UNIQUE_COLUMNS: dict[str, str] = {}

GENERIC = (
    "De opslag weigert deze wijziging: die zou een regel van de opslag breken "
    "(dubbele of ontbrekende gegevens). Er is niets opgeslagen; laad de gegevens opnieuw."
)


def register(name: str, message: str, *, sqlite_columns: str | None = None) -> None:
    """Make `name` known; `sqlite_columns` is how SQLite reports a UNIQUE index on it."""
    MESSAGES[name] = message
    if sqlite_columns:
        SQLITE_UNIQUE_COLUMNS[sqlite_columns] = name


def constraint_name(exc: IntegrityError) -> str | None:
    """The name of the rule `exc` broke, as registered here, or None when unknown."""
    diag = getattr(exc.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return name
    text = str(exc.orig)
    # SQLite: "UNIQUE constraint failed: placement.youth_id", "CHECK constraint failed: x",
    # "UNIQUE constraint failed: index 'uq_x'", or a trigger's own RAISE text.
    if m := re.match(r"UNIQUE constraint failed: index '([^']+)'", text):
        return m.group(1)
    if m := re.match(r"UNIQUE constraint failed: (.+)", text):
        return SQLITE_UNIQUE_COLUMNS.get(m.group(1).strip())
    if m := re.match(r"CHECK constraint failed: (\S+)", text):
        return m.group(1)
    return text.strip() if text.strip() in MESSAGES else None


def message_for(exc: IntegrityError) -> str:
    """The Dutch message for the rule `exc` broke (a general one when it is not known)."""
    name = constraint_name(exc)
    return MESSAGES.get(name or "", GENERIC)


# --- placement rules (issue 10 §1; models_placing, models_capacity, migration 0007) ----------

_NOTHING_SAVED = "Er is niets opgeslagen; laad de gegevens opnieuw."
register(
    "uq_placement_running_youth",
    "Regel: één lopende plaatsing per jeugdige. Deze jeugdige heeft al een lopende plaatsing "
    "(misschien zojuist door een collega vastgelegd); leg een nieuwe plek vast als doorplaatsing. "
    + _NOTHING_SAVED,
    sqlite_columns="placement.youth_id",
)
register(
    "uq_placement_request_open_case",
    "Regel: één open plaatsingsverzoek per casus. Deze casus heeft al een open plaatsingsverzoek "
    "(misschien zojuist door een collega vastgelegd). " + _NOTHING_SAVED,
    sqlite_columns="placement_request.case_id",
)
register(
    "ck_location_offer_places_free_min",
    "Regel: vrije plekken nooit onder nul. Hier is geen vrije plek meer (misschien zojuist door "
    "een collega bezet); kies een andere plek. " + _NOTHING_SAVED,
)
register(
    "ck_location_offer_places_taken_max",
    "Regel: nooit meer plaatsingen dan plekken. Hier lopen dan meer plaatsingen dan er plekken "
    "zijn; verhoog eerst het totaal of beëindig een plaatsing. " + _NOTHING_SAVED,
)

# --- case numbers and the Experttafel agenda (issue 10 §1, t10-numbers) ---------------------

register(
    "uq_ret_case_number",
    "Dit casusnummer bestaat al: elk casusnummer is uniek. Er is niets opgeslagen; "
    "laat het nummer leeg om een nieuw nummer te krijgen.",
    sqlite_columns="ret_case.number",
)
register(
    "uq_agenda_item_session_id",
    "Deze casus staat al op de agenda van deze zitting: een casus staat maar één keer op "
    "een zitting. Er is niets opgeslagen; laad de zitting opnieuw.",
    sqlite_columns="agenda_item.session_id, agenda_item.case_id",
)
register(
    "uq_agenda_item_position",
    "Deze plaats op de agenda is al bezet: elk agendapunt van een zitting heeft een eigen "
    "plaats. Er is niets opgeslagen; laad de zitting opnieuw en probeer het nog eens.",
    sqlite_columns="agenda_item.session_id, agenda_item.position",
)
register(
    "uq_agenda_item_slot",
    "Op deze zitting begint al een agendapunt op dit tijdstip: elk agendapunt heeft een "
    "eigen begintijd. Er is niets opgeslagen; kies een andere begintijd of laad de zitting opnieuw.",
    sqlite_columns="agenda_item.session_id, agenda_item.slot_start",
)
