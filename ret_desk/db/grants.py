"""The group roles of a PostgreSQL store and what each may do per table: the one place
where the server-side permissions are written down (docs/permissions.md explains them).

Every RET Desk account on PostgreSQL is a login role in one group role per app role; the
groups get the rights below and nothing else. A table that is not in `TABLE_GRANTS` is
closed to every group (only the owner reaches it), so a new table is one line here.

Privileges per group: `S` select, `I` insert, `U` update, `D` delete; a letter may name
columns, as in `U(last_progress_on,version)`. Two rules apply on top:
- `I` without `S` also grants SELECT on the `id` column: the store reads a new row's id
  back (INSERT ... RETURNING), which reveals nothing;
- `SECRET_COLUMNS` are never selectable: `S` on such a table is granted column by column.
A sequence may be listed like a table (S: currval/select, I or U: nextval); the sequences
behind a table's own id column follow the table's `I`.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from ret_desk.domain.enums import Role

COORDINATOR, CHAIR, PLACEMENT, AUDITOR, ADMIN = (
    "ret_coordinator",
    "ret_chair",
    "ret_placement",
    "ret_auditor",
    "ret_admin",
)
GROUPS: dict[Role, str] = {
    Role.COORDINATOR: COORDINATOR,
    Role.CHAIR: CHAIR,
    Role.PLACEMENT_OFFICER: PLACEMENT,
    Role.AUDITOR: AUDITOR,
    Role.ADMIN: ADMIN,
}
ALL = tuple(GROUPS.values())
# A login whose password an administrator reset sits here, out of its role's group, until
# the person chose a new password (migration 0007): it may only say who it is and change
# its own password, so the temporary password gives no one the person's rights.
PENDING = "ret_pending"
EVERY = (*ALL, PENDING)
CHILD_READERS = (COORDINATOR, CHAIR, PLACEMENT)  # Action.VIEW_CASES


def _each(groups: tuple[str, ...], privileges: str) -> dict[str, str]:
    return dict.fromkeys(groups, privileges)


def _child(writer: dict[str, str]) -> dict[str, str]:
    """A table of children's data: the three case readers select, `writer` adds more."""
    return {**_each(CHILD_READERS, "S"), **writer}


TABLE_GRANTS: dict[str, dict[str, str]] = {
    # accounts and the log: accounts change only through the ret_account_* functions
    "account": {ADMIN: "S"},
    "audit_event": {**_each(CHILD_READERS, "I"), AUDITOR: "S I", ADMIN: "S I"},
    # the server's own record of writes (made by triggers, migration 0007): read by the auditor
    "audit_write": {AUDITOR: "S"},
    # the chain's head (position, last value): written only by the SECURITY DEFINER trigger,
    # read by whoever may verify the log (auditor, admin)
    "audit_chain_head": {AUDITOR: "S", ADMIN: "S"},
    "alembic_version": _each(EVERY, "S"),
    # case numbers are drawn (UPDATE ... RETURNING) and a new year's series inserted by intake
    "case_number_counter": {COORDINATOR: "S I U"},
    # reference data of the region: no child's data, read by all
    "region": _each(ALL, "S"),
    "municipality": _each(ALL, "S"),
    "route": {**_each(ALL, "S"), ADMIN: "S U"},
    "deadline_setting": {**_each(ALL, "S"), ADMIN: "S I U"},
    "region_setting": {**_each(ALL, "S"), ADMIN: "S I U"},
    "placement_type": _each(ALL, "S"),
    "match_weight": _each(ALL, "S"),
    # capacity: no child's data; the placement office keeps it
    "provider": {COORDINATOR: "S", PLACEMENT: "S I U"},
    "location": {COORDINATOR: "S", PLACEMENT: "S I U"},
    # places_taken is the store's count of running placements (triggers): not editable
    "location_offer": {
        COORDINATOR: "S",
        PLACEMENT: "S I U(places_total,places_free,waiting_days,age_min,age_max,gender,specialisms,"
        "security,updated_at,updated_by,version)",
    },
    # cases: the coordinator is the one door; chair and placement add notes
    "youth": _child({COORDINATOR: "S I U D"}),
    "family_member": _child({COORDINATOR: "S I U D"}),
    "ret_case": _child({COORDINATOR: "S I U", CHAIR: "S U(last_progress_on,updated_at,version)"}),
    "route_assignment": _child({COORDINATOR: "S I U"}),
    "status_change": _child({COORDINATOR: "S I"}),
    "note": _each(CHILD_READERS, "S I"),
    "case_change": _child({COORDINATOR: "S I"}),
    # route records: the coordinator keeps them
    "mda_member": _child({COORDINATOR: "S I U D"}),
    "mda_phase": _child({COORDINATOR: "S I U"}),
    "mda_safety_plan": _child({COORDINATOR: "S I U"}),
    "mda_risk_assessment": _child({COORDINATOR: "S I U"}),
    "mda_conference": _child({COORDINATOR: "S I U"}),
    "ro3_party": _child({COORDINATOR: "S I U"}),
    "ro3_agreement": _child({COORDINATOR: "S I U"}),
    "ro3_review": _child({COORDINATOR: "S I U"}),
    "rst_deployment": _child({COORDINATOR: "S I U"}),
    # Regie op plaatsing
    "placement_request": _child({PLACEMENT: "S I U"}),
    "match_decision": _child({PLACEMENT: "S I U"}),
    # a youth merge (the coordinator's) moves the placements to the youth that stays
    "placement": _child({PLACEMENT: "S I U", COORDINATOR: "S U(youth_id)"}),
    # the Experttafel: the chair plans; a coordinator proposes cases for the agenda
    "table_session": _child({CHAIR: "S I U"}),
    "session_member": _child({CHAIR: "S I U D"}),
    "agenda_item": _child({COORDINATOR: "S I", CHAIR: "S I U D"}),
    "action_item": _child({CHAIR: "S I U D"}),
    # need-to-know (issue 12 §2): each case reader records its own emergency access
    "emergency_access": _each(CHILD_READERS, "S I"),
}

SECRET_COLUMNS: dict[str, tuple[str, ...]] = {"account": ("password_hash",)}

_WORDS = {"S": "SELECT", "I": "INSERT", "U": "UPDATE", "D": "DELETE"}
_TOKEN = re.compile(r"([SIUD])(?:\(([^)]*)\))?")


def parse(privileges: str) -> list[tuple[str, tuple[str, ...]]]:
    """`"S U(a,b)"` -> [("SELECT", ()), ("UPDATE", ("a", "b"))]; () means the whole table."""
    found = []
    for token in privileges.split():
        match = _TOKEN.fullmatch(token)
        if match is None:
            raise ValueError(f"unknown privilege {token!r}")
        columns = tuple(c.strip() for c in (match.group(2) or "").split(",") if c.strip())
        found.append((_WORDS[match.group(1)], columns))
    return found


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def grant_statements(table: str, kind: str, columns: list[str]) -> list[str]:
    """The GRANTs for one relation (`kind`: pg_class.relkind, `columns`: its columns)."""
    statements = []
    for group, privileges in TABLE_GRANTS.get(table, {}).items():
        parsed = parse(privileges)
        words = {word for word, _ in parsed}
        if kind == "S":  # a sequence
            seq = (["SELECT"] if "SELECT" in words else []) + (
                ["USAGE"] if words & {"INSERT", "UPDATE"} else []
            )
            if seq:
                statements.append(f"GRANT {', '.join(seq)} ON SEQUENCE {_q(table)} TO {group}")
            continue
        secret = SECRET_COLUMNS.get(table, ())
        for word, cols in parsed:
            if word == "SELECT" and secret and not cols:
                cols = tuple(c for c in columns if c not in secret)
            target = f"{word} ({', '.join(_q(c) for c in cols)})" if cols else word
            statements.append(f"GRANT {target} ON TABLE {_q(table)} TO {group}")
        if "INSERT" in words and "SELECT" not in words and "id" in columns:
            statements.append(f"GRANT SELECT (id) ON TABLE {_q(table)} TO {group}")
    return statements


_RELATIONS = text(
    "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S', 'v')"
)
_COLUMNS = text(
    "SELECT attname FROM pg_attribute WHERE attrelid = CAST(:rel AS regclass) AND attnum > 0 "
    "AND NOT attisdropped ORDER BY attnum"
)
_OWNED_SEQUENCES = text(
    "SELECT s.relname FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
    "WHERE d.refobjid = CAST(:rel AS regclass) AND d.deptype IN ('a', 'i')"
)


def apply(conn: Connection) -> list[str]:
    """Revoke what the groups had on the current schema's relations and grant `TABLE_GRANTS`
    afresh (only for relations that exist). Returns the statements, for the record."""
    done: list[str] = []
    relations = dict(conn.execute(_RELATIONS).all())
    # Sequences first: a table's turn grants USAGE on the sequences it owns.
    for name, kind in sorted(relations.items(), key=lambda item: (item[1] != "S", item[0])):
        revoke = "SEQUENCE" if kind == "S" else "TABLE"
        done.append(f"REVOKE ALL ON {revoke} {_q(name)} FROM {', '.join(EVERY)}")
        if kind == "S":
            statements = grant_statements(name, kind, [])
        else:
            columns = list(conn.execute(_COLUMNS, {"rel": _q(name)}).scalars())
            statements = grant_statements(name, kind, columns)
            inserters = [
                g for g, p in TABLE_GRANTS.get(name, {}).items() if "INSERT" in {w for w, _ in parse(p)}
            ]
            for seq in conn.execute(_OWNED_SEQUENCES, {"rel": _q(name)}).scalars():
                statements += [f"GRANT USAGE ON SEQUENCE {_q(seq)} TO {g}" for g in inserters]
        done += statements
    schema = _q(_schema(conn))
    done.append(f"GRANT USAGE ON SCHEMA {schema} TO {', '.join(EVERY)}")
    # No one but the owner creates objects here: a function another role made could shadow
    # one the SECURITY DEFINER functions call (PostgreSQL 15 does this for new clusters).
    done.append(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
    for statement in done:
        conn.execute(text(statement))
    return done


def revoke(conn: Connection) -> None:
    """Take every right of the groups on the current schema away (the downgrade)."""
    for name, kind in conn.execute(_RELATIONS).all():
        what = "SEQUENCE" if kind == "S" else "TABLE"
        conn.execute(text(f"REVOKE ALL ON {what} {_q(name)} FROM {', '.join(EVERY)}"))
    conn.execute(text(f"REVOKE USAGE ON SCHEMA {_q(_schema(conn))} FROM {', '.join(EVERY)}"))


def _schema(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_schema()")).scalar_one())


def documented_lines() -> list[str]:
    """The map as the list in docs/permissions.md (tests/unit/test_grants.py compares them)."""
    lines = []
    for table, groups in TABLE_GRANTS.items():
        rights = "; ".join(f"`{group}` {privileges}" for group, privileges in groups.items())
        lines.append(f"- `{table}`: {rights or 'geen groep'}")
    return lines
