"""The right of inspection (issue 12 §3): `export_dossier` writes everything stored about
one youth, and who accessed it, to one PDF for the youth (from 12) and the parents.
The coordinator's (`export_dossier`); the youth is found by a case number or a BSN.

Audited before the file is written: one `dossier_export` event per case of the youth (so
both the youth's and each case's trail show it). The file is private (0600) and written
whole or not at all (db/private_files.side_file)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ret_desk.db.audit import record, record_case
from ret_desk.db.models import Youth
from ret_desk.db.private_files import side_file
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.bsn import is_valid_bsn, normalise_bsn
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound
from ret_desk.domain.permissions import Action, require
from ret_desk.reports import dossier
from ret_desk.reports.layout import Imprint
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.cases.dossier_data import cases_of, dossier_of
from ret_desk.services.cases.youth_identity import find_by_bsn


@dataclass(frozen=True, slots=True)
class DossierExport:
    path: Path
    case_numbers: tuple[str, ...]
    size: int  # bytes of the PDF


def _youth(session, number: str | None, bsn: str | None) -> Youth:  # noqa: ANN001
    if bool(number) == bool(bsn):
        raise InvalidInput([FieldError("dossier", "Geef een casusnummer of een BSN, niet allebei.")])
    if number:
        return case_by_number(session, number).youth
    digits = normalise_bsn(bsn or "")  # "1234 56 708" as people type it
    if not is_valid_bsn(digits):
        raise InvalidInput([FieldError("bsn", f"{digits} is geen geldig BSN (9 cijfers, elfproef).")])
    youth = find_by_bsn(session, digits)
    if youth is None or youth.destroyed_at is not None:
        raise NotFound("Er is geen jeugdige met dit BSN.")
    return youth


def export_dossier(
    *,
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    number: str | None = None,
    bsn: str | None = None,
    now: datetime | None = None,
) -> DossierExport:
    """Write the dossier of the youth of case `number` (or with `bsn`) to `path`."""
    require(actor.role, Action.EXPORT_DOSSIER)
    now = now or datetime.now()
    with uow:
        session = uow.session
        youth = _youth(session, number, bsn)
        data = dossier_of(session, youth, now.date())
        cases = cases_of(session, youth.id)
        title = f"Dossier {', '.join(c.number for c in cases)}" if cases else "Dossier"
        pdf = dossier.build(data, Imprint(printed_by=actor.username, printed_at=now, title=title))
        detail = f"inzage: volledig dossier, {len(cases)} casus(sen), opgeslagen als PDF"
        for case in cases:
            record_case(session, actor, "dossier_export", case, detail=detail)
        if not cases:
            record(session, actor, "dossier_export", youth_id=youth.id, detail=detail)
        uow.commit()
    path = path.resolve()
    with side_file(path) as partial:
        partial.write_bytes(pdf)
    return DossierExport(path, tuple(c.number for c in cases), len(pdf))
