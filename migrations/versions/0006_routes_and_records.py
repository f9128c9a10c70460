"""Routes and regions as data, and the records of RO3, MDA++ and RST (issue 9)

One migration in four parts, each in its own function so that each part reads on its own.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 15:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa  # noqa: F401  (used by the parts below)
from alembic import op  # noqa: F401

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    _upgrade_region()
    _upgrade_ro3()
    _upgrade_mda()
    _upgrade_rst()


def downgrade() -> None:
    _downgrade_rst()
    _downgrade_mda()
    _downgrade_ro3()
    _downgrade_region()


# --- region: routes, placement types and distance limits as data -------------------------


def _upgrade_region() -> None:
    pass


def _downgrade_region() -> None:
    pass


# --- RO3: parties, the plan's agreements, reviews -----------------------------------------


def _upgrade_ro3() -> None:
    pass


def _downgrade_ro3() -> None:
    pass


# --- MDA++: household members, phases, safety plan, risk assessments, conferences ----------


def _upgrade_mda() -> None:
    pass


def _downgrade_mda() -> None:
    pass


# --- RST: deployments ----------------------------------------------------------------------


def _upgrade_rst() -> None:
    op.create_table(
        "rst_deployment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("discipline", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=20), nullable=False),
        sa.Column("deployed_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False, server_default=""),
        sa.Column("outcome", sa.Text(), nullable=False, server_default=""),
        sa.Column("placement_prevented", sa.String(length=10), nullable=False, server_default="onbekend"),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_account_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["ret_case.id"], name=op.f("fk_rst_deployment_case_id_ret_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rst_deployment")),
    )
    with op.batch_alter_table("rst_deployment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rst_deployment_case_id"), ["case_id"], unique=False)


def _downgrade_rst() -> None:
    with op.batch_alter_table("rst_deployment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rst_deployment_case_id"))
    op.drop_table("rst_deployment")
