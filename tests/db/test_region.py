"""A store's region is data (issue 9 §2): a store made for Flevoland runs intake, routing and
a case summary on Flevoland's routes and municipalities; code keys behaviour on a route's
kind; an import row outside the region is refused naming the allowed values; the region of a
store that holds cases cannot change."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Route
from ret_desk.db.region_data import read_region
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role, Urgency
from ret_desk.domain.errors import InvalidInput, RuleViolation, StoreError
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.admin import reference, settings
from ret_desk.services.admin import region as region_service
from ret_desk.services.cases import case_detail, importer, intake, routing
from ret_desk.services.experttafel import printing
from tests.conftest import make_actors
from tests.db.test_import_export import GOOD, write_csv
from tests.reports.pdf_text import flat
from tests.support.drafts import draft


@pytest.fixture
def flevoland(store_url):
    store = Store.open(store_url, region=read_region("flevoland"))
    yield store
    store.close()


def test_a_flevoland_store_runs_intake_routing_and_a_summary(flevoland):
    actors = make_actors(flevoland)
    coordinator, chair = actors[Role.COORDINATOR], actors[Role.CHAIR]
    # Given a store made for Flevoland: its routes and municipalities, not Drenthe's
    info = region_service.region_info(uow=flevoland.uow())
    assert info.name == "Jeugdhulpregio Flevoland"
    assert [r["key"] for r in info.routes] == ["raadpleging", "procesregie", "logeren", "multidisciplinair"]
    assert "Almere" in {m["name"] for m in info.municipalities} and "Assen" not in str(info.municipalities)
    # When a referral from Almere comes in with a Drenthe route, it is refused naming Flevoland's routes
    with pytest.raises(InvalidInput) as caught:
        intake.register_referral(
            uow=flevoland.uow(), actor=coordinator, draft=draft(municipality_code="GM0034", route="rop")
        )
    assert "Onbekende route 'rop'. Kies uit: raadpleging, procesregie, logeren, multidisciplinair." in [
        e.message for e in caught.value.errors
    ]
    # With a route of the region it is registered (the GVA is still missing)
    ref = intake.register_referral(
        uow=flevoland.uow(), actor=coordinator, draft=draft(municipality_code="GM0034", route="raadpleging")
    )
    detail = case_detail.get_case(uow=flevoland.uow(), actor=coordinator, number=ref.number)
    assert detail.route == "raadpleging" and detail.route_kind == RouteKind.ADVICE_TABLE.value
    assert detail.youth["municipality"] == "Almere"
    # The GVA block names the region's own advice table
    with pytest.raises(RuleViolation, match="kan alleen naar de route Raadpleging Regionaal Expertise Team"):
        routing.route_case(
            uow=flevoland.uow(), actor=coordinator, number=ref.number, route="procesregie", reason="x"
        )
    # Once the GVA is there, routing to procesregie works and the kind follows the store
    ref2 = intake.register_referral(
        uow=flevoland.uow(),
        actor=coordinator,
        draft=draft(
            bsn="999990020", given_name="Daan", municipality_code="GM0303", gva_present=True, route=None
        ),
    )
    routing.route_case(
        uow=flevoland.uow(), actor=coordinator, number=ref2.number, route="procesregie", reason="excess"
    )
    detail = case_detail.get_case(uow=flevoland.uow(), actor=coordinator, number=ref2.number)
    assert detail.route_kind == "casusregie"
    with flevoland.uow() as uow:
        assert reference.route_kind_of(uow.session, "procesregie") is RouteKind.CASUSREGIE
        assert reference.route_kind_of(uow.session, "rop") is None
        assert reference.route_term(uow.session, "procesregie", "ro3_review_days") == 42
    # And the case summary prints Flevoland's route labels
    doc = printing.case_summary_pdf(uow=flevoland.uow(), actor=chair, number=ref2.number)
    text = flat(doc.pdf)
    assert "Huidige route Procesregie bij excessen" in text
    assert "route geen → Procesregie bij excessen" in text and "Dronten" in text
    assert "Drenthe" not in text


def test_deadline_terms_are_the_routes_and_edited_on_the_route(flevoland):
    admin = make_actors(flevoland)[Role.ADMIN]
    rows = settings.deadline_terms(uow=flevoland.uow(), actor=admin)
    assert [(r.route_key, r.label) for r in rows][:2] == [
        ("onverdeeld", "Nog niet gerouteerd"),
        ("raadpleging", "Raadpleging Regionaal Expertise Team"),
    ]
    logeren = next(r for r in rows if r.route_key == "logeren")
    settings.set_deadline_terms(
        uow=flevoland.uow(), actor=admin, route_key="logeren", start_days=21, no_progress_months=2,
        version=logeren.version,
    )  # fmt: skip
    with flevoland.uow() as uow:
        row = uow.session.get(Route, "logeren")
        assert (row.start_days, row.no_progress_months) == (21, 2)
        assert reference.deadline_terms_in(uow.session)["logeren"].start_days == 21


def test_an_import_row_outside_the_region_is_refused_naming_the_allowed_values(flevoland, tmp_path):
    coordinator = make_actors(flevoland)[Role.COORDINATOR]
    rows = [
        GOOD | {"gemeente": "GM0034", "route": "rop"},
        GOOD | {"casusnummer": "IMP-0002", "bsn": "999990020", "gemeente": "Assen", "route": "procesregie"},
    ]
    report = importer.import_cases(
        uow=flevoland.uow(), actor=coordinator, path=write_csv(tmp_path / "i.csv", rows)
    )
    assert report.written == 0
    messages = {(e.row, e.column): e.reason for e in report.errors}
    assert messages[(2, "route")] == (
        "'rop' is geen route van de regio; kies uit: raadpleging, procesregie, logeren, multidisciplinair."
    )
    assert messages[(3, "gemeente")] == (
        "'Assen' is geen gemeente van de regio. "
        "Kies uit: Almere, Dronten, Lelystad, Noordoostpolder, Urk, Zeewolde."
    )


def test_the_region_of_a_store_with_cases_cannot_change(store, coordinator, actors):
    admin = actors[Role.ADMIN]
    # A store without cases may still take another region
    assert region_service.change_region(uow=store.uow(), actor=admin, region=read_region("rijnmond"))
    info = region_service.region_info(uow=store.uow())
    assert info.name == "Jeugdhulp Rijnmond" and info.routes[0]["key"] == "toeleiding"
    assert "netwerk_deeltijdpleegzorg" in {t["code"] for t in info.placement_types}
    with store.uow() as uow:
        assert uow.session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "region_change")) == (
            "JHRD -> GRJR"
        )
    # Once it holds a case, it may not
    intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(municipality_code="GM0599", route="advies")
    )
    with pytest.raises(StoreError, match="bevat al casussen; de regio kan niet meer worden gewijzigd"):
        region_service.change_region(uow=store.uow(), actor=admin, region=read_region("drenthe"))
    assert region_service.region_info(uow=store.uow()).name == "Jeugdhulp Rijnmond"


def test_a_new_drenthe_store_has_the_seed_000_distance_limits(store):
    info = region_service.region_info(uow=store.uow())
    assert info.distance_limits == {"verblijf": 75.0, "scarce": 120.0, "lta": None}
    assert {r["key"]: r["kind"] for r in info.routes} == {
        "experttafel": "advice_table", "ro3": "casusregie", "rop": "placement", "mda++": "safety",
        "rst": "travelling_team",
    }  # fmt: skip
    gesloten = next(t for t in info.placement_types if t["code"] == "gesloten")
    assert gesloten["care_form"] == "scarce" and gesloten["rung"] == 7


def test_signals_use_the_routes_terms(flevoland):
    coordinator = make_actors(flevoland)[Role.COORDINATOR]
    old = date.today() - timedelta(days=30)
    ref = intake.register_referral(
        uow=flevoland.uow(), actor=coordinator,
        draft=draft(referral_date=old, municipality_code="GM0184", gva_present=True, route="logeren"),
    )  # fmt: skip
    codes = [
        s["code"]
        for s in case_detail.get_case(uow=flevoland.uow(), actor=coordinator, number=ref.number).signals
    ]
    assert "REFERRAL_OVERDUE" not in codes  # logeren allows 42 days
    routing.route_case(
        uow=flevoland.uow(), actor=coordinator, number=ref.number, route="raadpleging", reason="x"
    )
    codes = [
        s["code"]
        for s in case_detail.get_case(uow=flevoland.uow(), actor=coordinator, number=ref.number).signals
    ]
    assert "REFERRAL_OVERDUE" in codes  # raadpleging allows 28


def test_a_placement_request_needs_a_placement_route(store, actors):
    from ret_desk.services.placement import placement_requests

    coordinator, staff = actors[Role.COORDINATOR], actors[Role.PLACEMENT_OFFICER]
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(route="rst", gva_present=True)
    ).number
    data = placement_requests.RequestInput(date.today(), Urgency.NORMAL, "eigen_gezin")
    with pytest.raises(InvalidInput) as caught:
        placement_requests.create_request(uow=store.uow(), actor=staff, number=number, data=data)
    assert (
        f"Casus {number} staat niet op een plaatsingsroute (in deze regio: Regie op plaatsing); "
        "routeer de casus eerst."
    ) in [e.message for e in caught.value.errors]
    routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rop", reason="plek nodig")
    assert placement_requests.create_request(uow=store.uow(), actor=staff, number=number, data=data)


def test_kind_specific_terms_are_found_by_route_and_by_kind(store):
    with store.uow() as uow:
        assert reference.route_term(uow.session, "ro3", "ro3_review_days") == 42
        assert reference.route_term(uow.session, "rop", "ro3_review_days") is None
        assert reference.term_of_kind(uow.session, RouteKind.SAFETY, "mda_assessment_days") == 90
        assert reference.term_of_kind(uow.session, RouteKind.GENERIC, "mda_assessment_days") is None
        assert reference.route_kind_of(uow.session, "mda++") is RouteKind.SAFETY
        assert reference.route_kind_of(uow.session, None) is None


def test_a_kind_specific_term_is_the_region_setting_the_administrator_edits(store, actors):
    admin = actors[Role.ADMIN]
    row = next(
        s for s in settings.region_settings(uow=store.uow(), actor=admin) if s.key == "ro3_review_days"
    )
    assert row.value == 42  # from the region file's ro3 route
    settings.set_region_setting(uow=store.uow(), actor=admin, key=row.key, value=30, version=row.version)
    with store.uow() as uow:
        assert reference.route_term(uow.session, "ro3", "ro3_review_days") == 30
    ro3 = next(r for r in region_service.region_info(uow=store.uow()).routes if r["key"] == "ro3")
    assert ro3["terms"]["ro3_review_days"] == 30


def test_a_region_files_kind_specific_term_seeds_the_setting(tmp_path):
    import json

    from ret_desk.domain.region_file import parse_region

    data = json.loads(
        (Path(__file__).parents[2] / "resources" / "region" / "flevoland.json").read_text("utf-8")
    )
    data["routes"][1]["terms"]["ro3_review_days"] = 21  # procesregie reviews every three weeks
    store = Store.open(f"sqlite:///{tmp_path / 'eigen.sqlite'}", region=parse_region(data))
    admin = make_actors(store)[Role.ADMIN]
    values = {s.key: s.value for s in settings.region_settings(uow=store.uow(), actor=admin)}
    assert values["ro3_review_days"] == 21 and values["mda_assessment_days"] == 90  # (placement.json's)
    store.close()
