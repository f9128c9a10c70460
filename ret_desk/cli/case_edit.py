"""`ret-desk case edit NUMMER`: complete or correct a case after intake, in the import's
value formats. Every invalid value is listed in Dutch (exit 1) and nothing is written."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ret_desk.cli.login import login_workspace
from ret_desk.domain.case_fields import LABELS
from ret_desk.domain.enums import (
    FamilyParticipation,
    GvaTrigger,
    InterventionLevel,
    LegalFramework,
    TargetGroup,
    Urgency,
)
from ret_desk.domain.errors import InvalidInput
from ret_desk.services.cases.editing import edit_case
from ret_desk.services.context import Workspace
from ret_desk.services.imports.cells import parse_bool, parse_choice, parse_date, parse_numbers

OK, REFUSED, USAGE = 0, 1, 2


def _date_or_none(value: str) -> Any:
    return parse_date(value) if value.strip() else None


def _level(value: str) -> Any:
    levels = parse_numbers(value, InterventionLevel)
    if len(levels) > 1:
        raise ValueError("Geef één niveau.")
    return next(iter(levels), None)


def _text(value: str) -> str:
    return value


#: flag → (dest, field, parser); the order is the README's.
FLAGS: list[tuple[str, str, str, Callable[[str], Any], str]] = [
    ("--gva-aanwezig", "gva_aanwezig", "gva_present", parse_bool, "ja|nee"),
    ("--gva-datum", "gva_datum", "gva_date", _date_or_none, "D"),
    ("--gva-triggers", "gva_triggers", "gva_triggers", lambda v: parse_numbers(v, GvaTrigger), "1,3"),
    ("--casusregisseur", "casusregisseur", "case_manager", _text, "NAAM"),
    ("--urgentie", "urgentie", "urgency", lambda v: parse_choice(v, Urgency), "U"),
    ("--doelgroepen", "doelgroepen", "target_groups", lambda v: parse_numbers(v, TargetGroup), "1,5"),
    ("--interventieniveau", "interventieniveau", "intervention_level", _level, "N"),
    (
        "--wettelijk-kader",
        "wettelijk_kader",
        "legal_framework",
        lambda v: parse_choice(v, LegalFramework),
        "K",
    ),
    (
        "--gezinsregie",
        "gezinsregie",
        "family_participation",
        lambda v: parse_choice(v, FamilyParticipation),
        "W",
    ),
    ("--thuiszitter-sinds", "thuiszitter_sinds", "out_of_school_since", _date_or_none, "D"),
    ("--adres", "adres", "address", _text, "A"),
    ("--postcode", "postcode", "postcode", _text, "P"),
    ("--woonplaats", "woonplaats", "residence", _text, "W"),
    ("--toekomstplan", "toekomstplan", "future_plan", parse_bool, "ja|nee"),
    ("--toekomstplan-datum", "toekomstplan_datum", "future_plan_on", _date_or_none, "D"),
    ("--toekomstplan-tekst", "toekomstplan_tekst", "future_plan_text", _text, "T"),
    ("--achternaam", "achternaam", "family_name", _text, "NAAM"),
    ("--voornaam", "voornaam", "given_name", _text, "NAAM"),
    ("--geboortedatum", "geboortedatum", "birth_date", parse_date, "D"),
    ("--bsn", "bsn", "bsn", _text, "BSN"),
]
_FLAG_OF = {field: flag for flag, _, field, _, _ in FLAGS} | {
    "school": "--school",
    "no_school": "--geen-school",
    "reason": "--reden",
    "gva_override": "--gva-override",
    "family": "gezin",
    "referrer_contact": "contactpersoon",
}
_IDENTITY_FLAGS = ("--achternaam", "--voornaam", "--geboortedatum", "--bsn")


def add_parser(case_commands: argparse._SubParsersAction) -> None:
    edit = case_commands.add_parser("edit", help="casus aanvullen of corrigeren")
    edit.add_argument("number", metavar="NUMMER")
    for flag, dest, field, _, metavar in FLAGS:
        if flag == "--thuiszitter-sinds":
            school = edit.add_mutually_exclusive_group()
            school.add_argument("--school", metavar="NAAM", help="de school van de jeugdige")
            school.add_argument("--geen-school", action="store_true", help="de jeugdige heeft geen school")
        edit.add_argument(flag, dest=dest, metavar=metavar, help=LABELS[field])
        if flag == "--gva-triggers":
            edit.add_argument(
                "--gva-override",
                dest="gva_override",
                metavar="REDEN",
                help="uitzondering op de GVA-blokkade, met reden (coördinator)",
            )
    edit.add_argument("--reden", metavar="TEKST", help="verplicht bij naam, BSN of geboortedatum")


def _changes(args: argparse.Namespace) -> tuple[dict[str, Any], list[str]]:
    changes: dict[str, Any] = {}
    errors: list[str] = []
    for flag, dest, field, parser, _ in FLAGS:
        raw = getattr(args, dest)
        if raw is None:
            continue
        try:
            changes[field] = parser(raw)
        except (ValueError, TypeError) as exc:
            errors.append(f"{flag}: {exc}")
    if args.school is not None:
        changes.update(school=args.school, no_school=False)
    if args.geen_school:
        changes.update(school=None, no_school=True)
    # Saying "no GVA" or "no plan" clears its date and content unless they are given too.
    if changes.get("gva_present") is False:
        changes.setdefault("gva_date", None)
    if changes.get("future_plan") is False:
        changes.setdefault("future_plan_on", None)
        changes.setdefault("future_plan_text", "")
    if not (args.reden or "").strip():
        errors += [
            f"{f}: geef ook --reden TEKST." for f in _IDENTITY_FLAGS if getattr(args, f[2:]) is not None
        ]
    return changes, errors


def run(args: argparse.Namespace, store: Workspace) -> int:
    changes, errors = _changes(args)
    if not changes and args.gva_override is None:
        print(
            "Ongeldige aanroep: geef ten minste één wijziging op (zie ret-desk case edit --help).",
            file=sys.stderr,
        )
        return USAGE
    if errors:
        for message in errors:
            print(f"Fout: {message}", file=sys.stderr)
        return REFUSED
    ws = login_workspace(store, args.user)
    try:
        result = ws.call(
            edit_case,
            number=args.number,
            changes=changes,
            reason=args.reden or "",
            gva_override=args.gva_override,
        )
    except InvalidInput as exc:
        for error in exc.errors:
            print(f"Fout: {_FLAG_OF.get(error.field, error.field)}: {error.message}", file=sys.stderr)
        return REFUSED
    if not result.changed:
        print(f"Casus {args.number}: niets gewijzigd.")
    else:
        print(f"Casus {args.number} bijgewerkt: " + ", ".join(LABELS[f] for f in result.changed) + ".")
    return OK
