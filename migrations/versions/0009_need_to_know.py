"""Need-to-know, the schema (issue 12 §2)

- `table_session.chair_account_id` and `session_member.account_id`: a sitting's chair and
  members linked to their accounts where they have one, so that a chair's rows follow the
  sittings they chair or attend;
- `emergency_access`: one stated reason that opens one case to one account for a while
  (NEN 7513 "noodtoegang"), consulted by the row rules;
- on PostgreSQL: the grants of the new table (ret_desk/db/grants.py) and the server's
  audit of writes on it (0007's `ret_audit_row`).

The row-level security itself is migration 0010.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 23:20:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    # SQLite: a plain ADD COLUMN with its REFERENCES inline (a batch rebuild would drop
    # table_session, which agenda items refer to; Alembic cannot add the constraint apart).
    for table, column in (("table_session", "chair_account_id"), ("session_member", "account_id")):
        fk = f"fk_{table}_{column}_account"
        if _is_postgresql():
            op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(op.f(fk), table, "account", [column], ["id"])
        else:
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER CONSTRAINT {fk} REFERENCES account (id)")
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)
    op.create_table('emergency_access',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('granted_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_emergency_access_account_id_account')),
    sa.ForeignKeyConstraint(['case_id'], ['ret_case.id'], name=op.f('fk_emergency_access_case_id_ret_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_emergency_access'))
    )
    with op.batch_alter_table('emergency_access', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_emergency_access_case_id'), ['case_id'], unique=False)
        batch_op.create_index(
            'ix_emergency_access_account_case', ['account_id', 'case_id', 'expires_at'], unique=False
        )
    if _is_postgresql():
        op.execute(
            "CREATE CONSTRAINT TRIGGER ret_audit_write AFTER INSERT OR UPDATE OR DELETE ON emergency_access "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ret_audit_row()"
        )
        op.execute(
            "CREATE TRIGGER ret_audit_truncate BEFORE TRUNCATE ON emergency_access "
            "FOR EACH STATEMENT EXECUTE FUNCTION ret_audit_truncate()"
        )
        from ret_desk.db import grants

        grants.apply(op.get_bind())


def downgrade() -> None:
    op.drop_table('emergency_access')
    for table, column in (("session_member", "account_id"), ("table_session", "chair_account_id")):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        if _is_postgresql():
            op.drop_constraint(op.f(f"fk_{table}_{column}_account"), table, type_="foreignkey")
        op.drop_column(table, column)
