"""What a front end holds between operations: the opened store and the logged-in actor.

The desktop app and the command line get the store through here, so that neither needs
to import the db layer; every operation still opens its own short unit of work. A front
end holds a `Workspace` and never the store itself: `open_workspace(url)` gives one with
nobody logged in (for the login and the first administrator: `call_anonymous`), and
`logged_in(actor)` the one whose `call(fn, **kw)` runs every other service.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ret_desk.db import team_login
from ret_desk.db.audit import record
from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import PermissionDenied
from ret_desk.services import live
from ret_desk.services.admin import account_admin, accounts

__all__ = ["Store", "Workspace", "open_store", "open_workspace"]

T = TypeVar("T")


def open_store(url: str) -> Store:
    """Open the store: a SQLite file is upgraded when needed (after an online backup,
    audited); a PostgreSQL store only by `ret-desk db upgrade`, so an older or newer schema
    there is refused in Dutch (StoreError)."""
    return Store.open_as_client(url)


def open_workspace(url: str) -> Workspace:
    """Open the store at `url` (see open_store), with nobody logged in yet. A team's PostgreSQL
    store (a URL without a user name) is not connected to until someone logs in with their
    own database login (`Workspace.authenticate`), which checks the schema as that person."""
    if team_login.is_team_url(url):
        return Workspace(Store.open(url, upgrade=False))
    return Workspace(open_store(url))


@dataclass
class Workspace:
    """A session of a front end: the store plus who is working in it (None before login)."""

    store: Store
    actor: Actor | None = None
    # On a team store: the store connected as each person who logged in here (user name).
    _people: dict[str, Store] = field(default_factory=dict, repr=False)

    def call(self, fn: Callable[..., T], /, **kw: Any) -> T:
        """Run one service call in its own unit of work, as the logged-in actor.

        The front ends call services only this way, so that neither holds a session or
        builds a unit of work itself (ARCHITECTURE: `workspace.call(fn, **kw)`)."""
        if self.actor is None:
            raise RuntimeError(f"{fn.__name__}: nobody is logged in; use call_anonymous")
        try:
            result = fn(uow=self.store.uow(self.actor), actor=self.actor, **kw)
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
        """The same store, with `actor` working in it (on a team store: connected with the
        actor's own database login, made by `authenticate`)."""
        return Workspace(self._people.get(actor.username, self.store), actor)

    @property
    def personal_logins(self) -> bool:
        """Whether each person connects with their own PostgreSQL login (a team store):
        then there is no store to ask anything before someone logs in."""
        return team_login.is_team_url(self.store.url)

    def authenticate(self, username: str, password: str, *, on_behalf_of: str = "") -> Actor:
        """Who logs in with `username` and `password` (accounts.authenticate), working on
        behalf of `on_behalf_of` when given. On a team store PostgreSQL checks the password
        when the person's own login connects."""
        kw = {"username": username, "password": password, "on_behalf_of": on_behalf_of}
        if not self.personal_logins:
            return self.call_anonymous(accounts.authenticate, **kw)
        store = team_login.open_as(self.store.url, username, password, accounts.workstation_name())
        try:
            actor = accounts.authenticate(uow=store.uow(), **kw)
        except BaseException:
            store.close()
            raise
        if (earlier := self._people.pop(actor.username, None)) is not None:
            earlier.close()
        self._people[actor.username] = store
        return actor

    def change_own_password(self, *, username: str, current: str, new: str, logged_in: bool = False) -> None:
        """The user's own new password after proving the current one (on a team store by
        connecting with it)."""
        change = account_admin.change_own_password
        if not self.personal_logins:
            self.call_anonymous(change, username=username, current=current, new=new, logged_in=logged_in)
            return
        store = team_login.open_as(self.store.url, username, current, accounts.workstation_name())
        try:
            change(uow=store.uow(), username=username, current=current, new=new, logged_in=logged_in)
        finally:
            store.close()

    @property
    def is_sqlite(self) -> bool:
        return self.store.is_sqlite

    def subscribe_changes(
        self,
        on_change: Callable[[live.Change], None],
        on_status: Callable[[bool], None],
        on_locked_out: Callable[[], None] | None = None,
    ) -> Callable[[], None]:
        """Hear other users' committed changes and the connection's state (services/live.py;
        callbacks on a background thread; `on_locked_out` when the server refuses this
        login); returns the call that stops it."""
        return live.subscribe(self.store, on_change, on_status, on_locked_out)

    def close(self) -> None:
        for store in self._people.values():
            live.stop(store)
            store.close()
        self._people.clear()
        live.stop(self.store)
        self.store.close()
