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
    pass


def _downgrade_numbers_agenda() -> None:
    pass


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
    """CREATE OR REPLACE FUNCTION ret_audit_chain() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
       AS $$
       DECLARE
           digest text := encode(sha256(convert_to(ret_audit_content(NEW), 'UTF8')), 'hex');
       BEGIN
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
    pass


def _downgrade_server_audit() -> None:
    pass


# --- group roles, grants and account functions (PostgreSQL) --------------------------------


def _upgrade_roles() -> None:
    pass


def _downgrade_roles() -> None:
    pass
