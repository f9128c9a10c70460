"""What a front end holds between operations: the opened store and the logged-in actor.

The desktop app and the command line get the store through here, so that neither needs
to import the db layer; every operation still opens its own short unit of work. A front
end holds a `Workspace` and never the store itself: `open_workspace(url)` gives one with
nobody logged in (for the login and the first administrator: `call_anonymous`), and
`logged_in(actor)` the one whose `call(fn, **kw)` runs every other service.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, TypeVar

from ret_desk.db.audit import record
from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import PermissionDenied

__all__ = ["Store", "Workspace", "open_store", "open_workspace"]

T = TypeVar("T")


def open_store(url: str) -> Store:
    """Open and, when needed, upgrade the store (after an online backup of a SQLite file)."""
    return Store.open(url)


def open_workspace(url: str) -> Workspace:
    """Open (and upgrade) the store at `url`, with nobody logged in yet."""
    return Workspace(open_store(url))


@dataclass
class Workspace:
    """A session of a front end: the store plus who is working in it (None before login)."""

    store: Store
    actor: Actor | None = None

    def call(self, fn: Callable[..., T], /, **kw: Any) -> T:
        """Run one service call in its own unit of work, as the logged-in actor.

        The front ends call services only this way, so that neither holds a session or
        builds a unit of work itself (ARCHITECTURE: `workspace.call(fn, **kw)`)."""
        if self.actor is None:
            raise RuntimeError(f"{fn.__name__}: nobody is logged in; use call_anonymous")
        try:
            result = fn(uow=self.store.uow(), actor=self.actor, **kw)
        except PermissionDenied as exc:
            self._record_refusal(fn, kw, exc)
            raise
        if isinstance(result, Generator):  # a streamed service checks the role when first read
            return self._refusals_recorded(fn, kw, result)
        return result

    def call_anonymous(self, fn: Callable[..., T], /, **kw: Any) -> T:
        """Run a service that needs no actor (log in, are there accounts, the first
        administrator) in its own unit of work."""
        return fn(uow=self.store.uow(), **kw)

    def call_store(self, fn: Callable[..., T], /, **kw: Any) -> T:
        """Run a service that works on the store as a whole (schema, backup, facts about
        the store), as the actor, who may be None where the service allows it."""
        try:
            return fn(store=self.store, actor=self.actor, **kw)
        except PermissionDenied as exc:
            if self.actor is not None:
                self._record_refusal(fn, kw, exc)
            raise

    def _refusals_recorded(self, fn: Callable[..., Any], kw: dict[str, Any], stream: Generator) -> Generator:
        try:
            yield from stream
        except PermissionDenied as exc:
            self._record_refusal(fn, kw, exc)
            raise

    def _record_refusal(self, fn: Callable[..., Any], kw: dict[str, Any], exc: PermissionDenied) -> None:
        """A refused action is logged (NEN 7513) in its own unit of work: the refused one
        rolled back. Which service, the case number it named, and the refusal's text."""
        assert self.actor is not None
        number = kw.get("number", kw.get("case_number"))
        uow = self.store.uow()
        with uow:
            what = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
            record(
                uow.session, self.actor, "refused",
                case_number=number if isinstance(number, str) else None, detail=f"{what}: {exc.message}",
            )  # fmt: skip
            uow.commit()

    def logged_in(self, actor: Actor) -> Workspace:
        """The same store, with `actor` working in it."""
        return Workspace(self.store, actor)

    @property
    def is_sqlite(self) -> bool:
        return self.store.is_sqlite

    def close(self) -> None:
        self.store.close()
