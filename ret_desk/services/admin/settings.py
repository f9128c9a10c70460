"""The region's numbers an administrator sets: the deadline terms per route (on the route's
row; unrouted cases on their own row) and the region settings of Regie op plaatsing. Both
are versioned (a stale edit is refused) and every change is audited with its old and new
value."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record
from ret_desk.db.models import DeadlineSetting, RegionSetting, Route
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.deadlines import UNROUTED
from ret_desk.domain.enums import LegalFramework
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, StaleEdit
from ret_desk.domain.need_to_know import CHAIR_ACCESS_DAYS_DEFAULT, CHAIR_ACCESS_DAYS_KEY
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.retention import MIN_YEARS
from ret_desk.services.admin.reference import route_label_in
from ret_desk.services.admin.screen_lock import (
    IDLE_LOCK_DEFAULT,
    IDLE_LOCK_KEY,
    IDLE_LOCK_LABEL,
    IDLE_LOCK_MAX,
    IDLE_LOCK_MIN,
    IDLE_LOCK_RANGE_MESSAGE,
)

REGION_SETTING_LABELS = {
    "distance_limit_km": "Afstandsgrens (km)",
    "distance_limit_verblijf_km": "Afstandsgrens verblijf (km)",
    "distance_limit_scarce_km": "Afstandsgrens schaarse zorg (km)",
    "distance_limit_lta_km": "Afstandsgrens landelijk ingekocht (km)",
    "capacity_stale_days": "Capaciteit verouderd na (dagen)",
    "request_waiting_days_crisis": "Wachttermijn verzoek, crisis (dagen)",
    "request_waiting_days_hoog": "Wachttermijn verzoek, hoog (dagen)",
    "request_waiting_days_normaal": "Wachttermijn verzoek, normaal (dagen)",
    "mda_assessment_days": "MDA++: termijn nieuwe risicotaxatie (dagen)",
    "ro3_review_days": "RO3: evaluatie uiterlijk na (dagen)",
    IDLE_LOCK_KEY: IDLE_LOCK_LABEL,
    # retention terms (issue 12 §3, domain/retention.py)
    "retention_years": "Bewaartermijn (jaren na de laatste wijziging)",
    **{f"retention_years_{f.value}": f"Bewaartermijn {f.label} (jaren)" for f in LegalFramework},
    **{f"retention_until_age_{f.value}": f"Bewaren {f.label} tot leeftijd (jaren)" for f in LegalFramework},
    # need-to-know (issue 12 §2, domain/need_to_know.py)
    CHAIR_ACCESS_DAYS_KEY: "Voorzitter ziet casus tot na het advies (dagen)",
}
# Settings a store may not have a row for yet (made before they existed): listed with their
# default and version 0 until the administrator's first change adds the row.
_DEFAULTS = {IDLE_LOCK_KEY: float(IDLE_LOCK_DEFAULT), CHAIR_ACCESS_DAYS_KEY: float(CHAIR_ACCESS_DAYS_DEFAULT)}


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    route_key: str
    label: str
    start_days: int
    no_progress_months: int
    version: int


@dataclass(frozen=True, slots=True)
class RegionSettingRow:
    key: str
    label: str
    value: float
    version: int


def _route_label(session: Session, key: str) -> str:
    return "Nog niet gerouteerd" if key == UNROUTED else route_label_in(session, key)


def _stale(what: str) -> StaleEdit:
    return StaleEdit(
        f"Iemand anders heeft {what} intussen gewijzigd. Uw wijziging is niet opgeslagen; "
        "laad de instellingen opnieuw."
    )


def deadline_terms(*, uow: UnitOfWork, actor: Actor) -> list[DeadlineRow]:
    require(actor.role, Action.MANAGE_SETTINGS)
    with uow:
        session = uow.session
        rows = [
            DeadlineRow(
                r.route_key, _route_label(session, r.route_key), r.start_days, r.no_progress_months, r.version
            )
            for r in session.scalars(select(DeadlineSetting).where(DeadlineSetting.route_key == UNROUTED))
        ]
        rows += [
            DeadlineRow(r.key, r.label, r.start_days, r.no_progress_months, r.version)
            for r in session.scalars(select(Route).order_by(Route.position, Route.key))
        ]
    return rows


def set_deadline_terms(
    *, uow: UnitOfWork, actor: Actor, route_key: str, start_days: int, no_progress_months: int, version: int
) -> DeadlineRow:
    require(actor.role, Action.MANAGE_SETTINGS)
    errors = []
    if not 1 <= start_days <= 365:
        errors.append(FieldError("start_days", "De termijn tot start zorg ligt tussen 1 en 365 dagen."))
    if not 1 <= no_progress_months <= 24:
        errors.append(
            FieldError("no_progress_months", "De termijn zonder voortgang ligt tussen 1 en 24 maanden.")
        )
    if errors:
        raise InvalidInput(errors)
    with uow:
        model = DeadlineSetting if route_key == UNROUTED else Route
        row = uow.session.get(model, route_key)
        if row is None:
            raise NotFound(f"Er zijn geen termijnen voor '{route_key}'.")
        label = _route_label(uow.session, route_key)
        if row.version != version:
            raise _stale(f"de termijnen van {label}")
        before = (row.start_days, row.no_progress_months)
        if before != (start_days, no_progress_months):
            row.start_days, row.no_progress_months = start_days, no_progress_months
            record(
                uow.session,
                actor,
                "setting_change",
                detail=f"termijnen {route_key}: start {before[0]} -> {start_days} dagen, "
                f"geen voortgang {before[1]} -> {no_progress_months} maanden",
            )
        uow.commit()
        return DeadlineRow(route_key, label, row.start_days, row.no_progress_months, row.version)


def region_settings(*, uow: UnitOfWork, actor: Actor) -> list[RegionSettingRow]:
    require(actor.role, Action.MANAGE_SETTINGS)
    with uow:
        rows = [
            RegionSettingRow(r.key, REGION_SETTING_LABELS.get(r.key, r.key), r.value, r.version)
            for r in uow.session.scalars(select(RegionSetting).order_by(RegionSetting.key))
        ]
    stored = {r.key for r in rows}
    rows += [
        RegionSettingRow(k, REGION_SETTING_LABELS[k], v, 0) for k, v in _DEFAULTS.items() if k not in stored
    ]
    return sorted(rows, key=lambda r: r.key)


def set_region_setting(
    *, uow: UnitOfWork, actor: Actor, key: str, value: float, version: int
) -> RegionSettingRow:
    require(actor.role, Action.MANAGE_SETTINGS)
    if key == IDLE_LOCK_KEY and not (IDLE_LOCK_MIN <= value <= IDLE_LOCK_MAX and value == int(value)):
        raise InvalidInput([FieldError("value", IDLE_LOCK_RANGE_MESSAGE)])
    if key == CHAIR_ACCESS_DAYS_KEY and not (0 <= value <= 3650 and value == int(value)):
        raise InvalidInput([FieldError("value", "Vul een aantal dagen tussen 0 en 3650 in.")])
    if not 0 <= value <= 10_000:
        raise InvalidInput([FieldError("value", "Vul een getal tussen 0 en 10.000 in.")])
    if key.startswith("retention_years") and not (MIN_YEARS <= value <= 120 and value == int(value)):
        # a retention term (issue 12 §3) is never shorter than the law's 20 years
        raise InvalidInput([FieldError("value", f"Een bewaartermijn is {MIN_YEARS} tot 120 jaar.")])
    with uow:
        row = uow.session.get(RegionSetting, key)
        label = REGION_SETTING_LABELS.get(key, key)
        created = row is None and key in _DEFAULTS and version == 0
        if created:  # the setting's first change adds its row
            row = RegionSetting(key=key, value=_DEFAULTS[key])
            uow.session.add(row)
            uow.flush()
        elif row is None:
            raise NotFound(f"De instelling '{key}' bestaat niet.")
        if row.version != version and not created:
            raise _stale(f"'{label}'")
        before = row.value
        if before != value:
            row.value = value
            record(uow.session, actor, "setting_change", detail=f"{key}: {before:g} -> {value:g}")
        uow.commit()
        return RegionSettingRow(key, label, row.value, row.version)
