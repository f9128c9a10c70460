"""The command line's grammar (argparse), with Dutch help and Dutch usage errors (exit 2)."""

from __future__ import annotations

import argparse

from ret_desk import cli_experttafel, cli_rop
from ret_desk.cli_dutch import DutchParser
from ret_desk.domain.enums import Role, Route


def build_parser() -> argparse.ArgumentParser:
    parser = DutchParser(
        prog="ret-desk",
        description="RET Desk: de werkplek van het Regionaal Expertteam Jeugd Drenthe.",
    )
    parser.add_argument("--db", metavar="URL", help="opslag: sqlite:///pad of postgresql+psycopg://...")
    parser.add_argument("--demo", action="store_true", help="open een tijdelijke demo-opslag")
    parser.add_argument("--user", metavar="NAAM", help="inloggen als NAAM (wachtwoord: RET_DESK_PASSWORD)")
    sub = parser.add_subparsers(dest="command", parser_class=DutchParser)

    db = sub.add_parser("db", help="opslag beheren").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="opslag bijwerken naar het nieuwste schema")
    db.add_parser("current", help="schemaversie tonen")
    backup = db.add_parser("backup", help="online back-up maken (SQLite)")
    backup.add_argument("path", metavar="PAD")

    user = sub.add_parser("user", help="accounts").add_subparsers(dest="user_command", required=True)
    add = user.add_parser("add", help="account toevoegen")
    add.add_argument("name", metavar="NAAM")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", default="", metavar="NAAM")

    demo = sub.add_parser("demo-data", help="fictieve demogegevens toevoegen")
    demo.add_argument("--youths", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    imp = sub.add_parser("import", help="gegevens importeren").add_subparsers(dest="what", required=True)
    imp_cases = imp.add_parser("cases", help="casussen importeren uit .csv of .xlsx")
    imp_cases.add_argument("file", metavar="BESTAND")
    imp_cases.add_argument("--skip-invalid", action="store_true", help="schrijf alleen geldige rijen")
    imp_cases.add_argument("--dry-run", action="store_true", help="controleer alleen; schrijf niets")

    exp = sub.add_parser("export", help="gegevens exporteren").add_subparsers(dest="what", required=True)
    exp.add_parser("cases", help="casussen exporteren naar .csv of .xlsx").add_argument(
        "file", metavar="BESTAND"
    )

    case = sub.add_parser("case", help="één casus").add_subparsers(dest="case_command", required=True)
    show = case.add_parser("show", help="casus tonen")
    show.add_argument("number", metavar="NUMMER")
    show.add_argument("--json", action="store_true")
    route = case.add_parser("route", help="casus routeren")
    route.add_argument("number", metavar="NUMMER")
    route.add_argument("route", choices=[r.value for r in Route])
    route.add_argument("--reason", required=True, metavar="TEKST")

    cli_experttafel.add_parsers(sub)
    cli_rop.add_parsers(sub, imp)

    audit = sub.add_parser("audit", help="logboek").add_subparsers(dest="audit_command", required=True)
    audit_show = audit.add_parser("show", help="logboek tonen")
    audit_show.add_argument("--case", metavar="NUMMER")
    audit_show.add_argument("--json", action="store_true")
    return parser
