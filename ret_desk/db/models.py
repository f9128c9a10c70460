"""All mapped classes in one import, for Alembic and for the services."""

from ret_desk.db.base import Base
from ret_desk.db.models_account import Account, AuditEvent
from ret_desk.db.models_case import Case, Note, RouteAssignment, StatusChange, Youth
from ret_desk.db.models_reference import DeadlineSetting, Municipality, Region

__all__ = [
    "Account",
    "AuditEvent",
    "Base",
    "Case",
    "DeadlineSetting",
    "Municipality",
    "Note",
    "Region",
    "RouteAssignment",
    "StatusChange",
    "Youth",
]
