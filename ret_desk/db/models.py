"""All mapped classes in one import, for Alembic and for the services."""

from ret_desk.db.base import Base
from ret_desk.db.models_account import Account, AuditChainHead, AuditEvent
from ret_desk.db.models_capacity import (
    Location,
    LocationOffer,
    MatchWeight,
    PlacementType,
    Provider,
    RegionSetting,
)
from ret_desk.db.models_case import Case, FamilyMember, Note, RouteAssignment, StatusChange, Youth
from ret_desk.db.models_change import CaseChange
from ret_desk.db.models_mda import MdaConference, MdaMember, MdaPhase, MdaRiskAssessment, MdaSafetyPlan
from ret_desk.db.models_numbers import CaseNumberCounter
from ret_desk.db.models_placing import MatchDecision, Placement, PlacementRequest
from ret_desk.db.models_privacy import EmergencyAccess
from ret_desk.db.models_reference import DeadlineSetting, Municipality, Region, Route
from ret_desk.db.models_ro3 import Ro3Agreement, Ro3Party, Ro3Review
from ret_desk.db.models_rst import RstDeployment
from ret_desk.db.models_table import ActionItem, AgendaItem, SessionMember, TableSession

__all__ = [
    "Location",
    "LocationOffer",
    "MatchDecision",
    "MatchWeight",
    "Placement",
    "PlacementRequest",
    "PlacementType",
    "Provider",
    "RegionSetting",
    "Account",
    "ActionItem",
    "AgendaItem",
    "FamilyMember",
    "SessionMember",
    "TableSession",
    "AuditEvent",
    "AuditChainHead",
    "Base",
    "Case",
    "CaseChange",
    "DeadlineSetting",
    "Municipality",
    "Note",
    "Region",
    "Route",
    "RouteAssignment",
    "RstDeployment",
    "StatusChange",
    "Youth",
    "MdaConference",
    "MdaMember",
    "MdaPhase",
    "MdaRiskAssessment",
    "MdaSafetyPlan",
    "Ro3Agreement",
    "Ro3Party",
    "Ro3Review",
    "CaseNumberCounter",
    "EmergencyAccess",
]
