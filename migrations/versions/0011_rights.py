"""The rights of child and parents: retention and destruction (issue 12 §3)

Placeholder made at the start of issue 12 so that the chain of revisions is fixed while
parts are built in parallel; the part that owns it fills it in.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 23:20:00.000000
"""
from __future__ import annotations

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
