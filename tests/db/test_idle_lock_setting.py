"""The idle lock's region setting and its audit events (issue 11 §3), on SQLite and
PostgreSQL: 15 minutes when the store has no row for it (a store made before it existed),
1 to 120 whole minutes, the first change adds the row (versioned and audited like every
region setting), and on a team store every role reads it, logs its lock and unlock, and
re-checks its password through its own login."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from ret_desk.db.models import AuditEvent, RegionSetting
from ret_desk.domain.audit_actions import action_label
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import AuthenticationFailed, InvalidInput, StaleEdit
from ret_desk.services.admin import screen_lock, settings
from ret_desk.services.context import open_workspace
from tests.support.pg_auth import PW, Team, team_fixture  # noqa: F401  (the fixture)

KEY = "idle_lock_minutes"


def _row(store, admin):  # noqa: ANN001, ANN202
    return next(r for r in settings.region_settings(uow=store.uow(), actor=admin) if r.key == KEY)


def _events(store, action: str) -> list[tuple[str, str]]:  # noqa: ANN001
    with store.uow() as uow:
        query = select(AuditEvent.actor_name, AuditEvent.detail).where(AuditEvent.action == action)
        return [tuple(r) for r in uow.session.execute(query.order_by(AuditEvent.id))]


def test_fifteen_minutes_when_the_store_has_no_row(store, actors):
    # Given a store without the setting's row (made before the setting existed)
    with store.uow() as uow:
        uow.session.execute(delete(RegionSetting).where(RegionSetting.key == KEY))
        uow.commit()
    # Then the lock comes after 15 minutes, and Beheer lists the setting with that value
    assert screen_lock.idle_lock_minutes(uow=store.uow()) == 15
    row = _row(store, actors[Role.ADMIN])
    assert (row.label, row.value, row.version) == ("Vergrendelen na inactiviteit (minuten)", 15, 0)
    keys = [r.key for r in settings.region_settings(uow=store.uow(), actor=actors[Role.ADMIN])]
    assert keys == sorted(keys)


@pytest.mark.parametrize("value", [0, 121, 2.5, -1])
def test_only_whole_minutes_from_1_to_120(store, actors, value):
    admin = actors[Role.ADMIN]
    row = _row(store, admin)
    with pytest.raises(InvalidInput) as refused:
        settings.set_region_setting(uow=store.uow(), actor=admin, key=KEY, value=value, version=row.version)
    assert refused.value.errors[0].message == (
        "Het scherm vergrendelt na 1 tot 120 minuten zonder invoer; vul een heel aantal minuten in."
    )
    assert screen_lock.idle_lock_minutes(uow=store.uow()) == 15


def test_the_first_change_adds_the_row_then_versions_guard_it(store, actors):
    admin = actors[Role.ADMIN]
    row = _row(store, admin)
    # When the administrator sets 5 minutes
    saved = settings.set_region_setting(uow=store.uow(), actor=admin, key=KEY, value=5, version=row.version)
    # Then the lock comes after 5 minutes, and the change is in the log with old and new value
    assert screen_lock.idle_lock_minutes(uow=store.uow()) == 5
    assert ("beheer", "idle_lock_minutes: 15 -> 5") in _events(store, "setting_change")
    # And an edit on what someone saw before that change is refused as stale
    with pytest.raises(StaleEdit):
        settings.set_region_setting(uow=store.uow(), actor=admin, key=KEY, value=7, version=row.version)
    settings.set_region_setting(uow=store.uow(), actor=admin, key=KEY, value=120, version=saved.version)
    assert screen_lock.idle_lock_minutes(uow=store.uow()) == 120


def test_a_value_set_outside_the_bounds_by_hand_never_switches_the_lock_off(store):
    with store.uow() as uow:
        uow.session.merge(RegionSetting(key=KEY, value=0))
        uow.commit()
    assert screen_lock.idle_lock_minutes(uow=store.uow()) == 1


def test_the_lock_and_the_unlock_are_logged_in_dutch(store, actors):
    for role in Role:
        screen_lock.record_screen_lock(uow=store.uow(), actor=actors[role], minutes=15)
        screen_lock.record_screen_unlock(uow=store.uow(), actor=actors[role])
    assert len(_events(store, "screen_lock")) == len(Role) == len(_events(store, "screen_unlock"))
    assert _events(store, "screen_lock")[0][1] == "na 15 min zonder invoer"
    assert action_label("screen_lock") == "scherm vergrendeld na inactiviteit"
    assert action_label("screen_unlock") == "scherm ontgrendeld"


@pytest.mark.pg
def test_on_a_team_store_each_role_locks_and_unlocks_through_its_own_login(team: Team):
    door = open_workspace(team.team_url)
    try:
        for role, name in team.names.items():
            # Given the person's window (their own PostgreSQL login)
            workspace = door.logged_in(door.authenticate(name, PW))
            # Then they read the time, and log the lock
            assert workspace.call_anonymous(screen_lock.idle_lock_minutes) == 15
            workspace.call(screen_lock.record_screen_lock, minutes=15)
            # And the unlock checks the password through their own login: wrong is refused
            with pytest.raises(AuthenticationFailed):
                workspace.authenticate(name, "niet-het-wachtwoord")
            again = workspace.authenticate(name, PW)
            assert (again.username, again.role) == (name, role)
            workspace.call(screen_lock.record_screen_unlock)
            # And the window's own connection still works after the unlock
            assert workspace.call_anonymous(screen_lock.idle_lock_minutes) == 15
            workspace.close()
    finally:
        door.close()
