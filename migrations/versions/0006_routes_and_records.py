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
    pass


def _downgrade_rst() -> None:
    pass
