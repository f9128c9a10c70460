"""Store administration: schema version, upgrade, online backup.

A SQLite store is the administrator's (RET Desk login); a PostgreSQL store is upgraded by
whoever holds the owner's connection (PostgreSQL's own rights decide), so there the
upgrade and the schema state need no RET Desk login.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect

from ret_desk.config import backup_folder
from ret_desk.db import migrate, team_login
from ret_desk.db.audit import record
from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import PermissionDenied
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.region_file import RegionSpec
from ret_desk.services.admin import account_admin


@dataclass(frozen=True, slots=True)
class SchemaState:
    current: str | None
    head: str
    status: str = "current"  # migrate.SchemaStatus value: empty, current, older, newer
    server: bool = False  # PostgreSQL: only the owner's connection upgrades

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def label(self) -> str:
        """Dutch, for `ret-desk db current`."""
        return {
            "current": "actueel",
            "older": (
                f"moet worden bijgewerkt door de eigenaar: ret-desk --db <eigenaar-URL> db upgrade; "
                f"nieuwste: {self.head}"
                if self.server
                else f"moet worden bijgewerkt door een beheerder (nieuwste: {self.head})"
            ),
            "newer": f"nieuwer dan deze versie van RET Desk (die kent tot {self.head})",
            "empty": f"nieuwe, lege opslag: moet worden aangemaakt met ret-desk db upgrade ({self.head})",
        }[self.status]


@dataclass(frozen=True, slots=True)
class UpgradeReport:
    """What `upgrade` did: from and to which revision (None, None: it was already done),
    the backup it took, and whether it skipped the PostgreSQL backup for want of pg_dump."""

    upgraded_from: str | None
    upgraded_to: str | None
    backup: Path | None
    new_store: bool
    no_pg_dump: bool = False
    # 0007 on PostgreSQL: (user name, role, what happened) of each existing account's login
    migrated_accounts: tuple[tuple[str, str, str], ...] = ()


def open_unmigrated(url: str) -> Store:
    """Open without upgrading, to look at or back up the store as it is."""
    return Store.open(url, upgrade=False)


def is_team_url(url: str) -> bool:
    """A PostgreSQL URL without a user name: each person connects with their own login."""
    return team_login.is_team_url(url)


def url_has_password(url: str) -> bool:
    """A password inside a store URL (user:password@host): refused on the command line."""
    return team_login.has_password(url)


def open_as_person(url: str, username: str, password: str) -> Store:
    """A team store connected with the person's own login whatever its schema, only to
    look at the schema (`db current`); PostgreSQL checks the password."""
    from ret_desk.services.admin.accounts import workstation_name

    return team_login.open_as(url, username, password, workstation_name(), any_schema=True)


def is_new(store: Store, actor: Actor | None = None) -> bool:
    """True for a store with no tables yet (nothing to protect, nothing to log in to)."""
    return not inspect(store.engine).get_table_names()


def schema_state(*, store: Store, actor: Actor | None) -> SchemaState:
    """The store's schema against this version's. Without an actor only on PostgreSQL,
    where the server's login already decided who may look."""
    if actor is not None:
        require(actor.role, Action.MANAGE_STORE)
    elif store.is_sqlite:
        raise PermissionDenied("Log in als beheerder om de schemaversie te zien.")
    status = migrate.schema_status(store.engine)
    current = migrate.current_revision(store.engine)
    return SchemaState(current, migrate.head_revision(), status.value, not store.is_sqlite)


def upgrade(*, store: Store, actor: Actor | None, region: RegionSpec | None = None) -> UpgradeReport:
    """Upgrade, after a backup (SQLite: beside the file; PostgreSQL: pg_dump into
    config.backup_folder()), under the upgrade lock on PostgreSQL. Without an actor: a
    new, empty store, or any PostgreSQL store (the owner's connection). `region` is the
    region a new store gets (Drenthe when None); an existing store keeps its own (see
    services/admin/region.change_region). The store records the `store_upgrade` event."""
    if actor is None:
        if store.is_sqlite and not is_new(store):
            raise PermissionDenied("Log in als beheerder om een bestaande opslag bij te werken.")
    else:
        require(actor.role, Action.MANAGE_STORE)
    new_store = is_new(store)
    backup = store.upgrade(region, actor=actor, backup_folder=backup_folder())
    done = store.last_upgrade or (None, None)
    no_pg_dump = not store.is_sqlite and done[1] is not None and not new_store and backup is None
    migrated = tuple(tuple(row) for row in store.upgrade_notes.get("migrated_accounts", ()))  # type: ignore[union-attr]
    return UpgradeReport(done[0], done[1], backup, new_store and done[1] is not None, no_pg_dump, migrated)


def owner_reset_password(*, store: Store, actor: Actor | None, username: str, temporary: str) -> None:
    """The owner of a PostgreSQL store gives an account a temporary password without a RET
    Desk login: the way back in for an administrator after the upgrade to team mode (0007
    gives the existing accounts logins without a usable password). Audited as the owner's
    login; the account chooses a new password at its next login."""
    if actor is not None:
        account_admin.reset_password(uow=store.uow(), actor=actor, username=username, temporary=temporary)
        return
    if store.is_sqlite:
        raise PermissionDenied("Log in als beheerder om een wachtwoord te herstellen.")
    migrate.require_owner(store.engine)
    migrate.require_current(store.engine)
    account_admin.reset_password(
        uow=store.uow(), actor=store.owner_actor(), username=username, temporary=temporary
    )


def backup(*, store: Store, actor: Actor, target: Path) -> Path:
    require(actor.role, Action.MANAGE_STORE)
    made = migrate.backup_sqlite(store.engine, target)
    with store.uow() as uow:
        record(uow.session, actor, "store_backup", detail=str(target.name))
        uow.commit()
    return made
