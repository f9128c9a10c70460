"""Case editing after intake: the change history, the future plan's date and content,
"thuiszitter sinds", and the coordinator's GVA override

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("youth_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_account_id", sa.Integer(), nullable=True),
        sa.Column("by_name", sa.String(length=100), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["ret_case.id"], name=op.f("fk_case_change_case_id_ret_case")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_case_change_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_change")),
    )
    with op.batch_alter_table("case_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_change_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_change_youth_id"), ["youth_id"], unique=False)
    with op.batch_alter_table("ret_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("future_plan_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("future_plan_text", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("gva_override_reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("gva_override_by", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("gva_override_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("youth", schema=None) as batch_op:
        batch_op.add_column(sa.Column("out_of_school_since", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("youth", schema=None) as batch_op:
        batch_op.drop_column("out_of_school_since")
    with op.batch_alter_table("ret_case", schema=None) as batch_op:
        batch_op.drop_column("gva_override_at")
        batch_op.drop_column("gva_override_by")
        batch_op.drop_column("gva_override_reason")
        batch_op.drop_column("future_plan_text")
        batch_op.drop_column("future_plan_on")
    with op.batch_alter_table("case_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_change_youth_id"))
        batch_op.drop_index(batch_op.f("ix_case_change_case_id"))
    op.drop_table("case_change")
