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


#: The five routes every store before 0006 knew (the old `Route` enum, Drenthe's routes):
#: key, label, English label, kind. Their terms come from the store's deadline_setting rows.
_OLD_ROUTES = (
    ("experttafel", "Experttafel", "Expert table", "advice_table"),
    ("ro3", "RO3 (Regie op 3)", "RO3 (case direction)", "casusregie"),
    ("rop", "Regie op plaatsing", "Placement coordination", "placement"),
    ("mda++", "MDA++", "MDA++ (domestic violence)", "safety"),
    ("rst", "Reizend Specialistisch Team", "Travelling specialist team", "travelling_team"),
)
_OLD_EXTRA_TERMS = {"ro3": '{"ro3_review_days": 42}', "mda++": '{"mda_assessment_days": 90}'}
_UNROUTED = "onverdeeld"


def _upgrade_region() -> None:
    op.create_table(
        "route",
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("label_en", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_days", sa.Integer(), nullable=False),
        sa.Column("no_progress_months", sa.Integer(), nullable=False),
        sa.Column("extra_terms", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_route")),
    )
    with op.batch_alter_table("placement_type") as batch:
        batch.add_column(sa.Column("label_en", sa.String(length=100), server_default="", nullable=False))
        batch.add_column(
            sa.Column("care_form", sa.String(length=10), server_default="verblijf", nullable=False)
        )
    with op.batch_alter_table("placement_request") as batch:
        batch.add_column(
            sa.Column("school_municipality", sa.String(length=6), server_default="", nullable=False)
        )
    with op.batch_alter_table("placement") as batch:
        batch.add_column(
            sa.Column("distance_from", sa.String(length=10), server_default="thuis", nullable=False)
        )
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE placement_type SET care_form = 'scarce' WHERE closed = :t"), {"t": True})
    # An existing store is Drenthe's: its terms per route become route rows.
    terms = dict(
        (key, (start, months))
        for key, start, months in conn.execute(
            sa.text("SELECT route_key, start_days, no_progress_months FROM deadline_setting")
        )
    )
    for position, (key, label, label_en, kind) in enumerate(_OLD_ROUTES):
        if key not in terms:
            continue
        start, months = terms[key]
        conn.execute(
            sa.text(
                "INSERT INTO route (key, label, label_en, kind, position, start_days, "
                "no_progress_months, extra_terms, version) VALUES (:key, :label, :label_en, :kind, "
                ":position, :start, :months, :extra, 1)"
            ),
            {
                "key": key,
                "label": label,
                "label_en": label_en,
                "kind": kind,
                "position": position,
                "start": start,
                "months": months,
                "extra": _OLD_EXTRA_TERMS.get(key, "{}"),
            },  # fmt: skip
        )
    conn.execute(sa.text("DELETE FROM deadline_setting WHERE route_key <> :u"), {"u": _UNROUTED})


def _downgrade_region() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT key, start_days, no_progress_months FROM route")).all()
    for key, start, months in rows:
        conn.execute(
            sa.text(
                "INSERT INTO deadline_setting (route_key, start_days, no_progress_months, version) "
                "VALUES (:key, :start, :months, 1)"
            ),
            {"key": key, "start": start, "months": months},
        )
    with op.batch_alter_table("placement") as batch:
        batch.drop_column("distance_from")
    with op.batch_alter_table("placement_request") as batch:
        batch.drop_column("school_municipality")
    with op.batch_alter_table("placement_type") as batch:
        batch.drop_column("care_form")
        batch.drop_column("label_en")
    op.drop_table("route")


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


def _mda_table(name: str, *columns: sa.Column, constraints: tuple = ()) -> None:
    op.create_table(
        name,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        *columns,
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['ret_case.id'], name=op.f(f'fk_{name}_case_id_ret_case')),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
        *constraints,
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{name}_case_id'), ['case_id'], unique=False)


_MDA_TABLES = ('mda_member', 'mda_phase', 'mda_safety_plan', 'mda_risk_assessment', 'mda_conference')


def _upgrade_mda() -> None:
    _mda_table(
        'mda_member',
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('victim', sa.Boolean(), nullable=False),
        sa.Column('perpetrator', sa.Boolean(), nullable=False),
        constraints=(sa.CheckConstraint('NOT (victim AND perpetrator)', name=op.f('ck_mda_member_not_both')),),
    )
    _mda_table(
        'mda_phase',
        sa.Column('phase', sa.String(length=20), nullable=False),
        sa.Column('started_on', sa.Date(), nullable=False),
        sa.Column('by_name', sa.String(length=100), nullable=False),
    )
    _mda_table(
        'mda_safety_plan',
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('written_on', sa.Date(), nullable=False),
        sa.Column('author', sa.String(length=100), nullable=False),
        constraints=(sa.UniqueConstraint('case_id', 'version', name=op.f('uq_mda_safety_plan_case_id')),),
    )
    _mda_table(
        'mda_risk_assessment',
        sa.Column('instrument', sa.String(length=100), nullable=False),
        sa.Column('level', sa.String(length=10), nullable=False),
        sa.Column('assessed_on', sa.Date(), nullable=False),
        sa.Column('assessor', sa.String(length=100), nullable=False),
    )
    _mda_table(
        'mda_conference',
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('participants', sa.Text(), nullable=False),
        sa.Column('outcome', sa.Text(), nullable=False),
        sa.Column('by_name', sa.String(length=100), nullable=False),
    )
    # The term for a new risk assessment, a region setting (existing stores get the default).
    setting = sa.table('region_setting', sa.column('key', sa.String), sa.column('value', sa.Float))
    have = op.get_bind().execute(sa.select(setting.c.key).where(setting.c.key == 'mda_assessment_days'))
    if have.first() is None:
        op.bulk_insert(setting, [{'key': 'mda_assessment_days', 'value': 90.0}])


def _downgrade_mda() -> None:
    setting = sa.table('region_setting', sa.column('key', sa.String))
    op.execute(setting.delete().where(setting.c.key == 'mda_assessment_days'))
    for name in reversed(_MDA_TABLES):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{name}_case_id'))
        op.drop_table(name)


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
