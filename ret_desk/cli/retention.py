"""`ret-desk retention due [--json]` (issue 12 §3): the dossiers past their retention term,
with case numbers, youth id, last change, term and due date; never a name or BSN."""

from __future__ import annotations

import argparse
import json

from ret_desk.cli.login import login_workspace
from ret_desk.domain.dutch_dates import short_date
from ret_desk.services.admin.retention import retention_due
from ret_desk.services.context import Workspace


def add_parsers(sub: argparse._SubParsersAction) -> None:
    retention = sub.add_parser("retention", help="bewaartermijnen van dossiers")
    commands = retention.add_subparsers(dest="retention_command", required=True)
    due = commands.add_parser("due", help="dossiers waarvan de bewaartermijn voorbij is")
    due.add_argument("--json", action="store_true", help="als JSON (sleutels: docs/privacy.md)")


def run(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    rows = ws.call(retention_due)
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Geen dossiers over de bewaartermijn.")
        return 0
    print(f"{len(rows)} dossier(s) over de bewaartermijn:")
    print("casus(sen)\tjeugdige\tlaatste wijziging\ttermijn\tte vernietigen sinds")
    for r in rows:
        print(
            f"{', '.join(r.case_numbers)}\t{r.youth_id}\t{short_date(r.last_change)}\t{r.term}\t"
            f"{short_date(r.due_since)}"
        )
    print("Vernietigen: ret-desk dossier destroy --casus NUMMER --reden TEKST")
    return 0
