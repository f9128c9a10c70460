"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 06:58:39.372372
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op



revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
    sa.UniqueConstraint('username', name=op.f('uq_account_username'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_account_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=64), nullable=False),
    sa.Column('on_behalf_of', sa.String(length=100), nullable=False),
    sa.Column('workstation', sa.String(length=255), nullable=False),
    sa.Column('youth_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('case_number', sa.String(length=30), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_youth_id'), ['youth_id'], unique=False)

    op.create_table('deadline_setting',
    sa.Column('route_key', sa.String(length=20), nullable=False),
    sa.Column('start_days', sa.Integer(), nullable=False),
    sa.Column('no_progress_months', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('route_key', name=op.f('pk_deadline_setting'))
    )
    op.create_table('region',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region')),
    sa.UniqueConstraint('code', name=op.f('uq_region_code'))
    )
    op.create_table('municipality',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('cbs_code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_municipality_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality')),
    sa.UniqueConstraint('cbs_code', name=op.f('uq_municipality_cbs_code'))
    )
    op.create_table('youth',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_name', sa.String(length=100), nullable=False),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('bsn', sa.String(length=9), nullable=True),
    sa.Column('gender', sa.String(length=1), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('school', sa.String(length=200), nullable=True),
    sa.Column('no_school', sa.Boolean(), nullable=False),
    sa.Column('legal_framework', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_youth_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_youth')),
    sa.UniqueConstraint('bsn', name=op.f('uq_youth_bsn'))
    )
    with op.batch_alter_table('youth', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_youth_birth_date'), ['birth_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_youth_family_name'), ['family_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_youth_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('ret_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('youth_id', sa.Integer(), nullable=False),
    sa.Column('referral_date', sa.Date(), nullable=False),
    sa.Column('referrer_type', sa.String(length=30), nullable=False),
    sa.Column('referrer_organisation', sa.String(length=200), nullable=False),
    sa.Column('referrer_contact', sa.String(length=200), nullable=False),
    sa.Column('help_question', sa.Text(), nullable=False),
    sa.Column('gva_trigger_mask', sa.Integer(), nullable=False),
    sa.Column('gva_present', sa.Boolean(), nullable=False),
    sa.Column('gva_date', sa.Date(), nullable=True),
    sa.Column('target_group_mask', sa.Integer(), nullable=False),
    sa.Column('intervention_level', sa.Integer(), nullable=True),
    sa.Column('family_participation', sa.String(length=20), nullable=False),
    sa.Column('case_manager', sa.String(length=100), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('current_route', sa.String(length=20), nullable=True),
    sa.Column('urgency', sa.String(length=10), nullable=False),
    sa.Column('care_started_on', sa.Date(), nullable=True),
    sa.Column('last_progress_on', sa.Date(), nullable=False),
    sa.Column('future_plan', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], name=op.f('fk_ret_case_youth_id_youth')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ret_case')),
    sa.UniqueConstraint('number', name=op.f('uq_ret_case_number'))
    )
    with op.batch_alter_table('ret_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ret_case_current_route'), ['current_route'], unique=False)
        batch_op.create_index(batch_op.f('ix_ret_case_last_progress_on'), ['last_progress_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_ret_case_referral_date'), ['referral_date'], unique=False)
        batch_op.create_index('ix_ret_case_route_status', ['current_route', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_ret_case_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_ret_case_youth_id'), ['youth_id'], unique=False)

    op.create_table('note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('author_account_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=100), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['ret_case.id'], name=op.f('fk_note_case_id_ret_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note'))
    )
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_case_id'), ['case_id'], unique=False)

    op.create_table('route_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('from_route', sa.String(length=20), nullable=True),
    sa.Column('to_route', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_account_id', sa.Integer(), nullable=True),
    sa.Column('by_name', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['ret_case.id'], name=op.f('fk_route_assignment_case_id_ret_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_route_assignment'))
    )
    with op.batch_alter_table('route_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_route_assignment_case_id'), ['case_id'], unique=False)

    op.create_table('status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_account_id', sa.Integer(), nullable=True),
    sa.Column('by_name', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['ret_case.id'], name=op.f('fk_status_change_case_id_ret_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_change'))
    )
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_change_case_id'), ['case_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_change_case_id'))

    op.drop_table('status_change')
    with op.batch_alter_table('route_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_route_assignment_case_id'))

    op.drop_table('route_assignment')
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_case_id'))

    op.drop_table('note')
    with op.batch_alter_table('ret_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ret_case_youth_id'))
        batch_op.drop_index(batch_op.f('ix_ret_case_status'))
        batch_op.drop_index('ix_ret_case_route_status')
        batch_op.drop_index(batch_op.f('ix_ret_case_referral_date'))
        batch_op.drop_index(batch_op.f('ix_ret_case_last_progress_on'))
        batch_op.drop_index(batch_op.f('ix_ret_case_current_route'))

    op.drop_table('ret_case')
    with op.batch_alter_table('youth', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_youth_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_youth_family_name'))
        batch_op.drop_index(batch_op.f('ix_youth_birth_date'))

    op.drop_table('youth')
    op.drop_table('municipality')
    op.drop_table('region')
    op.drop_table('deadline_setting')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_youth_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_case_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))

    op.drop_table('audit_event')
    op.drop_table('account')

