"""The idle lock's part in the store (issue 11 §3): after how many minutes without input
the window locks (a region setting, `idle_lock_minutes`), and the audit events of a lock
and an unlock. The password of an unlock is checked by the one login path
(`Workspace.authenticate`), so that a wrong one counts like a failed login.

The setting has no row in a store made before it existed: then the default applies, and
the administrator's first change adds the row (services/admin/settings.py)."""

from __future__ import annotations

from ret_desk.db.audit import record
from ret_desk.db.models import RegionSetting
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor

IDLE_LOCK_KEY = "idle_lock_minutes"
IDLE_LOCK_DEFAULT = 15
IDLE_LOCK_MIN, IDLE_LOCK_MAX = 1, 120
IDLE_LOCK_LABEL = "Vergrendelen na inactiviteit (minuten)"
IDLE_LOCK_RANGE_MESSAGE = (
    f"Het scherm vergrendelt na {IDLE_LOCK_MIN} tot {IDLE_LOCK_MAX} minuten zonder invoer; "
    "vul een heel aantal minuten in."
)


def clamp_minutes(value: float) -> int:
    """A stored value as whole minutes within the bounds (a value set by hand in the store
    outside them never switches the lock off)."""
    return min(max(round(value), IDLE_LOCK_MIN), IDLE_LOCK_MAX)


def idle_lock_minutes(*, uow: UnitOfWork) -> int:
    """After how many minutes without input the window locks (reference data of the region,
    no personal data: not audited, readable by every role)."""
    with uow:
        row = uow.session.get(RegionSetting, IDLE_LOCK_KEY)
        return IDLE_LOCK_DEFAULT if row is None else clamp_minutes(row.value)


# Every role may lock its own screen and unlock it with its own password: like the login,
# these events need no permission of the role (there is no Action to refuse).
def record_screen_lock(*, uow: UnitOfWork, actor: Actor, minutes: int) -> None:
    """The window locked itself after `minutes` without input."""
    with uow:
        record(uow.session, actor, "screen_lock", detail=f"na {minutes} min zonder invoer")
        uow.commit()


def record_screen_unlock(*, uow: UnitOfWork, actor: Actor) -> None:
    """The user unlocked the window with their password (checked by the login before)."""
    with uow:
        record(uow.session, actor, "screen_unlock")
        uow.commit()
