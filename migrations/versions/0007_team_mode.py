"""Team mode: rules held by the database, a chained audit log, roles and server-side audit
(issue 10)

One migration in parts, each in its own function so that each part reads on its own.
The parts that only make sense on PostgreSQL (roles, grants, triggers) check the dialect
themselves; the constraints and the chain hold on both stores.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 17:30:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa  # noqa: F401  (used by the parts below)
from alembic import op  # noqa: F401

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    _upgrade_placement_rules()
    _upgrade_numbers_agenda()
    _upgrade_audit_chain()
    _upgrade_server_audit()
    # Last: the grants cover every table the parts above made.
    _upgrade_roles()
    _upgrade_existing_accounts()


def downgrade() -> None:
    _downgrade_existing_accounts()
    _downgrade_roles()
    _downgrade_server_audit()
    _downgrade_audit_chain()
    _downgrade_numbers_agenda()
    _downgrade_placement_rules()


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


# --- placement rules: one running placement per youth, one open request per case, places ---


def _upgrade_placement_rules() -> None:
    """The three placement rules become the store's own (models_placing, models_capacity).

    Mechanism, chosen because it holds under concurrent writers on both stores (one
    trigger per dialect for the count, so that no user can edit it):
    - one running placement per youth, one open request per case: partial unique indexes
      (`WHERE ended_on IS NULL`, `WHERE status IN ('open', 'gematcht')`). PostgreSQL makes a
      second inserter wait for the first's transaction and then refuses it; SQLite has one
      writer at a time.
    - places: a counter `location_offer.places_taken` (running placements here), kept by
      the store's own row triggers on placement (below) in the placement's transaction, and
      `places_free - 1` by the placement service, under CHECKs `places_free >= 0` and
      `places_taken <= places_total`. The UPDATE locks the row, and a waiting writer counts
      on from the committed value, so the one too many breaks a CHECK.

    Older stores may break the rules already. Conflicting rows are listed first, then:
    - several running placements for one youth: REFUSED with the list. Which placement is
      real, and when and why the others ended, is part of the youth's history (moves,
      first-time-right); only staff can say. The upgrade rolls back and the store works on
      with the previous RET Desk until they are ended there.
    - several open requests for one case: RESOLVED. The one furthest along (matched before
      open), then the one waiting longest, stays; the others are withdrawn, each with an
      audit event. A withdrawal loses no history, and staff can file a new request.
    - free places below zero, or more running placements than places: RESOLVED on the board
      (free becomes 0; the total rises to the running placements), each with an audit event.
      Providers report capacity and staff correct it on the board anyway; the placements
      are facts.
    """
    bind = op.get_bind()
    running = _duplicate_running_placements(bind)
    if running:
        from ret_desk.domain.errors import StoreError

        listed = "; ".join(
            f"casus {number}: plaatsing {pid} bij {name} ({agb}) sinds {_dutch_date(started)}"
            for number, pid, name, agb, started in running
        )
        numbers = ", ".join(dict.fromkeys(number for number, *_ in running))
        raise StoreError(
            "Regel: één lopende plaatsing per jeugdige. Deze opslag heeft jeugdigen met meer dan "
            f"één lopende plaatsing: {listed}. Er is niets bijgewerkt. Beëindig eerst met de vorige "
            "versie van RET Desk de plaatsingen die niet meer lopen (ret-desk placement end CASUS "
            f"--date JJJJ-MM-DD --reason REDEN, voor casus {numbers}; tot alleen de juiste plaatsing "
            "nog loopt, en start die zo nodig opnieuw) en werk de opslag daarna opnieuw bij"
        )
    _withdraw_duplicate_requests(bind)
    with op.batch_alter_table("location_offer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("places_taken", sa.Integer(), server_default="0", nullable=False))
    _fix_capacity(bind)
    with op.batch_alter_table("location_offer", schema=None) as batch_op:
        batch_op.create_check_constraint(op.f("ck_location_offer_places_free_min"), "places_free >= 0")
        batch_op.create_check_constraint(
            op.f("ck_location_offer_places_taken_max"), "places_taken >= 0 AND places_taken <= places_total"
        )
    for name, table, column, where in _PLACEMENT_INDEXES:
        op.create_index(
            name, table, [column], unique=True, sqlite_where=sa.text(where), postgresql_where=sa.text(where)
        )
    _create_places_taken_triggers()


def _downgrade_placement_rules() -> None:
    """Drops the rules; resolutions made by the upgrade stay (they are audited)."""
    _drop_places_taken_triggers()
    for name, table, _column, _where in reversed(_PLACEMENT_INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("location_offer", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_location_offer_places_taken_max"), type_="check")
        batch_op.drop_constraint(op.f("ck_location_offer_places_free_min"), type_="check")
        batch_op.drop_column("places_taken")


_PLACEMENT_INDEXES = (
    ("uq_placement_running_youth", "placement", "youth_id", "ended_on IS NULL"),
    ("uq_placement_request_open_case", "placement_request", "case_id", "status IN ('open', 'gematcht')"),
)

# places_taken is the store's own count of running placements per offer: row triggers on
# placement keep it, not the app, so no one can switch the rule "never more placements than
# places" off by editing the counter (on PostgreSQL no group may UPDATE the column; grants.py).
# A placement counts while ended_on IS NULL, at its (location_id, type_code). The UPDATE
# locks the offer's row: a concurrent writer counts on from the committed value, and the
# one too many breaks ck_location_offer_places_taken_max. NB: an SQLite batch_alter_table
# that recreates `placement` drops these triggers; a later migration must create them again.
_PLACES_TRIGGERS = ("placement_places_insert", "placement_places_update", "placement_places_delete")
_TAKE = (
    "UPDATE location_offer SET places_taken = places_taken + {n}, version = version + 1 "
    "WHERE location_id = {row}.location_id AND type_code = {row}.type_code"
)
_SQLITE_PLACES_TRIGGERS = (
    "CREATE TRIGGER placement_places_insert AFTER INSERT ON placement WHEN NEW.ended_on IS NULL "
    f"BEGIN {_TAKE.format(n=1, row='NEW')}; END",
    "CREATE TRIGGER placement_places_update AFTER UPDATE OF ended_on, location_id, type_code ON "
    "placement WHEN OLD.ended_on IS NULL OR NEW.ended_on IS NULL BEGIN "
    f"{_TAKE.format(n='-(OLD.ended_on IS NULL)', row='OLD')}; {_TAKE.format(n='(NEW.ended_on IS NULL)', row='NEW')}; "
    "END",
    "CREATE TRIGGER placement_places_delete AFTER DELETE ON placement WHEN OLD.ended_on IS NULL "
    f"BEGIN {_TAKE.format(n=-1, row='OLD')}; END",
)
# SECURITY DEFINER: the placement office may not UPDATE places_taken itself, the owner's
# trigger does (also when a coordinator's youth merge or anyone's direct SQL moves a row).
_PG_PLACES_FUNCTION = f"""CREATE OR REPLACE FUNCTION ret_placement_places() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.ended_on IS NULL THEN
        {_TAKE.format(n=-1, row='OLD')};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.ended_on IS NULL THEN
        {_TAKE.format(n=1, row='NEW')};
    END IF;
    RETURN NULL;
END $$"""
_PG_PLACES_TRIGGERS = (
    "CREATE TRIGGER placement_places_insert AFTER INSERT ON placement FOR EACH ROW "
    "WHEN (NEW.ended_on IS NULL) EXECUTE FUNCTION ret_placement_places()",
    "CREATE TRIGGER placement_places_update AFTER UPDATE OF ended_on, location_id, type_code ON placement "
    "FOR EACH ROW WHEN (OLD.ended_on IS NULL OR NEW.ended_on IS NULL) EXECUTE FUNCTION ret_placement_places()",
    "CREATE TRIGGER placement_places_delete AFTER DELETE ON placement FOR EACH ROW "
    "WHEN (OLD.ended_on IS NULL) EXECUTE FUNCTION ret_placement_places()",
)


def _create_places_taken_triggers() -> None:
    if _is_postgresql():
        op.execute(_PG_PLACES_FUNCTION)
        for statement in _PG_PLACES_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_PLACES_TRIGGERS:
            op.execute(statement)


def _drop_places_taken_triggers() -> None:
    on = " ON placement" if _is_postgresql() else ""
    for name in _PLACES_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}{on}")
    if _is_postgresql():
        op.execute("DROP FUNCTION IF EXISTS ret_placement_places()")
_UPGRADE_ACTOR = "RET Desk (bijwerken opslag 0007)"


def _audit(bind, action: str, detail: str, case: tuple | None = None) -> None:  # noqa: ANN001
    """One audit event per resolution, written as the upgrade (no account: no one logged in)."""
    import socket
    from datetime import UTC, datetime

    youth_id, case_id, number = case or (None, None, None)
    bind.execute(
        sa.text(
            "INSERT INTO audit_event (at, actor_account_id, actor_name, on_behalf_of, workstation, "
            "youth_id, case_id, case_number, action, detail) VALUES (:at, NULL, :actor, '', :ws, "
            ":youth, :case_id, :number, :action, :detail)"
        ),
        {
            "at": datetime.now(UTC).replace(tzinfo=None),
            "actor": _UPGRADE_ACTOR,
            "ws": socket.gethostname()[:255],
            "youth": youth_id,
            "case_id": case_id,
            "number": number,
            "action": action,
            "detail": detail,
        },
    )


def _dutch_date(value) -> str:  # noqa: ANN001 - a date (PostgreSQL) or its ISO text (SQLite)
    from datetime import date

    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{day:%d-%m-%Y}"


def _duplicate_running_placements(bind) -> list[tuple]:  # noqa: ANN001
    """(case number, placement id, location, AGB, start) of every youth with >1 running."""
    return list(
        bind.execute(
            sa.text(
                "SELECT c.number, p.id, l.name, l.agb, p.started_on FROM placement p "
                "JOIN ret_case c ON c.id = p.case_id JOIN location l ON l.id = p.location_id "
                "WHERE p.ended_on IS NULL AND p.youth_id IN (SELECT youth_id FROM placement "
                "WHERE ended_on IS NULL GROUP BY youth_id HAVING count(*) > 1) "
                "ORDER BY p.youth_id, p.started_on, p.id"
            )
        ).all()
    )


def _withdraw_duplicate_requests(bind) -> None:  # noqa: ANN001
    rows = bind.execute(
        sa.text(
            "SELECT r.id, r.case_id, c.youth_id, c.number, r.status FROM placement_request r "
            "JOIN ret_case c ON c.id = r.case_id WHERE r.status IN ('open', 'gematcht') AND r.case_id IN "
            "(SELECT case_id FROM placement_request WHERE status IN ('open', 'gematcht') "
            "GROUP BY case_id HAVING count(*) > 1) "
            "ORDER BY r.case_id, CASE r.status WHEN 'gematcht' THEN 0 ELSE 1 END, r.waiting_since, r.id"
        )
    ).all()
    kept: dict[int, int] = {}
    for request_id, case_id, youth_id, number, status in rows:
        if case_id not in kept:
            kept[case_id] = request_id  # the first in the order above stays
            continue
        bind.execute(
            sa.text(
                "UPDATE placement_request SET status = 'ingetrokken', version = version + 1 WHERE id = :id"
            ),
            {"id": request_id},
        )
        _audit(
            bind, "request_withdraw",
            f"Bijwerken opslag: dubbel open verzoek {request_id} ({status}) ingetrokken; verzoek "
            f"{kept[case_id]} blijft open (regel: één open plaatsingsverzoek per casus).",
            (youth_id, case_id, number),
        )  # fmt: skip


def _fix_capacity(bind) -> None:  # noqa: ANN001
    bind.execute(
        sa.text(
            "UPDATE location_offer SET places_taken = (SELECT count(*) FROM placement p WHERE p.ended_on IS "
            "NULL AND p.location_id = location_offer.location_id AND p.type_code = location_offer.type_code)"
        )
    )
    rows = bind.execute(
        sa.text(
            "SELECT o.id, l.agb, o.type_code, o.places_free, o.places_total, o.places_taken "
            "FROM location_offer o JOIN location l ON l.id = o.location_id "
            "WHERE o.places_free < 0 OR o.places_taken > o.places_total ORDER BY o.id"
        )
    ).all()
    for offer_id, agb, type_code, free, total, taken in rows:
        new_free, new_total = max(free, 0), max(total, taken)
        bind.execute(
            sa.text(
                "UPDATE location_offer SET places_free = :free, places_total = :total, "
                "version = version + 1 WHERE id = :id"
            ),
            {"free": new_free, "total": new_total, "id": offer_id},
        )
        _audit(
            bind, "capacity_edit",
            f"Bijwerken opslag: {agb} {type_code}: {free}/{total} -> {new_free}/{new_total}, want er lopen "
            f"{taken} plaatsingen (regels: vrije plekken nooit onder nul, nooit meer plaatsingen dan plekken).",
        )  # fmt: skip


# --- case numbers that cannot collide; one agenda item per case per sitting ---------------


def _upgrade_numbers_agenda() -> None:
    """Case numbers from a counter per series, and an agenda whose positions and start
    times are unique per sitting. What an older store already breaks is listed first:
    a case twice on one sitting is refused (the store cannot choose which advice to
    keep); two items on one position are renumbered in their order; of two items with
    one start time the first keeps it and the other's time is cleared, to be planned
    again. Each repair leaves an audit event ("agenda_repair") naming the old value."""
    op.create_table(
        'case_number_counter',
        sa.Column('series', sa.String(length=20), nullable=False),
        sa.Column('last_number', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('series', name=op.f('pk_case_number_counter')),
    )
    _seed_case_number_counters()
    conflicts = _agenda_conflicts()
    _list_agenda_conflicts(conflicts)
    if conflicts["cases"]:
        _refuse_duplicate_agenda_cases(conflicts["cases"])
    _renumber_positions(conflicts["positions"])
    _clear_shared_slots()
    # Unique indexes, not table constraints: SQLite adds an index without copying the table.
    op.create_index('uq_agenda_item_position', 'agenda_item', ['session_id', 'position'], unique=True)
    op.create_index(
        'uq_agenda_item_slot', 'agenda_item', ['session_id', 'slot_start'], unique=True,
        sqlite_where=sa.text("slot_start <> ''"), postgresql_where=sa.text("slot_start <> ''"),
    )


def _downgrade_numbers_agenda() -> None:
    op.drop_index('uq_agenda_item_slot', table_name='agenda_item')
    op.drop_index('uq_agenda_item_position', table_name='agenda_item')
    op.drop_table('case_number_counter')


_NUMBER_PATTERN = r"^(RET|DEMO)-(\d{4})-(\d{1,9})$"  # as services/cases/case_numbers.py


def _seed_case_number_counters() -> None:
    """Each series starts at its highest stored number: RET-<year>, and DEMO."""
    import re

    highest: dict[str, int] = {}
    for (number,) in op.get_bind().execute(sa.text("SELECT number FROM ret_case")):
        match = re.match(_NUMBER_PATTERN, number.strip())
        if match:
            series = f"RET-{match[2]}" if match[1] == "RET" else "DEMO"
            highest[series] = max(highest.get(series, 0), int(match[3]))
    for series, last in sorted(highest.items()):
        op.get_bind().execute(
            sa.text("INSERT INTO case_number_counter (series, last_number) VALUES (:s, :n)"),
            {"s": series, "n": last},
        )


def _agenda_conflicts() -> dict[str, list[tuple]]:
    """The rows that break the new rules: (sitting, case number, item id) for each item
    of a case twice on a sitting, (sitting, position, count) and (sitting, start time, count)."""
    bind = op.get_bind()
    return {
        "cases": list(bind.execute(sa.text(
            "SELECT a.session_id, c.number, a.id FROM agenda_item a JOIN ret_case c ON c.id = a.case_id "
            "WHERE EXISTS (SELECT 1 FROM agenda_item b WHERE b.session_id = a.session_id "
            "AND b.case_id = a.case_id AND b.id <> a.id) ORDER BY a.session_id, c.number, a.id"))),
        "positions": list(bind.execute(sa.text(
            "SELECT session_id, position, count(*) FROM agenda_item "
            "GROUP BY session_id, position HAVING count(*) > 1 ORDER BY session_id, position"))),
        "slots": list(bind.execute(sa.text(
            "SELECT session_id, slot_start, count(*) FROM agenda_item WHERE slot_start <> '' "
            "GROUP BY session_id, slot_start HAVING count(*) > 1 ORDER BY session_id, slot_start"))),
    }


def _list_agenda_conflicts(conflicts: dict[str, list[tuple]]) -> None:
    """Say what is found before anything is changed (on standard error when the caller
    has set up no logging; ids, positions and times only, no youth's data)."""
    import logging

    found = [f"zitting {s}: {n} agendapunten op plaats {p}" for s, p, n in conflicts["positions"]]
    found += [f"zitting {s}: {n} agendapunten om {t}" for s, t, n in conflicts["slots"]]
    found += [f"zitting {s}: agendapunt {i}, een casus die er vaker op staat"
              for s, _, i in conflicts["cases"]]
    if found:
        logging.getLogger("ret_desk.migrations").warning(
            "Agenda's die de nieuwe regels breken: %s.", "; ".join(found)
        )


def _refuse_duplicate_agenda_cases(rows: list[tuple]) -> None:
    """Refuse, naming each sitting, case and item: which advice to keep is not the
    store's to decide. The rule is a constraint since 0002, so only a store edited by hand
    gets here."""
    from ret_desk.domain.errors import StoreError

    found: dict[tuple[int, str], list[int]] = {}
    for sitting, number, item in rows:
        found.setdefault((sitting, number), []).append(item)
    listed = "; ".join(
        f"zitting {s}: casus {n} staat er {len(ids)} keer op (agendapunten {', '.join(map(str, ids))})"
        for (s, n), ids in found.items()
    )
    raise StoreError(
        "De opslag kan niet worden bijgewerkt: een casus mag maar één keer op een zitting "
        f"staan, en dat geldt hier niet ({listed}). Kies per casus welk agendapunt blijft en "
        "verwijder de andere, met de vorige versie van RET Desk (Experttafel, zitting, 'van de "
        "agenda halen') of met SQL (DELETE FROM action_item WHERE agenda_item_id = N; DELETE "
        "FROM agenda_item WHERE id = N), na een back-up. Werk de opslag daarna opnieuw bij. "
        "Er is niets gewijzigd."
    )


def _audit_repair(item_id: int, detail: str) -> None:
    """An audit event for a repaired agenda item, by the store upgrade itself."""
    import socket
    from datetime import UTC, datetime

    op.get_bind().execute(
        sa.text(
            "INSERT INTO audit_event (at, actor_account_id, actor_name, on_behalf_of, workstation, "
            "youth_id, case_id, case_number, action, detail) "
            "SELECT :at, NULL, 'opslag-bijwerken', '', :ws, c.youth_id, c.id, c.number, "
            "'agenda_repair', :detail FROM agenda_item a JOIN ret_case c ON c.id = a.case_id "
            "WHERE a.id = :item"
        ),
        {"at": datetime.now(UTC).replace(tzinfo=None), "ws": socket.gethostname()[:255],
         "detail": detail, "item": item_id},
    )


def _renumber_positions(shared: list[tuple]) -> None:
    """A sitting with two items on one position gets positions 1..n in its order
    (position, then start time, then the order the items were added)."""
    bind = op.get_bind()
    for sitting in sorted({s for s, _, _ in shared}):
        items = bind.execute(sa.text(
            "SELECT id, position FROM agenda_item WHERE session_id = :s "
            "ORDER BY position, slot_start, id"), {"s": sitting}).all()
        for new, (item_id, old) in enumerate(items, start=1):
            if new != old:
                bind.execute(sa.text("UPDATE agenda_item SET position = :p WHERE id = :i"),
                             {"p": new, "i": item_id})
                _audit_repair(item_id, f"zitting {sitting}: plaats {old} gedeeld met een ander "
                                       f"agendapunt, nu plaats {new} (bijwerken opslag)")


def _clear_shared_slots() -> None:
    """Of the items sharing a start time on a sitting the first (by position) keeps it;
    the others lose it, to be planned again by the chair (their old time is audited)."""
    bind = op.get_bind()
    for sitting, slot, _ in _agenda_conflicts()["slots"]:
        items = bind.execute(sa.text(
            "SELECT id FROM agenda_item WHERE session_id = :s AND slot_start = :t "
            "ORDER BY position, id"), {"s": sitting, "t": slot}).scalars().all()
        for item_id in items[1:]:
            bind.execute(sa.text("UPDATE agenda_item SET slot_start = '' WHERE id = :i"),
                         {"i": item_id})
            _audit_repair(item_id, f"zitting {sitting}: begintijd {slot} gedeeld met een ander "
                                   "agendapunt, tijd gewist: plan opnieuw (bijwerken opslag)")


# --- the audit chain -----------------------------------------------------------------------


def _upgrade_audit_chain() -> None:
    """Chain every audit event (see ret_desk/db/audit_chain.py): add the columns and the
    head row, chain the events an older store already has in id order, then let the store
    chain every new insert itself (a trigger)."""
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chain_seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('content_digest', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('chain_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('redacted_at', sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_audit_event_chain_seq'), ['chain_seq'])
    op.create_table(
        'audit_chain_head',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('chain_hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain_head')),
    )
    if _is_postgresql():
        for statement in _PG_CHAIN_FUNCTIONS:
            op.execute(statement)
    seq, value = _chain_existing_events()
    op.get_bind().execute(
        sa.text("INSERT INTO audit_chain_head (id, seq, chain_hash) VALUES (1, :seq, :value)"),
        {"seq": seq, "value": value},
    )
    op.execute(_PG_CHAIN_TRIGGER if _is_postgresql() else _SQLITE_CHAIN_TRIGGER)


def _downgrade_audit_chain() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_event_chain" + (" ON audit_event" if _is_postgresql() else ""))
    if _is_postgresql():
        op.execute("DROP FUNCTION IF EXISTS ret_audit_chain()")
        op.execute("DROP FUNCTION IF EXISTS ret_audit_content(audit_event)")
        op.execute("DROP FUNCTION IF EXISTS ret_audit_field(text)")
    op.drop_table('audit_chain_head')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_event_chain_seq'), type_='unique')
        batch_op.drop_column('redacted_at')
        batch_op.drop_column('chain_hash')
        batch_op.drop_column('content_digest')
        batch_op.drop_column('chain_seq')


# A frozen copy of ret_desk/db/audit_chain.py's canonical content: each field `N;` or
# `S<length>:<text>;`, times as 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC).
_CHAIN_FIELDS = (
    'id', 'at', 'actor_account_id', 'actor_name', 'on_behalf_of', 'workstation',
    'youth_id', 'case_id', 'case_number', 'action', 'detail',
)
_GENESIS = '0' * 64

_PG_CHAIN_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION ret_audit_field(v text) RETURNS text
       LANGUAGE sql IMMUTABLE
       AS $$ SELECT CASE WHEN v IS NULL THEN 'N;' ELSE 'S' || length(v) || ':' || v || ';' END $$""",
    """CREATE OR REPLACE FUNCTION ret_audit_content(e audit_event) RETURNS text
       LANGUAGE sql STABLE
       AS $$ SELECT 'v1;' || ret_audit_field(e.id::text)
           || ret_audit_field(to_char(e.at, 'YYYY-MM-DD HH24:MI:SS.US'))
           || ret_audit_field(e.actor_account_id::text) || ret_audit_field(e.actor_name)
           || ret_audit_field(e.on_behalf_of) || ret_audit_field(e.workstation)
           || ret_audit_field(e.youth_id::text) || ret_audit_field(e.case_id::text)
           || ret_audit_field(e.case_number) || ret_audit_field(e.action)
           || ret_audit_field(e.detail) $$""",
    # SECURITY DEFINER: the trigger updates the head row, which no user may change itself.
    # The head row's lock makes concurrent inserts one line, in commit order; a
    # REPEATABLE READ writer that lost the race gets a serialisation error, never a fork.
    # Who and when are the server's (docs/postgresql.md, "Wie en wanneer"): an event
    # inserted over a person's own login (session_user ret_u_...) is that login's account's
    # event, whatever it says (overwritten, not refused: the attempt stays on record), and
    # every inserter but the owner (migrations, the owner's commands) gets the server's
    # clock. The gate (ret_gate) keeps the name that was typed.
    """CREATE OR REPLACE FUNCTION ret_audit_chain() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
       AS $$
       DECLARE
           digest text;
           v_id integer;
           v_name text;
       BEGIN
           IF session_user LIKE 'ret\\_u\\_%' THEN
               SELECT a.id, a.username INTO v_id, v_name FROM account a
                WHERE 'ret_u_' || a.username = session_user;
               IF NOT FOUND THEN
                   RAISE EXCEPTION 'De databaselogin % hoort niet bij een RET Desk-account.', session_user
                       USING ERRCODE = 'insufficient_privilege';
               END IF;
               NEW.actor_account_id := v_id;
               NEW.actor_name := v_name;
           END IF;
           IF session_user <> current_user THEN  -- current_user: the owner (SECURITY DEFINER)
               NEW.at := clock_timestamp() AT TIME ZONE 'UTC';
           END IF;
           digest := encode(sha256(convert_to(ret_audit_content(NEW), 'UTF8')), 'hex');
           UPDATE audit_chain_head
              SET seq = seq + 1,
                  chain_hash = encode(sha256(convert_to(chain_hash || digest, 'UTF8')), 'hex')
            WHERE id = 1
           RETURNING seq, chain_hash INTO NEW.chain_seq, NEW.chain_hash;
           IF NOT FOUND THEN
               RAISE EXCEPTION 'audit_chain_head ontbreekt';
           END IF;
           NEW.content_digest := digest;
           RETURN NEW;
       END $$""",
)
_PG_CHAIN_TRIGGER = (
    "CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION ret_audit_chain()"
)


def _sqlite_content(alias: str) -> str:
    def field(column: str) -> str:
        value = f"CAST({alias}.{column} AS TEXT)"
        return (
            f"(CASE WHEN {alias}.{column} IS NULL THEN 'N;' "
            f"ELSE 'S' || length({value}) || ':' || {value} || ';' END)"
        )

    return "('v1;' || " + " || ".join(field(c) for c in _CHAIN_FIELDS) + ")"


# SQLite's write lock already serialises writers; ret_sha256 is registered on every
# connection of the app's engine (ret_desk/db/engine.py), so an insert from elsewhere fails.
_SQLITE_CHAIN_TRIGGER = f"""CREATE TRIGGER audit_event_chain AFTER INSERT ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_chain_head ontbreekt')
     WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head WHERE id = 1);
    UPDATE audit_chain_head
       SET seq = seq + 1, chain_hash = ret_sha256(chain_hash || ret_sha256({_sqlite_content('NEW')}))
     WHERE id = 1;
    UPDATE audit_event
       SET content_digest = ret_sha256({_sqlite_content('NEW')}),
           chain_seq = (SELECT seq FROM audit_chain_head WHERE id = 1),
           chain_hash = (SELECT chain_hash FROM audit_chain_head WHERE id = 1)
     WHERE id = NEW.id;
END"""


def _chain_existing_events() -> tuple[int, str]:
    """Chain an older store's events in id order; returns the last position and value."""
    import hashlib

    def sha(text: str) -> str:
        return hashlib.sha256(text.encode('utf-8')).hexdigest()

    bind = op.get_bind()
    content = 'ret_audit_content(e)' if _is_postgresql() else _sqlite_content('e')
    page = sa.text(f"SELECT e.id, {content} FROM audit_event e WHERE e.id > :after ORDER BY e.id LIMIT 5000")
    update = sa.text(
        "UPDATE audit_event SET chain_seq = :seq, content_digest = :digest, chain_hash = :value "
        "WHERE id = :id"
    )
    seq, value, after = 0, _GENESIS, 0
    while rows := bind.execute(page, {"after": after}).all():  # in pages: a big log never sits in memory
        batch = []
        for event_id, text in rows:
            digest = sha(text)
            seq, value = seq + 1, sha(value + digest)
            batch.append({"id": event_id, "seq": seq, "digest": digest, "value": value})
        bind.execute(update, batch)
        after = rows[-1][0]
    return seq, value


# --- server-side audit of writes (PostgreSQL) -----------------------------------------------


def _upgrade_server_audit() -> None:
    """Every write to a child's data is recorded by the server in `audit_write`: the login
    role, the table, the row, the operation and the changed fields (names only, never
    values), plus the app's context when it set one (`ret_desk.*` transaction settings,
    db/audit.py). The triggers are deferred to the end of the transaction, so that they
    see the context the app sets at any point of it. Also the failed-login gate."""
    if not _is_postgresql():
        return
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one()
    path = f"pg_catalog, {_quote_ident(schema)}"
    # A downgrade keeps the table (an audit trail outlives the schema); an upgrade finds it.
    op.execute(_AUDIT_WRITE_TABLE)
    op.execute("REVOKE ALL ON audit_write FROM PUBLIC")
    op.execute(_AUDIT_WRITE_READ_ONLY.format(path=path))
    for when in ("UPDATE OR DELETE ON audit_write FOR EACH ROW", "TRUNCATE ON audit_write"):
        name = f"audit_write_read_only_{when.split()[0].lower()}"
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_write")
        op.execute(f"CREATE TRIGGER {name} BEFORE {when} EXECUTE FUNCTION ret_audit_write_read_only()")
    op.execute(_AUDIT_ROW_FUNCTION.format(path=path))
    op.execute(_AUDIT_TRUNCATE_FUNCTION.format(path=path))
    for table in CHILD_DATA_TABLES:
        op.execute(
            f"CREATE CONSTRAINT TRIGGER ret_audit_write AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ret_audit_row()"
        )
        op.execute(
            f"CREATE TRIGGER ret_audit_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION ret_audit_truncate()"
        )
    for function in ("ret_audit_row()", "ret_audit_truncate()", "ret_audit_write_read_only()"):
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    _upgrade_login_gate(path)


def _downgrade_server_audit() -> None:
    """Stops the server's audit of writes; the rows already in `audit_write` stay, still
    append-only (the table is dropped by hand, by the owner, if ever)."""
    if not _is_postgresql():
        return
    _downgrade_login_gate()
    for table in CHILD_DATA_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS ret_audit_write ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS ret_audit_truncate ON {table}")
    for function in ("ret_audit_row()", "ret_audit_truncate()"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")


# The tables that hold a child's data (or a decision about one); a new such table adds its
# name here in its own migration, with the same two triggers.
CHILD_DATA_TABLES = (
    "youth",
    "family_member",
    "ret_case",
    "route_assignment",
    "status_change",
    "note",
    "case_change",
    "agenda_item",
    "action_item",
    "placement_request",
    "match_decision",
    "placement",
    "mda_member",
    "mda_phase",
    "mda_safety_plan",
    "mda_risk_assessment",
    "mda_conference",
    "ro3_party",
    "ro3_agreement",
    "ro3_review",
    "rst_deployment",
)

# The login gate (docs/postgresql.md, "Mislukte aanmeldingen"): a role that can log in with
# a password everyone may know, and can do one thing only: record a failed login.
GATE_ROLE = "ret_gate"
GATE_PASSWORD = "ret-gate"


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_AUDIT_WRITE_TABLE = """
CREATE TABLE IF NOT EXISTS audit_write (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    txid bigint NOT NULL DEFAULT txid_current(),
    login_role text NOT NULL DEFAULT session_user,
    table_name text NOT NULL,
    row_key text,
    operation text NOT NULL,
    changed_fields text[] NOT NULL DEFAULT '{}',
    youth_id bigint,
    case_id bigint,
    app_action text,
    app_workstation text,
    app_on_behalf_of text,
    app_account text
)"""

_AUDIT_WRITE_READ_ONLY = """
CREATE OR REPLACE FUNCTION ret_audit_write_read_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = {path} AS $$
BEGIN
    RAISE EXCEPTION 'audit_write is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$"""

# SECURITY DEFINER: a user's role needs no right on audit_write to leave its trace there.
# The youth and case are found by column name, so that the auditor can find a youth's
# writes; `nullif(current_setting(..., true), '')` is NULL where the app set nothing.
_AUDIT_ROW_FUNCTION = """
CREATE FUNCTION ret_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
DECLARE
    new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
    old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
    row_data jsonb := coalesce(new_row, old_row);
    fields text[];
BEGIN
    IF TG_OP = 'UPDATE' THEN
        SELECT coalesce(array_agg(n.key ORDER BY n.key), '{{}}') INTO fields
          FROM jsonb_each(new_row) AS n
         WHERE old_row -> n.key IS DISTINCT FROM n.value;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT coalesce(array_agg(n.key ORDER BY n.key), '{{}}') INTO fields
          FROM jsonb_each(new_row) AS n WHERE n.value <> 'null'::jsonb;
    ELSE
        fields := '{{}}';
    END IF;
    INSERT INTO audit_write (table_name, row_key, operation, changed_fields, youth_id, case_id,
                             app_action, app_workstation, app_on_behalf_of, app_account)
    VALUES (
        TG_TABLE_NAME, row_data ->> 'id', TG_OP, fields,
        CASE TG_TABLE_NAME WHEN 'youth' THEN row_data ->> 'id' ELSE row_data ->> 'youth_id' END::bigint,
        CASE TG_TABLE_NAME WHEN 'ret_case' THEN row_data ->> 'id' ELSE row_data ->> 'case_id' END::bigint,
        nullif(current_setting('ret_desk.action', true), ''),
        nullif(current_setting('ret_desk.workstation', true), ''),
        nullif(current_setting('ret_desk.on_behalf_of', true), ''),
        nullif(current_setting('ret_desk.account', true), '')
    );
    RETURN NULL;
END $$"""

_AUDIT_TRUNCATE_FUNCTION = """
CREATE FUNCTION ret_audit_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
BEGIN
    INSERT INTO audit_write (table_name, operation, app_action, app_workstation,
                             app_on_behalf_of, app_account)
    VALUES (TG_TABLE_NAME, TG_OP,
            nullif(current_setting('ret_desk.action', true), ''),
            nullif(current_setting('ret_desk.workstation', true), ''),
            nullif(current_setting('ret_desk.on_behalf_of', true), ''),
            nullif(current_setting('ret_desk.account', true), ''));
    RETURN NULL;
END $$"""


def _upgrade_login_gate(path: str) -> None:
    """The gate role (cluster-wide, so created only when missing) and its one function."""
    op.execute(_CREATE_GATE_ROLE)
    op.execute(_GATE_FUNCTION.format(path=path))
    op.execute("REVOKE ALL ON FUNCTION ret_record_failed_login(text, text) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION ret_record_failed_login(text, text) TO {GATE_ROLE}")
    schema = path.split(", ", 1)[1]
    op.execute(f"GRANT USAGE ON SCHEMA {schema} TO {GATE_ROLE}")
    op.execute(f"GRANT CONNECT ON DATABASE {_quote_ident(_database())} TO {GATE_ROLE}")


def _downgrade_login_gate() -> None:
    """The role stays: other databases of the cluster may have their gate through it."""
    op.execute(f"REVOKE CONNECT ON DATABASE {_quote_ident(_database())} FROM {GATE_ROLE}")
    op.execute(f"REVOKE USAGE ON SCHEMA {_quote_ident(_schema())} FROM {GATE_ROLE}")
    op.execute("DROP FUNCTION IF EXISTS ret_record_failed_login(text, text)")


def _database() -> str:
    return op.get_bind().exec_driver_sql("SELECT current_database()").scalar_one()


def _schema() -> str:
    return op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one()


# An owner without CREATEROLE has the gate made once by a superuser (docs/postgresql.md).
_CREATE_GATE_ROLE = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{GATE_ROLE}') THEN
        IF NOT (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            RAISE EXCEPTION 'De rol {GATE_ROLE} ontbreekt. Laat een superuser die eenmalig '
                'maken: CREATE ROLE {GATE_ROLE} LOGIN PASSWORD ''{GATE_PASSWORD}'' CONNECTION LIMIT 20';
        END IF;
        CREATE ROLE {GATE_ROLE} LOGIN NOINHERIT NOCREATEDB NOCREATEROLE CONNECTION LIMIT 20
            PASSWORD '{GATE_PASSWORD}';
    END IF;
END $$"""

# One refused login, as an audit event with the name that was tried (cut to the column's
# size) and the workstation; the gate sees nothing back, not even whether the name exists.
_GATE_FUNCTION = """
CREATE FUNCTION ret_record_failed_login(p_username text, p_workstation text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
BEGIN
    INSERT INTO audit_event (at, actor_name, on_behalf_of, workstation, action, detail)
    VALUES (now() AT TIME ZONE 'UTC', left(coalesce(p_username, ''), 64), '',
            left(coalesce(p_workstation, ''), 255), 'login_failed',
            'geweigerd door PostgreSQL');
END $$"""


# --- group roles, grants and account functions (PostgreSQL) --------------------------------


def _upgrade_roles() -> None:
    """Group roles (cluster-wide, made once), the account functions, and the GRANTs of
    ret_desk/db/grants.py (per database). PostgreSQL only: SQLite is one workstation."""
    if not _is_postgresql():
        return
    from ret_desk.db import grants

    bind = op.get_bind()
    for group in grants.EVERY:
        _run(_CREATE_GROUP.replace("{group}", group))
    _run(_SIGNAL_BACKEND)
    # Every group may connect, also ret_pending (a reset login must reach its own password
    # change) when the DBA revoked CONNECT from PUBLIC, as docs/postgresql.md advises.
    groups = ", ".join(_quote_ident(group) for group in grants.EVERY)
    _run(f"GRANT CONNECT ON DATABASE {_quote_ident(_database())} TO {groups}")
    for statement in _ROLE_FUNCTIONS:
        _run(statement)
    for name, groups in _FUNCTION_GRANTS.items():
        _run(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        if groups:
            _run(f"GRANT EXECUTE ON FUNCTION {name} TO {', '.join(groups)}")
    grants.apply(bind)


#: Deactivating an account ends its open sessions (ret_account_set_active), which needs the
#: owner to be a member of pg_signal_backend; a superuser owner already may.
_SIGNAL_BACKEND = """
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'pg_signal_backend', 'MEMBER') THEN
        EXECUTE format('GRANT pg_signal_backend TO %I', current_user);
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'Geef de eigenaar het recht pg_signal_backend (GRANT pg_signal_backend TO %), '
        'anders blijven open sessies van een gedeactiveerd account open.', current_user;
END $$
"""


def _downgrade_roles() -> None:
    """Revoke the grants and drop the functions. The group roles stay: they belong to the
    whole server, and other databases (or login roles) may still use them."""
    if not _is_postgresql():
        return
    from ret_desk.db import grants

    grants.revoke(op.get_bind())
    for name in reversed(list(_FUNCTION_GRANTS)):
        _run(f"DROP FUNCTION IF EXISTS {name}")


def _run(sql: str) -> None:
    """One statement as written (PL/pgSQL uses % and :=, which no driver may rewrite)."""
    with op.get_bind().connection.dbapi_connection.cursor() as cursor:
        cursor.execute(sql)


# A role is cluster-wide: create it when missing, and let a concurrent creator win.
_CREATE_GROUP = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN
        CREATE ROLE {group} NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$
"""

_ADMINS = ("ret_admin",)
_AUDIT_READERS = ("ret_auditor", "ret_admin")
_EVERYONE = ("ret_coordinator", "ret_chair", "ret_placement", "ret_auditor", "ret_admin")
# a login whose password was reset (grants.PENDING) may only do these
_AND_PENDING = (*_EVERYONE, "ret_pending")
_FUNCTION_GRANTS = {
    "ret_login_role(text)": _AND_PENDING,
    "ret_whoami()": _AND_PENDING,
    "ret_change_own_password(text, text)": _AND_PENDING,
    "ret_account_create(text, text, text, text, text)": _ADMINS,
    "ret_account_set_active(text, boolean, integer)": _ADMINS,
    "ret_account_set_role(text, text, integer)": _ADMINS,
    "ret_account_set_password(text, text, text, boolean, integer)": _ADMINS,
    "ret_audit_youth_ids(text, text, text)": _AUDIT_READERS,
    "ret_audit_case_ids(integer[])": _AUDIT_READERS,
    "ret_audit_case_id(text)": _AUDIT_READERS,
    "ret_audit_youth_name(integer)": _AUDIT_READERS,
    # helpers of the functions above, which run them as the owner
    "ret_group(text)": (),
    "ret_check_login(text)": (),
    "ret_check_verifier(text)": (),
    "ret_account_row(text, integer)": (),
    "ret_check_username(text)": (),
    "ret_account_audit(text, text)": (),
    "ret_audit_lookup(text)": (),
    "ret_set_group(text, text)": (),
}

# Every function that changes a role is SECURITY DEFINER, owned by the owner who runs the
# migration, with a fixed search_path; it touches only login roles named ret_u_<user
# name> that are members of a ret_* group, and the five groups. Errors carry SQLSTATE
# RD001 (someone else changed the account) or RD002 (refused, Dutch message).
_ROLE_FUNCTIONS = [
    """
CREATE OR REPLACE FUNCTION ret_login_role(p_username text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$ SELECT 'ret_u_' || p_username $$
""",
    """
CREATE OR REPLACE FUNCTION ret_group(p_role text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
    RETURN CASE p_role
        WHEN 'coordinator' THEN 'ret_coordinator'
        WHEN 'chair' THEN 'ret_chair'
        WHEN 'placement_officer' THEN 'ret_placement'
        WHEN 'auditor' THEN 'ret_auditor'
        WHEN 'admin' THEN 'ret_admin'
    END;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_whoami()
RETURNS TABLE (account_id integer, username text, role text, active boolean,
               must_change_password boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT a.id, a.username::text, a.role::text, a.active, a.must_change_password
    FROM public.account a WHERE ret_login_role(a.username) = session_user
$$
""",
    """
CREATE OR REPLACE FUNCTION ret_check_login(p_login text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    -- Only our own logins: a role called ret_u_... that is in one of the five groups.
    IF NOT EXISTS (
        SELECT 1 FROM pg_auth_members m
        JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
        WHERE r.rolname = p_login AND NOT r.rolsuper AND g.rolname IN
            ('ret_coordinator', 'ret_chair', 'ret_placement', 'ret_auditor', 'ret_admin', 'ret_pending')
    ) THEN
        RAISE EXCEPTION 'De databaselogin % hoort niet bij RET Desk.', p_login USING ERRCODE = 'RD002';
    END IF;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
    -- Never a password in clear text: it would land in the server's statement log.
    IF p_verifier IS NULL OR p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'Alleen een SCRAM-verifier, geen wachtwoord.' USING ERRCODE = 'RD002';
    END IF;
END $$
""",
    # The app's rule for a user name (services/admin/accounts.py), also from psql.
    """
CREATE OR REPLACE FUNCTION ret_check_username(p_username text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
    IF p_username IS NULL OR p_username = '' OR length(p_username) > 64
       OR p_username ~ '[[:space:][:cntrl:]]' THEN
        RAISE EXCEPTION 'Kies een gebruikersnaam zonder spaties.' USING ERRCODE = 'RD002';
    END IF;
    IF p_username ~ '["''\\\\]' THEN
        RAISE EXCEPTION 'Een gebruikersnaam mag geen aanhalingstekens of backslash bevatten.'
            USING ERRCODE = 'RD002';
    END IF;
END $$
""",
    # Every account function leaves its own audit event, also when called from psql. The
    # actor is the caller's account (the chain trigger makes it so for a person's login);
    # workstation and "on behalf of" come from the app's transaction settings (db/audit.py).
    """
CREATE OR REPLACE FUNCTION ret_account_audit(p_action text, p_detail text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_name text := coalesce(nullif(current_setting('ret_desk.account', true), ''), session_user);
BEGIN
    INSERT INTO public.audit_event (at, actor_account_id, actor_name, on_behalf_of, workstation,
                                    action, detail)
    VALUES (clock_timestamp() AT TIME ZONE 'UTC',
            (SELECT a.id FROM public.account a WHERE a.username = v_name), left(v_name, 64),
            left(coalesce(current_setting('ret_desk.on_behalf_of', true), ''), 100),
            left(coalesce(nullif(current_setting('ret_desk.workstation', true), ''),
                          host(inet_client_addr()), 'lokaal'), 255),
            p_action, p_detail);
END $$
""",
    # A login is in exactly one of the groups: its role's, or ret_pending after a reset.
    """
CREATE OR REPLACE FUNCTION ret_set_group(p_login text, p_group text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    v_old text;
BEGIN
    FOREACH v_old IN ARRAY ARRAY['ret_coordinator', 'ret_chair', 'ret_placement', 'ret_auditor',
                                 'ret_admin', 'ret_pending'] LOOP
        IF v_old <> p_group AND EXISTS (
            SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
            JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = p_login AND g.rolname = v_old
        ) THEN
            EXECUTE format('REVOKE %I FROM %I', v_old, p_login);
        END IF;
    END LOOP;
    IF NOT pg_has_role(p_login, p_group, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', p_group, p_login);
    END IF;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_create(
    p_username text, p_display_name text, p_role text, p_verifier text, p_hash text)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_login text := ret_login_role(p_username);
    v_group text := ret_group(p_role);
    v_id integer;
BEGIN
    PERFORM ret_check_verifier(p_verifier);
    PERFORM ret_check_username(p_username);
    IF v_group IS NULL THEN
        RAISE EXCEPTION 'Onbekende rol %.', p_role USING ERRCODE = 'RD002';
    END IF;
    IF octet_length(v_login) > 63 THEN
        RAISE EXCEPTION 'De gebruikersnaam % is te lang voor PostgreSQL.', p_username USING ERRCODE = 'RD002';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_login) THEN
        RAISE EXCEPTION 'De databaselogin % bestaat al op deze server.', v_login USING ERRCODE = 'RD002';
    END IF;
    INSERT INTO public.account (username, display_name, role, password_hash, active,
                                must_change_password, created_at, version)
    VALUES (p_username, p_display_name, p_role, p_hash, true, false, now(), 1)
    RETURNING id INTO v_id;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', v_login, p_verifier, v_group);
    PERFORM ret_account_audit('account_create', format('account %s (%s)', p_username, p_role));
    RETURN v_id;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_row(p_username text, p_version integer)
RETURNS public.account
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account;
BEGIN
    SELECT * INTO v_row FROM public.account WHERE username = p_username FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Het account % bestaat niet.', p_username USING ERRCODE = 'RD002';
    END IF;
    IF p_version IS NOT NULL AND v_row.version <> p_version THEN
        RAISE EXCEPTION 'Iemand anders heeft het account % intussen gewijzigd.', p_username
            USING ERRCODE = 'RD001';
    END IF;
    PERFORM ret_check_login(ret_login_role(p_username));
    RETURN v_row;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_set_active(p_username text, p_active boolean, p_version integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account := ret_account_row(p_username, p_version);
BEGIN
    IF NOT p_active AND ret_login_role(p_username) = session_user THEN
        RAISE EXCEPTION 'U kunt uw eigen account niet deactiveren.' USING ERRCODE = 'RD002';
    END IF;
    UPDATE public.account SET active = p_active, version = version + 1 WHERE id = v_row.id;
    EXECUTE format('ALTER ROLE %I %s', ret_login_role(p_username),
                   CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
    IF NOT p_active THEN
        -- End the person's open sessions: an open window must not go on saving. Their
        -- reconnect is refused ("not permitted to log in"). Needs pg_signal_backend.
        PERFORM pg_terminate_backend(a.pid)
           FROM pg_stat_activity AS a
          WHERE a.usename = ret_login_role(p_username)
            AND a.datname = current_database()
            AND a.pid <> pg_backend_pid();
    END IF;
    PERFORM ret_account_audit(CASE WHEN p_active THEN 'account_enable' ELSE 'account_disable' END,
                              format('account %s', p_username));
    RETURN v_row.version + 1;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_set_role(p_username text, p_role text, p_version integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account := ret_account_row(p_username, p_version);
    v_login text := ret_login_role(p_username);
    v_group text := ret_group(p_role);
BEGIN
    IF v_group IS NULL THEN
        RAISE EXCEPTION 'Onbekende rol %.', p_role USING ERRCODE = 'RD002';
    END IF;
    IF v_login = session_user THEN
        RAISE EXCEPTION 'U kunt uw eigen rol niet wijzigen; vraag een andere beheerder.'
            USING ERRCODE = 'RD002';
    END IF;
    UPDATE public.account SET role = p_role, version = version + 1 WHERE id = v_row.id;
    -- a login waiting for its own new password stays in ret_pending until then
    PERFORM ret_set_group(v_login, CASE WHEN v_row.must_change_password THEN 'ret_pending' ELSE v_group END);
    PERFORM ret_account_audit('account_role', format('account %s: %s -> %s', p_username, v_row.role, p_role));
    RETURN v_row.version + 1;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_set_password(
    p_username text, p_verifier text, p_hash text, p_must_change boolean, p_version integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account := ret_account_row(p_username, p_version);
    v_login text := ret_login_role(p_username);
BEGIN
    PERFORM ret_check_verifier(p_verifier);
    -- Someone else's password is a temporary one: only the owner sets a final one.
    IF NOT p_must_change AND session_user <> current_user THEN
        RAISE EXCEPTION 'Een hersteld wachtwoord moet bij de volgende aanmelding gewijzigd worden.'
            USING ERRCODE = 'RD002';
    END IF;
    UPDATE public.account SET password_hash = p_hash, must_change_password = p_must_change,
        version = version + 1 WHERE id = v_row.id;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', v_login, p_verifier);
    -- Until the person chose a new password, the login has none of the role's rights: the
    -- administrator who knows the temporary password cannot use it as the person.
    PERFORM ret_set_group(v_login, CASE WHEN p_must_change THEN 'ret_pending' ELSE ret_group(v_row.role) END);
    PERFORM ret_account_audit(CASE WHEN p_must_change THEN 'account_password_reset' ELSE 'password_change' END,
                              format('account %s', p_username));
    RETURN v_row.version + 1;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_change_own_password(p_verifier text, p_hash text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account;
BEGIN
    PERFORM ret_check_verifier(p_verifier);
    SELECT * INTO v_row FROM public.account WHERE ret_login_role(username) = session_user FOR UPDATE;
    IF NOT FOUND OR NOT v_row.active THEN
        RAISE EXCEPTION 'Deze databaselogin hoort niet bij een actief RET Desk-account.'
            USING ERRCODE = 'RD002';
    END IF;
    PERFORM ret_check_login(session_user);
    UPDATE public.account SET password_hash = p_hash, must_change_password = false,
        version = version + 1 WHERE id = v_row.id;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, p_verifier);
    PERFORM ret_set_group(session_user, ret_group(v_row.role));  -- back from ret_pending
    PERFORM ret_account_audit('password_change', format('account %s', v_row.username));
END $$
""",
    # The auditor searches the log by BSN, case number or name without reading the youth's
    # record: these return ids only (issue 10 §2). Each search and each name leaves an
    # `audit_lookup` event per youth found (which filter and the youth's id in the detail,
    # never the value searched for or the name), so that walking through the youths from
    # psql shows in the log; a name pattern needs two characters besides the wildcards.
    # The youth_id column stays empty: reading the log must not add to a youth's trail.
    """
CREATE OR REPLACE FUNCTION ret_audit_youth_ids(p_bsn text, p_case text, p_name text)
RETURNS SETOF integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_ids integer[];
    v_how text := concat_ws(', ', CASE WHEN p_bsn IS NOT NULL THEN 'BSN' END,
                            CASE WHEN p_case IS NOT NULL THEN 'casusnummer' END,
                            CASE WHEN p_name IS NOT NULL THEN 'naam' END);
BEGIN
    IF p_name IS NOT NULL AND length(regexp_replace(p_name, '[%_]', '', 'g')) < 2 THEN
        RAISE EXCEPTION 'Zoek op minstens twee tekens van een naam.' USING ERRCODE = 'RD002';
    END IF;
    SELECT coalesce(array_agg(DISTINCT f.id), '{}') INTO v_ids FROM (
        SELECT y.id FROM public.youth y WHERE p_bsn IS NOT NULL AND y.bsn = p_bsn
        UNION
        SELECT c.youth_id FROM public.ret_case c
         WHERE p_case IS NOT NULL AND lower(c.number) = lower(p_case)
        UNION
        SELECT y.id FROM public.youth y WHERE p_name IS NOT NULL
            AND (lower(y.given_name || ' ' || y.family_name) LIKE p_name ESCAPE '\\'
                 OR lower(y.family_name) LIKE p_name ESCAPE '\\')
    ) f;
    PERFORM ret_audit_lookup('auditlogboek doorzocht op ' || coalesce(nullif(v_how, ''), 'niets')
                             || ': ' || coalesce('jeugdige ' || v_id, 'niets gevonden'))
       FROM unnest(CASE WHEN cardinality(v_ids) = 0 THEN ARRAY[NULL::integer] ELSE v_ids END) AS v_id;
    RETURN QUERY SELECT unnest(v_ids);
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_audit_case_ids(p_youth_ids integer[]) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT c.id FROM public.ret_case c WHERE c.youth_id = ANY (p_youth_ids)
$$
""",
    """
CREATE OR REPLACE FUNCTION ret_audit_youth_name(p_youth_id integer) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_name text;
BEGIN
    -- only a youth the log speaks of: no walking through the youth table by id
    SELECT y.given_name || ' ' || y.family_name INTO v_name FROM public.youth y
     WHERE y.id = p_youth_id
       AND EXISTS (SELECT 1 FROM public.audit_event e WHERE e.youth_id = p_youth_id);
    IF v_name IS NOT NULL THEN
        PERFORM ret_audit_lookup('naam getoond in het auditlogboek: jeugdige ' || p_youth_id);
    END IF;
    RETURN v_name;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_audit_lookup(p_detail text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    INSERT INTO public.audit_event (at, actor_account_id, actor_name, on_behalf_of, workstation,
                                    action, detail)
    VALUES (clock_timestamp() AT TIME ZONE 'UTC', NULL, left(session_user, 64),
            left(coalesce(current_setting('ret_desk.on_behalf_of', true), ''), 100),
            left(coalesce(nullif(current_setting('ret_desk.workstation', true), ''),
                          host(inet_client_addr()), 'lokaal'), 255),
            'audit_lookup', p_detail);
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_audit_case_id(p_number text) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT c.id FROM public.ret_case c WHERE c.number = p_number
$$
""",
]


# --- login roles for the accounts of an older store (PostgreSQL) -------------------------


def _upgrade_existing_accounts() -> None:
    """Every account of an older store gets its login role, in the group of its role
    (PostgreSQL only). An argon2 hash cannot become a SCRAM verifier, so the login has no
    usable password yet and the account must choose a new one: the owner gives an
    administrator a first password (`ret-desk --db <eigenaar-URL> user reset-password
    NAAM`), and that administrator resets the others in the app. A login that already
    exists is kept when it is ours (in the right group); any other is left alone and the
    account named. What happened is put in the Alembic config's attributes
    ("migrated_accounts": (user name, role, outcome)) for the upgrade's output."""
    if not _is_postgresql():
        return
    bind = op.get_bind()
    done: list[tuple[str, str, str]] = []
    rows = bind.execute(sa.text("SELECT id, username, role, active FROM account ORDER BY username")).all()
    for account_id, username, role, active in rows:
        outcome = _account_login(bind, username, role, active)
        if not outcome.startswith(_NOT_MIGRATED):
            bind.execute(
                sa.text(
                    "UPDATE account SET must_change_password = true, version = version + 1 WHERE id = :id"
                ),
                {"id": account_id},
            )
        done.append((username, role, outcome))
    if done:
        _audit(
            bind, "store_upgrade",
            "Bijwerken opslag: databaselogins voor bestaande accounts: "
            + "; ".join(f"{name} ({outcome})" for name, _, outcome in done),
        )  # fmt: skip
    from alembic import context

    attributes = getattr(getattr(context, "config", None), "attributes", None)
    if attributes is not None:
        attributes["migrated_accounts"] = done


def _downgrade_existing_accounts() -> None:
    """The login roles stay (cluster-wide; the account functions of 0007 are dropped by
    `_downgrade_roles`, and 0006 logs in with the argon2 hash in `account`)."""


_LOGIN_CREATED = "login aangemaakt, nog zonder wachtwoord"
_NOT_MIGRATED = "niet overgezet"


def _account_login(bind, username: str, role: str, active: bool) -> str:  # noqa: ANN001
    """Create the login of one account; what happened, in Dutch, for the output."""
    from ret_desk.db import login_roles

    login = login_roles.role_name(username)
    group = _GROUPS.get(role)
    if group is None or not login_roles.name_fits(username):
        return f"{_NOT_MIGRATED}: onbekende rol of te lange gebruikersnaam"
    existing = bind.execute(
        sa.text(
            "SELECT r.rolsuper, pg_has_role(r.oid, CAST(:g AS name), 'MEMBER') "
            "FROM pg_roles r WHERE r.rolname = :login"
        ),
        {"login": login, "g": group},
    ).first()
    if existing is not None:
        superuser, member = existing
        if superuser or not member:
            return f"{_NOT_MIGRATED}: de databaselogin {login} bestaat al en hoort niet bij RET Desk"
        return "login bestond al; moet wachtwoord wijzigen"
    option = "LOGIN" if active else "NOLOGIN"
    _run(f"CREATE ROLE {_quote_ident(login)} {option} PASSWORD NULL IN ROLE {group}")
    return _LOGIN_CREATED


_GROUPS = {
    "coordinator": "ret_coordinator",
    "chair": "ret_chair",
    "placement_officer": "ret_placement",
    "auditor": "ret_auditor",
    "admin": "ret_admin",
}
