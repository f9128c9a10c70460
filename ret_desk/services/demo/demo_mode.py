"""`ret-desk --demo`: a fresh temporary store with fictitious data (cases, Experttafel
sittings, capacity and placement requests) and a demo coordinator logged in."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Role
from ret_desk.services.admin import accounts
from ret_desk.services.context import Workspace
from ret_desk.services.demo import demo_data
from ret_desk.services.demo.demo_capacity import generate_capacity, open_demo_requests
from ret_desk.services.demo.demo_sittings import plan_demo_sittings

DEMO_YOUTHS = 400


def open_demo_store(folder: Path | None = None, youths: int = DEMO_YOUTHS) -> tuple[Store, Actor]:
    """A new store in a temporary folder, filled, with the demo coordinator logged in."""
    folder = folder or Path(tempfile.mkdtemp(prefix="ret-desk-demo-"))
    store = Store.open(f"sqlite:///{(folder / 'demo.sqlite').as_posix()}")
    # Random throw-away passwords: the demo store lives only as long as this session.
    admin_pw, coord_pw = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    accounts.create_account(
        uow=store.uow(), actor=None, username="demo-beheer", password=admin_pw, role=Role.ADMIN
    )
    admin = accounts.authenticate(uow=store.uow(), username="demo-beheer", password=admin_pw)
    accounts.create_account(
        uow=store.uow(),
        actor=admin,
        username="demo-coordinator",
        password=coord_pw,
        role=Role.COORDINATOR,
        display_name="Demo-coördinator",
    )
    demo_data.generate(uow=store.uow(), actor=admin, youths=youths, seed=2026)
    chair_pw = secrets.token_urlsafe(16)
    accounts.create_account(
        uow=store.uow(), actor=admin, username="demo-voorzitter", password=chair_pw, role=Role.CHAIR
    )
    chair = accounts.authenticate(uow=store.uow(), username="demo-voorzitter", password=chair_pw)
    plan_demo_sittings(store_uow=store.uow, chair=chair)
    generate_capacity(uow=store.uow(), actor=admin, locations=60, seed=2026)
    staff_pw = secrets.token_urlsafe(16)
    accounts.create_account(
        uow=store.uow(), actor=admin, username="demo-plaatser", password=staff_pw, role=Role.PLACEMENT_OFFICER
    )
    staff = accounts.authenticate(uow=store.uow(), username="demo-plaatser", password=staff_pw)
    open_demo_requests(store_uow=store.uow, staff=staff)
    coordinator = accounts.authenticate(uow=store.uow(), username="demo-coordinator", password=coord_pw)
    return store, coordinator


def open_demo_workspace(folder: Path | None = None, youths: int = DEMO_YOUTHS) -> tuple[Workspace, Actor]:
    """`open_demo_store` for a front end: the store as a workspace with nobody logged in
    (the app logs the demo coordinator in with it), and that coordinator."""
    store, actor = open_demo_store(folder, youths)
    return Workspace(store), actor
