"""Inspection: a youth's own access log for the dossier export (issue 12 §3)

Placeholder made at the start of issue 12 so that the chain of revisions is fixed while
parts are built in parallel; the part that owns it fills it in.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 23:20:00.000000
"""
from __future__ import annotations

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
