"""`ret-desk region show [--json]` and `ret-desk db upgrade --region NAAM|BESTAND`: the
store's region (name, routes, municipalities, terms) on the command line."""

from __future__ import annotations

import argparse
import json

from ret_desk.cli.login import login_workspace
from ret_desk.domain.region_file import CARE_FORM_LABELS, RegionSpec
from ret_desk.domain.route_kinds import kind_label, terms_text
from ret_desk.services.admin import region as region_service
from ret_desk.services.context import Workspace


def add_upgrade_option(upgrade: argparse.ArgumentParser) -> None:
    upgrade.add_argument(
        "--region",
        metavar="NAAM|BESTAND",
        # No region's name in the help (issue 9): an unknown name is refused listing them.
        help="regio van een nieuwe opslag: de naam van een meegeleverde regio of een regiobestand "
        "(zonder deze optie: de standaardregio)",
    )


def add_parsers(sub: argparse._SubParsersAction) -> None:
    region = sub.add_parser("region", help="de regio van de opslag").add_subparsers(
        dest="region_command", required=True
    )
    show = region.add_parser("show", help="naam, routes, gemeenten en termijnen van de regio tonen")
    show.add_argument("--json", action="store_true")


def chosen_region(args: argparse.Namespace) -> RegionSpec | None:
    """The region named by `--region` (read and checked), or None when not given."""
    return region_service.read_region(args.region) if getattr(args, "region", None) else None


def change_region(ws: Workspace, region: RegionSpec) -> None:
    """As the logged-in administrator (ws); refused once the store holds cases."""
    if ws.call(region_service.change_region, region=region):
        print(f"Regio van de opslag gewijzigd in {region.name}.")


def run(args: argparse.Namespace, store: Workspace) -> int:
    """`region show`: reference data, no personal data: no login needed (on a team's
    PostgreSQL store connecting needs someone's own login: then `--user`)."""
    if store.personal_logins:
        store = login_workspace(store, args.user)
    info = store.call_anonymous(region_service.region_info)
    if args.json:
        print(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"Regio: {info.name} ({info.code})")
    print("Routes:")
    for r in info.routes:
        print(
            f"  {r['key']:<18} {r['label']} [{kind_label(r['kind'])}] — termijnen: {terms_text(r['terms'])}"
        )
    if info.unrouted:
        print(f"  {'(zonder route)':<18} termijnen: {terms_text(info.unrouted)}")
    print(f"Gemeenten ({len(info.municipalities)}):")
    for m in info.municipalities:
        print(f"  {m['code']} {m['name']} ({m['lat']:.3f}, {m['lon']:.3f})")
    print("Plaatsingsvormen (trede):")
    for t in info.placement_types:
        print(f"  {t['rung'] if t['rung'] is not None else '-':>2} {t['label']} ({t['code']})")
    print("Afstandsgrenzen:")
    for form, km in info.distance_limits.items():
        print(f"  {CARE_FORM_LABELS[form]}: {'geen grens' if km is None else f'{km:g} km'}")
    return 0
