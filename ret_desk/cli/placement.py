"""Regie op plaatsing on the command line: `match ...` and `placement ...` (same services
as the app). The imports (`import locations|requests`) share the case import's grammar."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ret_desk.cli.login import login_workspace
from ret_desk.cli.parsing import parse_date
from ret_desk.domain.dutch_numbers import count_noun
from ret_desk.domain.placement import EndReason
from ret_desk.services.context import Workspace
from ret_desk.services.placement import (
    location_import,
    match,
    placement_picture,
    placement_requests,
    placements,
)

OK, REFUSED, USAGE = 0, 1, 2


def add_parsers(sub: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    for what, helptext in (("locations", "locaties en capaciteit"), ("requests", "plaatsingsverzoeken")):
        parser = imports.add_parser(what, help=f"{helptext} importeren uit .csv of .xlsx")
        parser.add_argument("file", metavar="BESTAND")
        parser.add_argument("--skip-invalid", action="store_true", help="schrijf alleen geldige rijen")
        parser.add_argument("--dry-run", action="store_true", help="controleer alleen; schrijf niets")

    matching = sub.add_parser("match", help="passende plekken voor een plaatsingsverzoek")
    target = matching.add_mutually_exclusive_group(required=True)
    target.add_argument("number", nargs="?", metavar="CASUS")
    target.add_argument("--all", action="store_true", help="voorstel voor alle open verzoeken tegelijk")
    matching.add_argument("--json", action="store_true")
    matching.add_argument(
        "--log", action="store_true", help="de vastgelegde matchbesluiten van de casus (rang, score, top 5)"
    )

    placement = sub.add_parser("placement", help="plaatsingen").add_subparsers(
        dest="placement_command", required=True
    )
    start = placement.add_parser("start", help="plaatsing starten")
    start.add_argument("number", metavar="CASUS")
    start.add_argument("location_agb", metavar="LOCATIE_AGB")
    start.add_argument("--type", required=True, metavar="PLAATSINGSVORM")
    start.add_argument("--date", required=True, type=parse_date, metavar="DATUM")
    start.add_argument("--rationale", default="", metavar="TEKST", help="nodig als de keuze niet rang 1 is")
    start.add_argument(
        "--end-reason", choices=[r.value for r in EndReason], help="reden waarom de lopende plaatsing eindigt"
    )
    start.add_argument("--stopgap", action="store_true", help="dit is een noodoplossing")
    end = placement.add_parser("end", help="plaatsing beëindigen")
    end.add_argument("number", metavar="CASUS")
    end.add_argument("--date", required=True, type=parse_date, metavar="DATUM")
    end.add_argument("--reason", required=True, choices=[r.value for r in EndReason])
    history = placement.add_parser("history", help="plaatsingshistorie van de jeugdige")
    history.add_argument("number", metavar="CASUS")
    history.add_argument("--json", action="store_true")


def run_import(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    module = (
        location_import.import_locations if args.what == "locations" else placement_requests.import_requests
    )
    report = ws.call(
        module,
        path=Path(args.file),
        skip_invalid=args.skip_invalid,
        dry_run=args.dry_run,
    )
    for error in report.errors:
        print(f"Fout in {error}", file=sys.stderr)
    noun = ("regel", "regels") if args.what == "locations" else ("verzoek", "verzoeken")
    if report.dry_run:
        print(
            f"Proefimport: {count_noun(report.rows, 'rij', 'rijen')}, {report.valid} geldig, "
            f"{count_noun(len(report.errors), 'fout', 'fouten')}."
        )
        return REFUSED if report.errors else OK
    if report.errors and not args.skip_invalid:
        print(
            f"Niets geïmporteerd: {count_noun(len(report.errors), 'fout', 'fouten')} in "
            f"{count_noun(report.rows, 'rij', 'rijen')}."
        )
        return REFUSED
    print(f"{count_noun(report.written, *noun)} geïmporteerd ({count_noun(report.rows, 'rij', 'rijen')}).")
    return OK


def run_match(args: argparse.Namespace, store: Workspace) -> int:
    if args.log and args.all:
        print("ret-desk match: --log hoort bij één casus, niet bij --all.", file=sys.stderr)
        return USAGE
    ws = login_workspace(store, args.user)
    if args.log:
        return _match_log(args, ws)
    if args.all:
        rows, unmatched = ws.call(match.batch_proposal)
        if args.json:
            print(json.dumps({"proposals": [r.to_json() for r in rows], "unmatched": unmatched}, indent=2))
            return OK
        for r in rows:
            where = f"{r.location_agb} {r.location:<30} {r.placement_type:<18}"
            print(f"{r.case_number:<16} {r.urgency.value:<8} {where} rang {r.rank:>2}  score {r.score:6.2f}")
        for number in unmatched:
            print(f"{number:<16} geen passende vrije plek")
        return OK
    view = ws.call(match.match_case, number=args.number)
    if args.json:
        print(json.dumps(view.to_json(), ensure_ascii=False, indent=2))
        return OK
    for c in view.result.candidates:
        parts = ", ".join(f"{k} {v:g}" for k, v in c.components.items())
        print(f"{c.rank:>3}. {c.offer.location:<30} {c.offer.type_code:<18} {c.distance_km:6.1f} km  "
              f"score {c.score:6.2f} ({parts})")  # fmt: skip
    print(f"{len(view.result.excluded)} aanbod valt af; zie --json voor de redenen.")
    return OK


def _match_log(args: argparse.Namespace, ws: Workspace) -> int:
    decisions = ws.call(placement_picture.match_log, number=args.number)
    if args.json:
        print(json.dumps([d.to_json() for d in decisions], ensure_ascii=False, indent=2))
        return OK
    if not decisions:
        print(f"Voor casus {args.number} is nog geen match vastgelegd.")
    for d in decisions:
        where = f"{d.location} ({d.location_agb}, {d.placement_type})"
        answer = {"open": "nog geen antwoord"}.get(d.provider_answer, d.provider_answer)
        print(f"{d.at.astimezone():%d-%m-%Y %H:%M}  {d.by}: {where}, rang {d.rank}, score {d.score:.2f}; "
              f"aanbieder: {answer}")  # fmt: skip
        print(f"    onderbouwing: {d.rationale or '—'}")
        for s in d.snapshot:
            name = s.location or s.location_agb
            print(f"    {s.rank:>3}. {name:<30} {s.placement_type:<18} score {s.score:6.2f}")
    return OK


def run_placement(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    if args.placement_command == "start":
        ws.call(
            placements.start_placement, number=args.number, location_agb=args.location_agb,
            type_code=args.type, started_on=args.date, rationale=args.rationale,
            move_reason=EndReason(args.end_reason) if args.end_reason else None, stopgap=args.stopgap,
        )  # fmt: skip
        print(f"Plaatsing van casus {args.number} gestart op {args.date:%d-%m-%Y}.")
        return OK
    if args.placement_command == "end":
        ws.call(
            placements.end_placement,
            number=args.number,
            ended_on=args.date,
            reason=EndReason(args.reason),
        )
        print(f"Plaatsing van casus {args.number} beëindigd ({EndReason(args.reason).label.lower()}).")
        return OK
    history = ws.call(placements.placement_history, number=args.number)
    if args.json:
        print(json.dumps(history.to_json(), ensure_ascii=False, indent=2))
        return OK
    for e in history.timeline:
        until = f"{e.ended_on:%d-%m-%Y} ({e.end_reason.label.lower()})" if e.ended_on else "loopt"
        print(f"{e.started_on:%d-%m-%Y} – {until:<40} {e.location} ({e.type_label}, trede {e.rung or '-'})")
    ftr = {True: "ja", False: "nee", None: "—"}[history.first_time_right]
    print(f"Doorplaatsingen: {history.moves}; first-time-right: {ftr}")
    return OK
