"""Destroying a youth's dossier, on request or after its retention term (issue 12 §3):
`ret-desk dossier destroy` and the Beheer workspace. The administrator's action; the store
does the work (db/destruction.py; on PostgreSQL `ret_dossier_destroy`). The report says
what is outside the store's reach: the backups made before, and the documents that were
printed or saved (the store keeps no copy of a PDF; the log says when and by whom).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ret_desk.config import backup_folder
from ret_desk.db import destruction
from ret_desk.db.engine import sqlite_path
from ret_desk.db.models import AuditEvent
from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.bsn import bsn_error, normalise_bsn
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound
from ret_desk.domain.permissions import Action, require

#: What to do with a backup made before a destruction (docs/privacy.md, "Vernietiging").
BACKUP_ADVICE = (
    "Deze back-up bevat het vernietigde dossier nog. Vernietig hem, of zet de vernietiging "
    "opnieuw door (ret-desk dossier destroy) direct nadat u hem ooit terugzet."
)
PRINT_ADVICE = (
    "RET Desk bewaart geen kopie van afgedrukte of opgeslagen documenten. Vraag wie ze "
    "afdrukte of opsloeg ze te vernietigen."
)
_OUTPUT_ACTIONS = ("case_print", "case_export", "dossier_export")


@dataclass(frozen=True, slots=True)
class Backup:
    name: str  # the file's path where found, else its name as the log recorded it
    made_at: datetime | None
    found: bool  # the file is where RET Desk puts backups (else only the log names it)


@dataclass(frozen=True, slots=True)
class Output:
    at: datetime
    action: str
    actor: str
    workstation: str


@dataclass(frozen=True, slots=True)
class DestroyReport:
    youth_id: int
    case_numbers: tuple[str, ...]
    redacted_events: int
    printed: tuple[Output, ...]
    backups: tuple[Backup, ...]

    def to_json(self) -> dict:
        return {
            "youth_id": self.youth_id,
            "case_numbers": list(self.case_numbers),
            "redacted_events": self.redacted_events,
            "printed": [
                {"at": o.at.isoformat(), "action": o.action, "by": o.actor, "workstation": o.workstation}
                for o in self.printed
            ],
            "backups": [
                {"name": b.name, "made_at": b.made_at.isoformat() if b.made_at else None, "found": b.found}
                for b in self.backups
            ],
        }


def _checked(bsn: str | None, case_number: str | None, reason: str) -> tuple[str | None, str | None]:
    errors = []
    if bool(bsn) == bool(case_number):
        errors.append(FieldError("bsn", "Geef een BSN of een casusnummer (niet allebei)."))
    digits = normalise_bsn(bsn.strip()) if bsn else None
    if digits is not None and (problem := bsn_error(digits)) is not None:
        errors.append(FieldError("bsn", problem))
    if len(reason.strip()) < 3:
        errors.append(FieldError("reden", "Geef de reden van de vernietiging."))
    if errors:
        raise InvalidInput(errors)
    return digits, case_number.strip() if case_number else None


def destroy_dossier(
    *, store: Store, actor: Actor, reason: str, bsn: str | None = None, case_number: str | None = None
) -> DestroyReport:
    """Destroy the dossier of the youth with `bsn` (or of case `case_number`'s youth)."""
    require(actor.role, Action.DESTROY_DOSSIER)
    digits, number = _checked(bsn, case_number, reason)
    started = datetime.now().astimezone()
    with store.uow() as uow:
        session = uow.session
        youth_id = destruction.find_youth(session, bsn=digits, case_number=number)
        if youth_id is None:
            what = "dit BSN" if digits else "dit casusnummer"
            raise NotFound(f"Er is geen (niet vernietigd) dossier met {what}.")
        printed = _printed(session, youth_id)
        done = destruction.destroy(session, actor, youth_id, reason.strip())
        uow.commit()
    if store.is_sqlite:
        destruction.scrub_sqlite_file(store.engine)
    return DestroyReport(youth_id, done.case_numbers, done.redacted, printed, backups_before(store, started))


def _printed(session, youth_id: int) -> tuple[Output, ...]:  # noqa: ANN001
    rows = session.execute(
        select(AuditEvent.at, AuditEvent.action, AuditEvent.actor_name, AuditEvent.workstation)
        .where(AuditEvent.youth_id == youth_id, AuditEvent.action.in_(_OUTPUT_ACTIONS))
        .order_by(AuditEvent.at)
    )
    return tuple(Output(*row) for row in rows)


def backups_before(store: Store, moment: datetime | None = None) -> tuple[Backup, ...]:
    """The backups that may hold a destroyed dossier: the upgrade backups beside a SQLite
    file, every file in the backup folder (pg_dumps before an upgrade), and every backup the
    log knows (`store_backup`: `ret-desk db backup` and Beheer › Opslag, wherever saved)."""
    moment = moment or datetime.now().astimezone()
    found: dict[str, Backup] = {}
    folders: list[Path] = [backup_folder()]
    path = sqlite_path(store.url)
    if path is not None:
        folders.append(path.parent)
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.iterdir()):
            if not file.is_file() or (
                path is not None and folder == path.parent and ".voor-upgrade-" not in file.name
            ):
                continue
            made = datetime.fromtimestamp(file.stat().st_mtime).astimezone()
            if made <= moment:
                found[file.name] = Backup(str(file), made, True)
    with store.uow() as uow:
        logged = uow.session.execute(
            select(AuditEvent.detail, AuditEvent.at)
            .where(AuditEvent.action == "store_backup")
            .order_by(AuditEvent.at)
        ).all()
    for name, at in logged:
        name = Path(name).name
        if not name or name in found:
            continue
        where = next((folder / name for folder in folders if (folder / name).is_file()), None)
        found[name] = Backup(str(where), at, True) if where is not None else Backup(name, at, False)
    return tuple(sorted(found.values(), key=lambda b: (b.made_at is None, b.made_at or moment, b.name)))


def backups(*, store: Store, actor: Actor) -> tuple[Backup, ...]:
    """The backups that may still hold destroyed dossiers, for Beheer › Bewaartermijnen."""
    require(actor.role, Action.DESTROY_DOSSIER)
    return backups_before(store)
