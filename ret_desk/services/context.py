"""What a front end holds between operations: the opened store and the logged-in actor.

The desktop app and the command line get the store through here, so that neither needs
to import the db layer; every operation still opens its own short unit of work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ret_desk.db.store import Store
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor

__all__ = ["Store", "Workspace", "open_store"]

T = TypeVar("T")


def open_store(url: str) -> Store:
    """Open and, when needed, upgrade the store (after an online backup of a SQLite file)."""
    return Store.open(url)


@dataclass
class Workspace:
    """A logged-in session of the app: the store plus who is working in it."""

    store: Store
    actor: Actor

    def uow(self) -> UnitOfWork:
        return self.store.uow()

    def call(self, fn: Callable[..., T], /, **kw: Any) -> T:
        """Run one service call in its own unit of work, as the logged-in actor.

        The front ends call services only this way, so that neither holds a session or
        builds a unit of work itself (ARCHITECTURE: `workspace.call(fn, **kw)`)."""
        return fn(uow=self.store.uow(), actor=self.actor, **kw)
