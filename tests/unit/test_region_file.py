"""Region files are checked as a whole: every error is named in Dutch, and each shipped
region (drenthe, flevoland, rijnmond) reads cleanly (issue 9 §2)."""

from __future__ import annotations

import json

import pytest

from ret_desk.db.region_data import read_region, shipped_regions
from ret_desk.domain.region_file import RegionFileError, parse_region
from ret_desk.domain.route_kinds import RouteKind


def good() -> dict:
    return {
        "code": "TEST",
        "name": "Testregio",
        "routes": [
            {"key": "tafel", "label": "Tafel", "kind": "advice_table",
             "terms": {"start_days": 28, "no_progress_months": 3}},
            {"key": "regie", "label": "Regie", "label_en": "Direction", "kind": "casusregie",
             "terms": {"start_days": 28, "no_progress_months": 3, "ro3_review_days": 42}},
        ],
        "unrouted": {"start_days": 14, "no_progress_months": 3},
        "municipalities": [{"code": "GM0106", "name": "Assen", "lat": 52.99, "lon": 6.56}],
        "placement_types": [{"code": "pleeggezin", "label": "Pleeggezin", "rung": 1}],
        "distance_limits": {"verblijf": 75, "scarce": 120, "lta": None},
    }  # fmt: skip


def test_a_good_file_reads_with_its_kind_specific_terms():
    spec = parse_region(good())
    assert [r.kind for r in spec.routes] == [RouteKind.ADVICE_TABLE, RouteKind.CASUSREGIE]
    assert spec.routes[1].terms["ro3_review_days"] == 42 and spec.routes[1].label_en == "Direction"
    assert spec.distance_limits == {"verblijf": 75.0, "scarce": 120.0, "lta": None}
    assert spec.unrouted == {"start_days": 14, "no_progress_months": 3}


def test_every_error_in_the_file_is_named_at_once():
    data = good()
    data["name"] = ""
    data["routes"].append(
        {"key": "tafel", "label": "Nog een tafel", "kind": "wachtkamer", "terms": {"start_days": 0}}
    )
    data["routes"].append({"key": "x", "label": "X", "kind": "generic"})
    data["municipalities"] += [
        {"code": "0106", "name": "Fout", "lat": 52.9, "lon": 6.5},
        {"code": "GM0106", "name": "Dubbel", "lat": 95, "lon": "oost"},
    ]
    data["placement_types"].append({"code": "pleeggezin", "label": "", "rung": 0, "care_form": "ergens"})
    data["distance_limits"]["maan"] = 5
    del data["unrouted"]
    with pytest.raises(RegionFileError) as caught:
        parse_region(data, "test.json")
    errors = caught.value.errors
    expected = [
        "De naam van de regio (name) ontbreekt.",
        "Route 'tafel': de sleutel komt meer dan eens voor.",
        "Route 'tafel': onbekende soort (kind) 'wachtkamer'; kies uit advice_table, placement, casusregie, "
        "safety, travelling_team, generic.",
        "Route 'tafel': de termijn 'no_progress_months' ontbreekt.",
        "Route 'tafel': de termijn 'start_days' moet een geheel getal van 1 of meer zijn.",
        "Route 'x': de termijnen (terms) ontbreken.",
        "Casussen zonder route (unrouted): de termijnen (terms) ontbreken.",
        "Gemeente 'Fout': ongeldige CBS-code '0106' (verwacht GM en vier cijfers, bv. GM0106).",
        "Gemeente 'Dubbel': de CBS-code GM0106 komt meer dan eens voor.",
        "Gemeente 'Dubbel': ongeldige breedtegraad (lat) '95' (tussen -90 en 90).",
        "Gemeente 'Dubbel': ongeldige lengtegraad (lon) 'oost' (tussen -180 en 180).",
        "Plaatsingsvorm 'pleeggezin': de code komt meer dan eens voor.",
        "Plaatsingsvorm 'pleeggezin': de Nederlandse naam (label) ontbreekt.",
        "Plaatsingsvorm 'pleeggezin': de trede (rung) is een geheel getal van 1 tot 10, of null.",
        "Plaatsingsvorm 'pleeggezin': onbekende zorgvorm 'ergens'; kies uit verblijf, scarce, lta.",
        "Afstandsgrens: onbekende zorgvorm 'maan'; kies uit verblijf, scarce, lta.",
    ]
    assert errors == expected
    assert caught.value.message.startswith(f"Het regiobestand (test.json) bevat {len(expected)} fout(en):")


def test_a_file_without_routes_or_municipalities_says_so():
    with pytest.raises(RegionFileError) as caught:
        parse_region({"code": "X", "name": "X", "unrouted": {"start_days": 1, "no_progress_months": 1}})
    assert caught.value.errors == [
        "De routes ontbreken (routes: een lijst met minstens één route).",
        "De gemeenten ontbreken (municipalities: een lijst met minstens één gemeente).",
    ]


def test_the_unrouted_key_is_reserved():
    data = good()
    data["routes"][0]["key"] = "onverdeeld"
    with pytest.raises(RegionFileError, match="gereserveerd voor casussen zonder route"):
        parse_region(data)


@pytest.mark.parametrize("name", ["drenthe", "flevoland", "rijnmond"])
def test_each_shipped_region_reads(name):
    assert name in shipped_regions()
    spec = read_region(name)
    assert spec.routes and spec.municipalities and spec.placement_types
    assert spec.distance_limits == {"verblijf": 75.0, "scarce": 120.0, "lta": None}  # seed 000


def test_the_shipped_regions_carry_their_seeds():
    drenthe, flevoland, rijnmond = (read_region(n) for n in ("drenthe", "flevoland", "rijnmond"))
    assert [r.key for r in drenthe.routes] == ["experttafel", "ro3", "rop", "mda++", "rst"]
    assert len(drenthe.municipalities) == 12
    # Flevoland (seed 003): the RET is consulted on procesregie
    assert {r.kind for r in flevoland.routes} >= {RouteKind.ADVICE_TABLE, RouteKind.CASUSREGIE}
    assert "Procesregie bij excessen" in [r.label for r in flevoland.routes]
    assert {m.name for m in flevoland.municipalities} >= {"Almere", "Dronten", "Noordoostpolder", "Urk"}
    # Rijnmond (seed 004): the expertteam's four roles; a ladder from netwerk-deeltijdpleegzorg
    # to gezinshuis
    assert [r.label for r in rijnmond.routes] == [
        "Toeleiding naar regionale hulp", "Advies en consultatie", "Monitor en regie", "Afschaling",
    ]  # fmt: skip
    ladder = sorted((t for t in rijnmond.placement_types if t.rung), key=lambda t: t.rung)
    assert ladder[0].code == "netwerk_deeltijdpleegzorg" and ladder[-1].code == "gezinshuis"
    assert "GM0599" in {m.code for m in rijnmond.municipalities}


def test_a_file_path_is_read_and_a_broken_one_refused(tmp_path):
    path = tmp_path / "eigen.json"
    path.write_text(json.dumps(good()), encoding="utf-8")
    assert read_region(str(path)).name == "Testregio"
    path.write_text("{kapot", encoding="utf-8")
    with pytest.raises(Exception, match="geen geldige JSON"):
        read_region(str(path))
