"""Accounts and the audit log on the command line: `user list|disable|enable|role|
reset-password|unlock|password` and `audit show|verify` (same services as the Beheer and Logboek
workspaces). `user add` stays in cli.py."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from ret_desk.cli.login import login_workspace, new_password
from ret_desk.cli.parsing import parse_date
from ret_desk.domain.audit_actions import local_timestamp
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import AuthenticationFailed
from ret_desk.services.admin import account_admin, audit_flags, audit_query, audit_verify, store_admin
from ret_desk.services.context import Workspace

OK = 0


def add_user_parsers(user: argparse._SubParsersAction) -> None:
    listing = user.add_parser("list", help="accounts tonen")
    listing.add_argument("--json", action="store_true")
    for command, helptext in (
        ("disable", "account deactiveren (kan niet meer inloggen)"),
        ("enable", "account weer activeren"),
        (
            "reset-password",
            "tijdelijk wachtwoord geven (prompt, of twee keer op de eerste twee regels van stdin)",
        ),
        ("unlock", "vergrendeling na te veel mislukte aanmeldingen opheffen"),
    ):
        user.add_parser(command, help=helptext).add_argument("name", metavar="NAAM")
    role = user.add_parser("role", help="rol van een account wijzigen")
    role.add_argument("name", metavar="NAAM")
    role.add_argument("role", metavar="ROL", choices=[r.value for r in Role])
    user.add_parser("password", help="eigen wachtwoord wijzigen (huidig, dan twee keer het nieuwe)")


def add_audit_parser(sub: argparse._SubParsersAction) -> None:
    audit = sub.add_parser("audit", help="logboek").add_subparsers(dest="audit_command", required=True)
    show = audit.add_parser("show", help="logboek tonen (nieuwste eerst)")
    which = show.add_mutually_exclusive_group()
    which.add_argument("--bsn", metavar="BSN", help="alle casussen van de jeugdige met dit BSN")
    which.add_argument("--case", metavar="NUMMER", help="alleen deze casus")
    which.add_argument("--gebruiker", metavar="NAAM", help="alleen wat deze gebruiker deed")
    show.add_argument("--van", type=parse_date, metavar="DATUM", help="vanaf deze dag (inclusief)")
    show.add_argument("--tot", type=parse_date, metavar="DATUM", help="tot en met deze dag")
    show.add_argument("--json", action="store_true")
    emergency = audit.add_parser("noodtoegang", help="alle noodtoegang tot casussen, met de reden")
    emergency.add_argument("--json", action="store_true")
    flagged = audit.add_parser(
        "accounts-door-beheer", help="accounts die een beheerder aanmaakte of een andere rol gaf"
    )
    flagged.add_argument("--json", action="store_true")
    verify = audit.add_parser("verify", help="de keten van het logboek controleren (exit 1 bij een breuk)")
    verify.add_argument(
        "--alle", action="store_true", help="ga door na een breuk en noem elke breuk (niet alleen de eerste)"
    )


def _say(text: str) -> None:
    print(text)


def _ask(prompt: str) -> str:
    """One secret: a prompt at a terminal, else the next line of standard input."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def _own_password(args: argparse.Namespace, store: Workspace) -> int:
    if not args.user:
        raise AuthenticationFailed("Geef uw gebruikersnaam met --user NAAM.")
    current = _ask(f"Huidig wachtwoord voor {args.user}: ")
    new = _ask("Nieuw wachtwoord: ")
    if _ask("Herhaal het nieuwe wachtwoord: ") != new:
        raise AuthenticationFailed("De nieuwe wachtwoorden zijn niet gelijk.")
    store.change_own_password(username=args.user, current=current, new=new, logged_in=True)
    _say("Uw wachtwoord is gewijzigd.")
    return OK


def run_user(args: argparse.Namespace, store: Workspace) -> int:
    if args.user_command == "password":
        return _own_password(args, store)
    if args.user_command == "reset-password" and not args.user and not store.is_sqlite:
        return _owner_reset(args, store)
    ws = login_workspace(store, args.user)
    if args.user_command == "list":
        rows = ws.call(account_admin.list_accounts)
        if args.json:
            _say(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        for r in [] if args.json else rows:
            state = "actief" if r.active else "gedeactiveerd"
            extra = ", moet wachtwoord wijzigen" if r.must_change_password else ""
            if r.locked and r.locked_until is not None:
                extra += f", vergrendeld tot {local_timestamp(r.locked_until)}"
            _say(f"{r.username:<20} {r.role.label:<32} {state}{extra}")
    elif args.user_command in ("disable", "enable"):
        active = args.user_command == "enable"
        ws.call(account_admin.set_active, username=args.name, active=active)
        _say(f"Account {args.name} {'geactiveerd' if active else 'gedeactiveerd'}.")
    elif args.user_command == "role":
        ws.call(account_admin.set_role, username=args.name, role=Role(args.role))
        _say(f"Account {args.name} heeft nu de rol {Role(args.role).label} (vanaf de volgende login).")
    elif args.user_command == "unlock":
        ws.call(account_admin.unlock, username=args.name)
        _say(f"Account {args.name} is ontgrendeld; de teller van mislukte aanmeldingen staat weer op 0.")
    else:
        temporary = new_password()
        ws.call(account_admin.reset_password, username=args.name, temporary=temporary)
        _say(f"Tijdelijk wachtwoord gezet; {args.name} kiest bij de volgende login een nieuw wachtwoord.")
    return OK


def _owner_reset(args: argparse.Namespace, store: Workspace) -> int:
    """`user reset-password NAAM` without --user on the owner's PostgreSQL connection: the
    owner's command (no RET Desk login), e.g. a first password for an administrator after
    the upgrade to team mode."""
    if store.personal_logins:
        raise AuthenticationFailed("Log in met --user NAAM (wachtwoord via RET_DESK_PASSWORD).")
    store.call_store(store_admin.owner_reset_password, username=args.name, temporary=new_password())
    _say(
        f"Tijdelijk wachtwoord gezet door de eigenaar van de opslag; {args.name} logt daarmee in "
        "en kiest een nieuw wachtwoord (ret-desk --user NAAM user password)."
    )
    return OK


def _verify(ws: Workspace, every_break: bool = False) -> int:
    def progress(done: int, total: int) -> bool:
        if sys.stderr.isatty():
            print(f"\rgecontroleerd: {done} van {total}", end="", file=sys.stderr, flush=True)
        return True

    report = ws.call(audit_verify.verify_chain, progress=progress, every_break=every_break)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    _say(report.message_every_break() if every_break else report.message())
    return OK if report.intact else 1


def _flagged(ws: Workspace, as_json: bool) -> int:
    rows = ws.call(audit_flags.admin_made_accounts)
    if as_json:
        _say(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return OK
    for r in rows:
        since = (
            f"sindsdien {r.child_reads_since}x kindgegevens gelezen"
            if r.child_reads_since
            else "nog niets gelezen"
        )
        _say(f"{local_timestamp(r.at)}  {r.username:<20} {r.what:<32} door {r.by:<16} {since}")
    return OK


def run_audit(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    if args.audit_command == "verify":
        return _verify(ws, args.alle)
    if args.audit_command == "accounts-door-beheer":
        return _flagged(ws, args.json)
    if args.audit_command == "noodtoegang":
        flt = audit_query.AuditFilter(action="emergency_access")
    else:
        flt = audit_query.AuditFilter(
            bsn=args.bsn or "",
            case_number=args.case or "",
            username=args.gebruiker or "",
            date_from=args.van,
            date_to=args.tot,
        )
    events = ws.call(audit_query.iter_all, flt=flt)
    if args.json:
        _say(json.dumps([e.to_json() for e in events], ensure_ascii=False, indent=2))
        return OK
    for e in events:
        who = e.actor + (f" namens {e.on_behalf_of}" if e.on_behalf_of else "")
        _say(
            f"{local_timestamp(e.at)}  {who:<20} {e.workstation:<16} {e.action:<14} "
            f"{e.case_number or '':<16} {e.detail}"
        )
    return OK
