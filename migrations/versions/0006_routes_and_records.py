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
    op.create_table('ro3_party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=60), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['ret_case.id'], name=op.f('fk_ro3_party_case_id_ret_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ro3_party')),
    sa.UniqueConstraint('case_id', 'organisation', name='uq_ro3_party_case_organisation')
    )
    with op.batch_alter_table('ro3_party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ro3_party_case_id'), ['case_id'], unique=False)

    op.create_table('ro3_agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('consequence', sa.Text(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('not_kept_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['ret_case.id'], name=op.f('fk_ro3_agreement_case_id_ret_case')),
    sa.ForeignKeyConstraint(['party_id'], ['ro3_party.id'], name=op.f('fk_ro3_agreement_party_id_ro3_party')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ro3_agreement'))
    )
    with op.batch_alter_table('ro3_agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ro3_agreement_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ro3_agreement_party_id'), ['party_id'], unique=False)

    op.create_table('ro3_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['ret_case.id'], name=op.f('fk_ro3_review_case_id_ret_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ro3_review'))
    )
    with op.batch_alter_table('ro3_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ro3_review_case_id'), ['case_id'], unique=False)

    # The review term (days) is a region setting; an administrator may change it later.
    op.execute(
        "INSERT INTO region_setting (key, value, version) SELECT 'ro3_review_days', 42, 1 "
        "WHERE NOT EXISTS (SELECT 1 FROM region_setting WHERE key = 'ro3_review_days')"
    )


def _downgrade_ro3() -> None:
    op.execute("DELETE FROM region_setting WHERE key = 'ro3_review_days'")
    with op.batch_alter_table('ro3_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ro3_review_case_id'))
    op.drop_table('ro3_review')
    with op.batch_alter_table('ro3_agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ro3_agreement_party_id'))
        batch_op.drop_index(batch_op.f('ix_ro3_agreement_case_id'))
    op.drop_table('ro3_agreement')
    with op.batch_alter_table('ro3_party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ro3_party_case_id'))
    op.drop_table('ro3_party')


# --- MDA++: household members, phases, safety plan, risk assessments, conferences ----------


def _upgrade_mda() -> None:
    pass


def _downgrade_mda() -> None:
    pass


# --- RST: deployments ----------------------------------------------------------------------


def _upgrade_rst() -> None:
    pass


def _downgrade_rst() -> None:
    pass
