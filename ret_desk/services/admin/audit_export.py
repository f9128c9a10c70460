"""The audit log as a CSV file for the auditor: Dutch headers, local times, semicolons and a
byte-order mark (so Excel in Dutch opens it as columns), and formula-safe cells (the one
rule of domain/spreadsheet_cells.py). Written to a private side file first (0600), so a
failed export never leaves half a file; logged itself."""

from __future__ import annotations

import csv
from pathlib import Path

from ret_desk.db.audit import record
from ret_desk.db.private_files import side_file
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.audit_actions import action_label, detail_label, local_timestamp
from ret_desk.domain.errors import RetDeskError
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.spreadsheet_cells import csv_cell
from ret_desk.services.admin.audit_query import AuditFilter, _conditions, _entries

HEADERS = (
    "tijdstip", "gebruiker", "namens", "werkplek", "actie", "actiecode",
    "jeugdige", "casusnummer", "toelichting",
)  # fmt: skip


def export_csv(
    *,
    uow: UnitOfWork,
    actor: Actor,
    flt: AuditFilter,
    path: Path,
) -> int:
    """Write every event matching `flt` to `path`, newest first; returns how many."""
    require(actor.role, Action.VIEW_AUDIT)
    if path.suffix.lower() != ".csv":
        raise RetDeskError("Exporteer het logboek naar een .csv-bestand.")
    count = 0
    with uow:
        where = _conditions(uow.session, flt)
        # a private side file (0600), renamed when whole
        with side_file(path) as partial, partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADERS)
            for e in _entries(uow.session, where, None, None):
                cells = (
                    local_timestamp(e.at), e.actor, e.on_behalf_of, e.workstation,
                    action_label(e.action), e.action, e.youth_name, e.case_number or "",
                    detail_label(e.detail),
                )  # fmt: skip
                writer.writerow([csv_cell(c) for c in cells])
                count += 1
        record(uow.session, actor, "audit_export", detail=f"{path.name}: {count} regels; {flt.describe()}")
        uow.commit()
    return count
