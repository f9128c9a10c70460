"""The Experttafel on the command line: `session ...` and `report ...` (same services as the app)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ret_desk.cli.login import login_workspace
from ret_desk.cli.parsing import parse_date
from ret_desk.domain.experttafel import AdviceType, Discipline
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel import advice, agenda, printing
from ret_desk.services.experttafel import sittings as experttafel

OK = 0


def parse_member(value: str) -> experttafel.MemberInput:
    name, _, discipline = value.rpartition(":")
    try:
        return experttafel.MemberInput(name.strip(), Discipline(discipline.strip()))
    except ValueError:
        choices = ", ".join(d.value for d in Discipline)
        raise argparse.ArgumentTypeError(f"lid als NAAM:DISCIPLINE, met discipline uit: {choices}") from None


def add_parsers(sub: argparse._SubParsersAction) -> None:
    session = sub.add_parser("session", help="zittingen van de Experttafel").add_subparsers(
        dest="session_command", required=True
    )
    add = session.add_parser("add", help="zitting plannen")
    add.add_argument("--date", required=True, type=parse_date, metavar="DATUM")
    add.add_argument("--time", required=True, metavar="UU:MM")
    add.add_argument("--chair", required=True, metavar="NAAM")
    add.add_argument("--place", default="", metavar="PLAATS")
    add.add_argument("--video", default="", metavar="LINK")
    add.add_argument("--minute-taker", default="", metavar="NAAM")
    add.add_argument("--member", action="append", type=parse_member, default=[], metavar="NAAM:DISCIPLINE")
    listing = session.add_parser("list", help="zittingen tonen")
    listing.add_argument("--json", action="store_true")
    item = session.add_parser("agenda", help="agenda van een zitting")
    item.add_argument("session_id", type=int, metavar="ZITTING")
    item.add_argument("agenda_command", choices=["add"])
    item.add_argument("number", metavar="CASUS")
    item.add_argument("--question", required=True, metavar="TEKST")
    item.add_argument("--presenter", default="", metavar="NAAM")
    item.add_argument("--minutes", type=int, default=30, metavar="N")
    item.add_argument("--start", default="", metavar="UU:MM", help="begintijd (leeg: na het vorige punt)")
    item.add_argument(
        "--route-reason", metavar="TEKST", help="routeer de casus in dezelfde stap naar de Experttafel"
    )
    adv = session.add_parser("advice", help="advies vastleggen")
    adv.add_argument("session_id", type=int, metavar="ZITTING")
    adv.add_argument("number", metavar="CASUS")
    adv.add_argument("--type", required=True, choices=[t.value for t in AdviceType])
    adv.add_argument("--text", required=True, metavar="TEKST")
    adv.add_argument("--considerations", default="", metavar="TEKST")
    adv.add_argument("--follow-up", type=parse_date, metavar="DATUM")

    report = sub.add_parser("report", help="documenten als PDF").add_subparsers(
        dest="report_command", required=True
    )
    summary = report.add_parser("case-summary", help="casusoverzicht")
    summary.add_argument("number", metavar="CASUS")
    summary.add_argument("--session", type=int, metavar="ZITTING", help="met de vraag voor deze zitting")
    for name, helptext in (("agenda", "agenda van een zitting"), ("pack", "zittingspakket")):
        sitting = report.add_parser(name, help=helptext)
        sitting.add_argument("session_id", type=int, metavar="ZITTING")
        if name == "pack":
            sitting.add_argument(
                "--pseudonymised", action="store_true", help="zonder naam, BSN, adres, geboortedatum"
            )
        sitting.add_argument("--out", required=True, metavar="BESTAND.pdf")
    summary.add_argument(
        "--pseudonymised", action="store_true", help="zonder naam, BSN, adres, geboortedatum"
    )
    summary.add_argument("--out", required=True, metavar="BESTAND.pdf")
    letter = report.add_parser("advice", help="adviesbrief aan de verwijzer")
    letter.add_argument("session_id", type=int, metavar="ZITTING")
    letter.add_argument("number", metavar="CASUS")
    letter.add_argument("--out", required=True, metavar="BESTAND.pdf")


def run_session(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    if args.session_command == "add":
        data = experttafel.SessionInput(
            held_on=args.date,
            start_time=args.time,
            chair=args.chair,
            place=args.place,
            video_link=args.video,
            minute_taker=args.minute_taker,
            members=tuple(args.member),
        )
        session_id = ws.call(experttafel.plan_session, data=data)
        when = experttafel.normal_time(data.start_time)
        print(f"Zitting {session_id} gepland op {args.date:%d-%m-%Y} om {when}.")
    elif args.session_command == "list":
        rows = ws.call(experttafel.list_sessions)
        if args.json:
            print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        for r in rows if not args.json else []:
            when = f"{r.held_on:%d-%m-%Y} {r.start_time}"
            print(f"{r.id:>5}  {when}  {r.status.label:<12} {r.items:>2} casussen  {r.chair}")
    elif args.session_command == "agenda":
        data = agenda.AgendaInput(
            question=args.question, presenter=args.presenter, slot_start=args.start, slot_minutes=args.minutes
        )
        ws.call(
            agenda.add_to_agenda,
            session_id=args.session_id,
            number=args.number,
            data=data,
            route_reason=args.route_reason,
        )
        print(f"Casus {args.number} staat op de agenda van zitting {args.session_id}.")
    else:
        item_id = ws.call(advice.advice_item_id, session_id=args.session_id, number=args.number)
        data = advice.AdviceInput(
            AdviceType(args.type), args.text, considerations=args.considerations, follow_up_on=args.follow_up
        )
        ws.call(advice.record_advice, item_id=item_id, data=data)
        print(f"Advies over casus {args.number} vastgelegd.")
    return OK


def run_report(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    if args.report_command == "case-summary":
        doc = ws.call(
            printing.case_summary_pdf,
            number=args.number,
            pseudonymised=args.pseudonymised,
            session_id=args.session,
        )
    elif args.report_command == "agenda":
        doc = ws.call(printing.agenda_pdf, session_id=args.session_id)
    elif args.report_command == "pack":
        doc = ws.call(printing.pack_pdf, session_id=args.session_id, pseudonymised=args.pseudonymised)
    else:
        doc = ws.call(printing.advice_letter_pdf, session_id=args.session_id, number=args.number)
    ws.call(printing.save_document, document=doc, path=Path(args.out))
    print(f"{doc.title} opgeslagen in {args.out}.")
    return OK
