"""The command line: parses, calls a service, prints. Errors in Dutch, never a traceback.

Exit codes: 0 ok, 1 refused or invalid input, 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from ret_desk.cli import admin as cli_admin
from ret_desk.cli import case_edit as cli_case_edit
from ret_desk.cli import dossier as cli_dossier
from ret_desk.cli import experttafel as cli_experttafel
from ret_desk.cli import placement as cli_rop
from ret_desk.cli import region as cli_region
from ret_desk.cli import youth as cli_youth
from ret_desk.cli.args import build_parser
from ret_desk.cli.case_text import case_text
from ret_desk.cli.login import ask_password, login_workspace, new_password, set_on_behalf_of
from ret_desk.cli.route_records import ROUTE_CLIS
from ret_desk.config import Settings
from ret_desk.domain.dutch_numbers import count_noun
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import AuthenticationFailed, InvalidInput, RetDeskError, RuleViolation, StoreError
from ret_desk.domain.region_file import RegionSpec
from ret_desk.services.access import emergency
from ret_desk.services.admin import accounts, reference, store_admin
from ret_desk.services.cases import case_detail, exporter, importer, routing
from ret_desk.services.context import Workspace, open_workspace
from ret_desk.services.demo import demo_data
from ret_desk.services.side_files import remove_leftovers_at_start
from ret_desk.services.store_errors import store_error_message

OK, REFUSED = 0, 1


def _say(text: str) -> None:
    print(text)


def _cmd_db(args: argparse.Namespace, url: str) -> int:
    if args.db_command == "upgrade" and store_admin.is_team_url(url):
        raise StoreError(
            "Alleen de eigenaar van de opslag (de database-beheerder) werkt het schema bij, met de "
            "verbinding van de eigenaar: ret-desk --db <eigenaar-URL> db upgrade (een adres met de "
            "gebruikersnaam van de eigenaar, of een servicebestand). Met een persoonlijke login kan dat niet."
        )
    if args.db_command == "current" and store_admin.is_team_url(url):
        return _cmd_db_team_current(args, url)
    store = Workspace(store_admin.open_unmigrated(url))  # nobody logged in yet
    try:
        region = cli_region.chosen_region(args) if args.db_command == "upgrade" else None
        team_current = args.db_command == "current" and store.personal_logins and args.user
        if args.db_command in ("upgrade", "current") and not store.is_sqlite and not team_current:
            return _cmd_db_server(args, store, region)
        if args.db_command == "upgrade" and store.call_store(store_admin.is_new):
            # a new, empty store: nothing to protect yet
            _say(_upgrade_text(store.call_store(store_admin.upgrade, region=region), region))
            return OK
        ws = login_workspace(store, args.user)
        if args.db_command == "current":
            state = ws.call_store(store_admin.schema_state)
            _say(f"Schemaversie: {state.current or 'geen'} ({state.label})")
        elif args.db_command == "upgrade":
            _say(_upgrade_text(ws.call_store(store_admin.upgrade), None))
            if region is not None:
                cli_region.change_region(ws, region)
        else:
            target = ws.call_store(store_admin.backup, target=Path(args.path))
            _say(f"Back-up gemaakt: {target}")
        return OK
    finally:
        store.close()


def _cmd_db_team_current(args: argparse.Namespace, url: str) -> int:
    """`db current` on a team URL: connected with the person's own login, whatever the
    schema (the password is checked by PostgreSQL; nothing is changed)."""
    if not args.user:
        raise AuthenticationFailed("Log in met --user NAAM (wachtwoord via RET_DESK_PASSWORD).")
    store = Workspace(store_admin.open_as_person(url, args.user, ask_password(args.user)))
    try:
        state = store.call_store(store_admin.schema_state)
        _say(f"Schemaversie: {state.current or 'geen'} ({state.label})")
        return OK
    finally:
        store.close()


def _cmd_db_server(args: argparse.Namespace, store: Workspace, region: RegionSpec | None) -> int:
    """`db upgrade` and `db current` on PostgreSQL: the owner's connection is the right to
    upgrade, so no RET Desk login (the region of an existing store still needs one)."""
    if args.db_command == "current":
        state = store.call_store(store_admin.schema_state)
        _say(f"Schemaversie: {state.current or 'geen'} ({state.label})")
        return OK
    report = store.call_store(store_admin.upgrade, region=region)
    _say(_upgrade_text(report, region))
    if region is not None and not report.new_store:
        cli_region.change_region(login_workspace(store, args.user), region)
    return OK


def _upgrade_text(report: store_admin.UpgradeReport, region: RegionSpec | None) -> str:
    if report.new_store:
        return "Nieuwe opslag aangemaakt op het nieuwste schema" + (
            f", regio {region.name}." if region else "."
        )
    if report.upgraded_to is None:
        return "De opslag was al bijgewerkt; er was niets te doen."
    text = f"Opslag bijgewerkt van {report.upgraded_from or 'geen'} naar {report.upgraded_to}."
    if report.backup is not None:
        text = f"{text} Back-up: {report.backup}"
    elif report.no_pg_dump:
        text = f"{text} Geen back-up gemaakt: pg_dump staat niet op het PATH."
    return text + _migrated_text(report.migrated_accounts)


def _migrated_text(migrated: tuple[tuple[str, str, str], ...]) -> str:
    """The accounts that got a PostgreSQL login in this upgrade, and what to do now."""
    if not migrated:
        return ""
    labels = {r.value: r.label for r in Role}
    lines = [f"  {name:<20} {labels.get(role, role)}: {what}" for name, role, what in migrated]
    return (
        "\nTeam-modus: elk bestaand account heeft nu een eigen databaselogin, nog zonder wachtwoord "
        "(een oud wachtwoord kan niet mee):\n" + "\n".join(lines) + "\nWat nu: geef als eigenaar een "
        "beheerder een eerste wachtwoord: ret-desk --db <eigenaar-URL> user reset-password NAAM. Die "
        "beheerder logt in op het team-adres, kiest een eigen wachtwoord en herstelt daarna de "
        "wachtwoorden van de anderen (Beheer, of ret-desk user reset-password NAAM)."
    )


def _cmd_user(args: argparse.Namespace, store: Workspace) -> int:
    known = store.personal_logins or store.call_anonymous(accounts.has_accounts)
    ws = login_workspace(store, args.user) if known else None
    account = {
        "username": args.name,
        "password": new_password(),
        "role": Role(args.role),
        "display_name": args.display_name,
    }
    if ws is None:  # the first account needs no login: the administrator who adds the others
        store.call_anonymous(accounts.create_account, actor=None, **account)
    else:
        ws.call(accounts.create_account, **account)
    _say(f"Account {args.name} ({Role(args.role).label}) aangemaakt.")
    return OK


def _cmd_import(args: argparse.Namespace, store: Workspace) -> int:
    ws = login_workspace(store, args.user)
    report = ws.call(
        importer.import_cases,
        path=Path(args.file),
        skip_invalid=args.skip_invalid,
        dry_run=args.dry_run,
        update_youth=args.werk_jeugdige_bij,
        new_youth=args.nieuwe_jeugdige,
    )
    for error in report.errors:
        print(f"Fout in {error}", file=sys.stderr)
    if report.dry_run:
        _say(
            f"Proefimport: {count_noun(report.rows, 'rij', 'rijen')}, {report.valid} geldig, "
            f"{count_noun(len(report.errors), 'fout', 'fouten')}."
        )
    elif report.errors and not args.skip_invalid:
        _say(
            f"Niets geïmporteerd: {count_noun(len(report.errors), 'fout', 'fouten')} in "
            f"{count_noun(report.rows, 'rij', 'rijen')}."
        )
        return REFUSED
    else:
        _say(
            f"{count_noun(report.written, 'casus', 'casussen')} geïmporteerd "
            f"({count_noun(report.rows, 'rij', 'rijen')})."
        )
    return REFUSED if report.errors and report.dry_run else OK


def _cmd_case(args: argparse.Namespace, store: Workspace) -> int:
    if args.case_command == "edit":
        return cli_case_edit.run(args, store)
    ws = login_workspace(store, args.user)
    if args.case_command == "route":
        ws.call(routing.route_case, number=args.number, route=args.route, reason=args.reason)
        labels = {r.key: r.label for r in ws.call_anonymous(reference.routes)}
        _say(f"Casus {args.number} gerouteerd naar {labels.get(args.route, args.route)}.")
        return OK
    if args.noodtoegang is not None:
        until = ws.call(emergency.open_emergency_access, number=args.number, reason=args.noodtoegang)
        print(
            f"Noodtoegang tot {until.astimezone():%d-%m-%Y %H:%M}; de reden staat in het logboek.",
            file=sys.stderr,
        )
    detail = ws.call(case_detail.get_case, number=args.number)
    _say(json.dumps(detail.to_json(), ensure_ascii=False, indent=2) if args.json else case_text(detail))
    return OK


def _dispatch(args: argparse.Namespace) -> int:
    if args.db and store_admin.url_has_password(args.db):
        raise RuleViolation(
            "Zet geen wachtwoord in --db: de opdrachtregel is voor iedereen op deze computer te "
            "zien (ps, /proc) en komt in de shell-geschiedenis. Geef het adres zonder wachtwoord "
            "en laat libpq het wachtwoord lezen uit ~/.pgpass of een service-bestand "
            "(docs/postgresql.md)."
        )
    url = Settings.resolve(args.db).store_url
    remove_leftovers_at_start()  # what a killed export or save left (issue 11 §4)
    if args.command is None:
        from ret_desk.ui.app import run_app  # Qt loads only for the desktop app

        return run_app(url=None if args.demo else url, demo=args.demo)
    if args.command == "db":
        return _cmd_db(args, url)
    store = open_workspace(url)  # the one opener: nobody logged in yet
    try:
        if args.command == "user":
            return _cmd_user(args, store) if args.user_command == "add" else cli_admin.run_user(args, store)
        if args.command == "demo-data":
            ws = login_workspace(store, args.user)
            count = ws.call(demo_data.generate, youths=args.youths, seed=args.seed)
            _say(f"{count_noun(count, 'fictieve casus', 'fictieve casussen')} toegevoegd.")
            return OK
        if args.command == "import":
            return _cmd_import(args, store) if args.what == "cases" else cli_rop.run_import(args, store)
        if args.command == "match":
            return cli_rop.run_match(args, store)
        if args.command == "placement":
            return cli_rop.run_placement(args, store)
        if args.command == "export":
            ws = login_workspace(store, args.user)
            count = ws.call(exporter.export_cases, path=Path(args.file))
            _say(f"{count_noun(count, 'casus', 'casussen')} geëxporteerd naar {args.file}.")
            return OK
        if args.command == "case":
            return _cmd_case(args, store)
        if args.command == "session":
            return cli_experttafel.run_session(args, store)
        if args.command == "report":
            return cli_experttafel.run_report(args, store)
        if args.command in ROUTE_CLIS:
            return ROUTE_CLIS[args.command].run(args, store)
        if args.command == "youth":
            return cli_youth.run(args, store)
        if args.command == "region":
            return cli_region.run(args, store)
        if args.command in ("dossier", "retention"):
            return cli_dossier.run(args, store)
        return cli_admin.run_audit(args, store)
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    set_on_behalf_of(args.namens)
    try:
        return _dispatch(args)
    except InvalidInput as exc:
        for error in exc.errors:
            print(f"Fout: {error.message}", file=sys.stderr)
        return REFUSED
    except RetDeskError as exc:
        print(f"Fout: {exc.message}", file=sys.stderr)
        return REFUSED
    except BrokenPipeError:
        # The reader stopped early (`… | head`): what it wanted it has. Python's recipe: point
        # stdout at devnull, so that the flush at exit does not complain once more.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    except OSError as exc:
        print(f"Fout: {exc.strerror or exc} ({exc.filename or ''}).", file=sys.stderr)
        return REFUSED
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except Exception as exc:
        if (message := store_error_message(exc)) is None:
            raise
        print(message, file=sys.stderr)
        return REFUSED
