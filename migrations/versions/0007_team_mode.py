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
    pass


def _downgrade_audit_chain() -> None:
    pass


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
