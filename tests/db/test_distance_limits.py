"""Distance limits per care form (seed 000: 75 km verblijf, 120 km scarce care, none for
LTA care), measured from home, or from the school's municipality when the request keeps the
school (issue 9 §2)."""

from __future__ import annotations

from datetime import date

import pytest

from ret_desk.domain.distance_limits import FROM_HOME, FROM_SCHOOL, care_form_of, limit_for, origin, within
from ret_desk.domain.enums import Role, Urgency
from ret_desk.domain.errors import InvalidInput
from ret_desk.domain.geo import distance_km
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.placement import location_import, match, placement_requests, placements
from tests.support.drafts import draft
from tests.support.rop import LOCATIONS, write_locations

MEPPEL = (52.696, 6.194)  # the school's municipality (GM0119) in drenthe.json
LIMITS = {"verblijf": 75.0, "scarce": 120.0, "lta": None}


def test_the_limit_follows_the_care_form_and_the_origin_the_school():
    assert limit_for(LIMITS, care_form_of("verblijf")) == 75
    assert limit_for(LIMITS, care_form_of("verblijf", "klinisch")) == 120  # a scarce location
    assert limit_for(LIMITS, care_form_of("lta")) is None and within(900, None)
    assert within(75, 75) and not within(75.1, 75)
    assert origin((53.0, 6.5), MEPPEL, keep_school=True).place == FROM_SCHOOL
    assert origin((53.0, 6.5), MEPPEL, keep_school=False).place == FROM_HOME
    assert origin((53.0, 6.5), None, keep_school=True) == origin((53.0, 6.5), None, keep_school=False)


@pytest.fixture
def youth_in_emmen(store, actors, tmp_path):
    staff = actors[Role.PLACEMENT_OFFICER]
    far = [list(LOCATIONS[0])]
    far[0][2:8] = ["Vakantiehuis Zuid", "21000077", "Maastricht", "6211 AB", "50.85", "5.69"]
    location_import.import_locations(
        uow=store.uow(), actor=staff, path=write_locations(tmp_path / "l.csv", LOCATIONS + far)
    )
    number = intake.register_referral(
        uow=store.uow(),
        actor=actors[Role.COORDINATOR],
        draft=draft(route="rop", gva_present=True, municipality_code="GM0114"),
    ).number
    return store, staff, number


def _request(**changes) -> placement_requests.RequestInput:
    base = dict(
        desired_start=date.today(), urgency=Urgency.NORMAL, type_code="pleeggezin", higher_rung_reason="x"
    )
    return placement_requests.RequestInput(**(base | changes))


def test_a_kept_school_moves_the_point_distances_count_from(youth_in_emmen):
    store, staff, number = youth_in_emmen
    placement_requests.create_request(
        uow=store.uow(), actor=staff, number=number,
        data=_request(school_to_keep="CSG Meppel", school_municipality="GM0119"),
    )  # fmt: skip
    view = match.match_case(uow=store.uow(), actor=staff, number=number).to_json()
    assen = next(c for c in view["candidates"] if c["location_agb"] == "21000001")
    assert assen["distance_km"] == round(distance_km(*MEPPEL, 52.99, 6.56), 1)  # not from Emmen
    # A stop-gap in Maastricht is beyond verblijf's 75 km, counted from the school
    placements.start_placement(
        uow=store.uow(), actor=staff, number=number, location_agb="21000077", type_code="pleeggezin",
        started_on=date.today(), stopgap=True, rationale="Geen plek in de regio; tijdelijk.",
    )  # fmt: skip
    history = placements.placement_history(uow=store.uow(), actor=staff, number=number)
    assert history.timeline[-1].distance_from == "school" and history.timeline[-1].distance_limit_km == 75
    messages = {
        s["code"]: s["message"] for s in get_case(uow=store.uow(), actor=staff, number=number).signals
    }
    assert messages["DISTANCE_EXCEEDED"].startswith("Vakantiehuis Zuid ligt ")
    assert messages["DISTANCE_EXCEEDED"].endswith(" km van school; de grens is 75 km.")


def test_scarce_care_has_the_wider_limit(youth_in_emmen):
    store, staff, number = youth_in_emmen
    # JeugdzorgPlus in Groningen is scarce (a closed, 3Noord location): about 50 km from Emmen
    placements.start_placement(
        uow=store.uow(), actor=staff, number=number, location_agb="21000004", type_code="gesloten",
        started_on=date.today(),
    )  # fmt: skip
    entry = placements.placement_history(uow=store.uow(), actor=staff, number=number).timeline[-1]
    assert entry.distance_from == "thuis" and entry.distance_limit_km == 120
    codes = {s["code"] for s in get_case(uow=store.uow(), actor=staff, number=number).signals}
    assert "DISTANCE_EXCEEDED" not in codes


def test_a_school_municipality_outside_the_region_is_refused(youth_in_emmen):
    store, staff, number = youth_in_emmen
    with pytest.raises(InvalidInput) as caught:
        placement_requests.create_request(
            uow=store.uow(), actor=staff, number=number,
            data=_request(school_to_keep="Lyceum", school_municipality="GM0363"),
        )  # fmt: skip
    (message,) = [e.message for e in caught.value.errors if e.field == "school_municipality"]
    assert message.startswith(
        "'GM0363' is geen gemeente van de regio; kies uit: GM1680 (Aa en Hunze), GM0106 (Assen)"
    )
