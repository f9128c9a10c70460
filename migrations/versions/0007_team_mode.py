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


def downgrade() -> None:
    _downgrade_roles()
    _downgrade_server_audit()
    _downgrade_audit_chain()
    _downgrade_numbers_agenda()
    _downgrade_placement_rules()


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


# --- placement rules: one running placement per youth, one open request per case, places ---


def _upgrade_placement_rules() -> None:
    pass


def _downgrade_placement_rules() -> None:
    pass


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
    pass


def _downgrade_audit_chain() -> None:
    pass


# --- server-side audit of writes (PostgreSQL) -----------------------------------------------


def _upgrade_server_audit() -> None:
    pass


def _downgrade_server_audit() -> None:
    pass


# --- group roles, grants and account functions (PostgreSQL) --------------------------------


def _upgrade_roles() -> None:
    pass


def _downgrade_roles() -> None:
    pass
