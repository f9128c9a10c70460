"""The command line's grammar (argparse), with Dutch help and Dutch usage errors (exit 2)."""

from __future__ import annotations

import argparse

from ret_desk.cli import admin as cli_admin
from ret_desk.cli import case_edit as cli_case_edit
from ret_desk.cli import dossier as cli_dossier
from ret_desk.cli import experttafel as cli_experttafel
from ret_desk.cli import placement as cli_rop
from ret_desk.cli import region as cli_region
from ret_desk.cli import youth as cli_youth
from ret_desk.cli.dutch import DutchParser
from ret_desk.cli.route_records import ROUTE_CLIS
from ret_desk.domain.enums import Role


def build_parser() -> argparse.ArgumentParser:
    parser = DutchParser(
        prog="ret-desk",
        description="RET Desk: de werkplek van het Regionaal Expertteam Jeugd.",
    )
    parser.add_argument("--db", metavar="URL", help="opslag: sqlite:///pad of postgresql+psycopg://...")
    parser.add_argument("--demo", action="store_true", help="open een tijdelijke demo-opslag")
    parser.add_argument("--user", metavar="NAAM", help="inloggen als NAAM (wachtwoord: RET_DESK_PASSWORD)")
    parser.add_argument(
        "--namens", metavar="NAAM", help="werkt namens NAAM (staat bij elke gebeurtenis in het logboek)"
    )
    sub = parser.add_subparsers(dest="command", parser_class=DutchParser)

    db = sub.add_parser("db", help="opslag beheren").add_subparsers(dest="db_command", required=True)
    upgrade = db.add_parser("upgrade", help="opslag bijwerken naar het nieuwste schema")
    cli_region.add_upgrade_option(upgrade)
    db.add_parser("current", help="schemaversie tonen")
    backup = db.add_parser("backup", help="online back-up maken (SQLite)")
    backup.add_argument("path", metavar="PAD")

    user = sub.add_parser("user", help="accounts").add_subparsers(dest="user_command", required=True)
    add = user.add_parser("add", help="account toevoegen")
    add.add_argument("name", metavar="NAAM")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", default="", metavar="NAAM")
    cli_admin.add_user_parsers(user)

    demo = sub.add_parser("demo-data", help="fictieve demogegevens toevoegen")
    demo.add_argument("--youths", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    imp = sub.add_parser("import", help="gegevens importeren").add_subparsers(dest="what", required=True)
    imp_cases = imp.add_parser("cases", help="casussen importeren uit .csv of .xlsx")
    imp_cases.add_argument("file", metavar="BESTAND")
    imp_cases.add_argument("--skip-invalid", action="store_true", help="schrijf alleen geldige rijen")
    imp_cases.add_argument("--dry-run", action="store_true", help="controleer alleen; schrijf niets")
    imp_cases.add_argument(
        "--werk-jeugdige-bij", action="store_true", help="rijen werken een bekende jeugdige bij"
    )
    imp_cases.add_argument(
        "--nieuwe-jeugdige", action="store_true", help="zelfde naam en geboortedatum: toch nieuw"
    )

    exp = sub.add_parser("export", help="gegevens exporteren").add_subparsers(dest="what", required=True)
    exp.add_parser("cases", help="casussen exporteren naar .csv of .xlsx").add_argument(
        "file", metavar="BESTAND"
    )

    case = sub.add_parser("case", help="één casus").add_subparsers(dest="case_command", required=True)
    show = case.add_parser("show", help="casus tonen")
    show.add_argument("number", metavar="NUMMER")
    show.add_argument("--json", action="store_true")
    show.add_argument(
        "--noodtoegang",
        metavar="REDEN",
        help="een casus buiten uw rijen openen met noodtoegang; de reden komt in het logboek",
    )
    route = case.add_parser("route", help="casus routeren")
    route.add_argument("number", metavar="NUMMER")
    route.add_argument("route", metavar="ROUTE", help="sleutel van een route van de regio (zie: region show)")
    route.add_argument("--reason", required=True, metavar="TEKST")
    cli_case_edit.add_parser(case)

    cli_experttafel.add_parsers(sub)
    cli_rop.add_parsers(sub, imp)
    cli_youth.add_parsers(sub)
    for module in ROUTE_CLIS.values():
        module.add_parsers(sub)

    cli_region.add_parsers(sub)
    cli_dossier.add_parsers(sub)
    cli_admin.add_audit_parser(sub)
    return parser
