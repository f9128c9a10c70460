"""One youth, never overwritten by accident: form service, import and merge on both stores."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from ret_desk.db.models import AuditEvent, Case, Placement, Youth
from ret_desk.domain.enums import Gender, LegalFramework, Role
from ret_desk.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from ret_desk.domain.referral import FamilyMemberDraft
from ret_desk.services.cases import importer, intake
from ret_desk.services.cases.import_rows import COLUMNS
from ret_desk.services.cases.youth_identity import YouthChoice, check_referral_youth
from ret_desk.services.cases.youth_merge import former_youth_ids, merge_youths, preview_merge
from ret_desk.services.placement import location_import, placements
from tests.support.drafts import draft
from tests.support.rop import write_locations


def youths(store) -> list[Youth]:
    with store.uow() as uow:
        found = list(uow.session.scalars(select(Youth).order_by(Youth.id)))
        for y in found:
            _ = y.family, y.municipality
        uow.session.expunge_all()
        return found


def cases_of(store, youth_id: int) -> list[str]:
    with store.uow() as uow:
        return list(
            uow.session.scalars(select(Case.number).where(Case.youth_id == youth_id).order_by(Case.number))
        )


def events(store, action: str) -> list[AuditEvent]:
    with store.uow() as uow:
        found = list(uow.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))
        uow.session.expunge_all()
        return found


def register(store, actor, **changes):
    youth = changes.pop("youth", None)
    return intake.register_referral(uow=store.uow(), actor=actor, draft=draft(**changes), youth=youth)


# -- the form's service -------------------------------------------------------------------
def test_same_bsn_with_differences_is_refused_and_nothing_is_overwritten(store, coordinator):
    register(store, coordinator, gender=Gender.FEMALE)
    with pytest.raises(InvalidInput, match="geslacht, school"):
        register(store, coordinator, gender=Gender.MALE, school="CSG Dingstede")
    [youth] = youths(store)
    assert youth.gender == "v" and youth.school == "OBS De Tweemaster"
    with store.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Case)) == 1


def test_the_coordinator_chooses_per_field_and_the_case_joins_the_youth(store, coordinator):
    # Given a stored youth, and a new referral with the same BSN and other gender and school
    first = register(store, coordinator, gender=Gender.FEMALE, legal_framework=LegalFramework.OTS)
    new = draft(gender=Gender.MALE, school="CSG Dingstede", legal_framework=LegalFramework.OTS)
    # When the form checks the BSN
    check = check_referral_youth(uow=store.uow(), actor=coordinator, draft=new)
    # Then it shows the existing youth, its cases and the differences (no BSN, no address)
    stored = check.by_bsn
    assert stored.case_numbers == (first.number,) and stored.municipality == "Assen"
    assert [(d.field, d.stored, d.new) for d in stored.differences] == [
        ("geslacht", "Vrouw", "Man"),
        ("school", "OBS De Tweemaster", "CSG Dingstede"),
    ]
    assert [e.youth_id for e in events(store, "youth_view")] == [stored.youth_id]
    # When the coordinator keeps the gender and takes the new school
    choice = YouthChoice(stored.youth_id, stored.version, frozenset({"school"}))
    second = intake.register_referral(uow=store.uow(), actor=coordinator, draft=new, youth=choice)
    # Then the case joins that youth, and only the school changed, audited by field name
    [youth] = youths(store)
    assert youth.gender == "v" and youth.school == "CSG Dingstede"
    assert cases_of(store, youth.id) == sorted([first.number, second.number])
    [update] = events(store, "youth_update")
    assert update.youth_id == youth.id and update.detail == "bij aanmelding: school"


def test_an_empty_field_is_filled_and_an_empty_new_value_changes_nothing(store, coordinator):
    register(store, coordinator, gender=Gender.FEMALE)
    register(store, coordinator, gender=Gender.UNKNOWN, address="Brink 1", postcode="9401aa")
    [youth] = youths(store)
    assert youth.gender == "v" and (youth.address, youth.postcode) == ("Brink 1", "9401 AA")
    assert [e.detail for e in events(store, "youth_update")] == ["bij aanmelding: adres, postcode"]


def test_same_name_and_birth_date_without_bsn_warns_with_candidates(store, coordinator):
    first = register(store, coordinator, bsn=None)
    look_alike = draft(bsn=None, family_name=" veenstra", given_name="Sänne ")
    check = check_referral_youth(uow=store.uow(), actor=coordinator, draft=look_alike)
    assert check.by_bsn is None
    [candidate] = check.candidates
    assert candidate.case_numbers == (first.number,) and candidate.municipality == "Assen"
    with pytest.raises(InvalidInput, match="Mogelijk dezelfde jeugdige"):
        intake.register_referral(uow=store.uow(), actor=coordinator, draft=look_alike)
    # Linking the referral to the candidate keeps one youth
    intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=look_alike, youth=YouthChoice(candidate.youth_id)
    )
    assert len(youths(store)) == 1 and len(cases_of(store, candidate.youth_id)) == 2
    # Confirming a new youth makes a second one
    intake.register_referral(uow=store.uow(), actor=coordinator, draft=look_alike, youth=YouthChoice())
    assert len(youths(store)) == 2


def test_a_referral_with_bsn_linked_to_a_youth_without_one_gives_it_the_bsn(store, coordinator):
    register(store, coordinator, bsn=None)
    [candidate] = check_referral_youth(uow=store.uow(), actor=coordinator, draft=draft()).candidates
    register(store, coordinator, youth=YouthChoice(candidate.youth_id))
    [youth] = youths(store)
    assert youth.bsn == "999990019"
    # another BSN is another child: no candidates
    assert not check_referral_youth(
        uow=store.uow(), actor=coordinator, draft=draft(bsn="999990020")
    ).candidates


# -- the import -----------------------------------------------------------------------------
ROW = dict(
    casusnummer="",
    aanmelddatum=(date.today() - timedelta(days=3)).isoformat(),
    achternaam="Veenstra",
    voornaam="Sanne",
    geboortedatum="2012-04-17",
    bsn="999990019",
    geslacht="v",
    gemeente="Assen",
    verwijzer_type="toegang",
    verwijzer_organisatie="Toegang Assen",
    hulpvraag="Vastgelopen",
    gva_triggers="",
    gva_aanwezig="nee",
    route="rst",
    doelgroepen="",
    interventieniveau="",
)


def write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_import_refuses_a_known_bsn_with_differences_naming_the_fields(store, coordinator, tmp_path):
    register(store, coordinator, gender=Gender.FEMALE)
    path = write_rows(
        tmp_path / "a.csv", [dict(ROW, geslacht="m", gemeente="Emmen"), dict(ROW, bsn="999990020")]
    )
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path)
    assert [str(e) for e in report.errors] == [
        "rij 2, kolom geslacht: wijkt af van de opgeslagen jeugdige met dit BSN; "
        "gebruik --werk-jeugdige-bij om die jeugdige bij te werken.",
        "rij 2, kolom gemeente: wijkt af van de opgeslagen jeugdige met dit BSN; "
        "gebruik --werk-jeugdige-bij om die jeugdige bij te werken.",
    ]
    assert report.written == 0 and len(youths(store)) == 1 and youths(store)[0].gender == "v"


def test_import_with_werk_jeugdige_bij_updates_the_youth_audited(store, coordinator, tmp_path):
    register(store, coordinator, gender=Gender.FEMALE)
    path = write_rows(tmp_path / "a.csv", [dict(ROW, geslacht="m", gemeente="Emmen")])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path, update_youth=True)
    assert report.written == 1 and not report.errors
    [youth] = youths(store)
    assert youth.gender == "m" and youth.municipality.name == "Emmen" and youth.school == "OBS De Tweemaster"
    assert [e.detail for e in events(store, "youth_update")] == ["bij aanmelding: geslacht, gemeente"]


def test_import_row_without_differences_adds_a_case_to_the_youth(store, coordinator, tmp_path):
    register(store, coordinator, gender=Gender.FEMALE)
    path = write_rows(tmp_path / "a.csv", [dict(ROW, geslacht="")])  # empty: no news
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path)
    assert report.written == 1
    [youth] = youths(store)
    assert youth.gender == "v" and len(cases_of(store, youth.id)) == 2


def test_rows_in_one_file_with_one_bsn_must_agree(store, coordinator, tmp_path):
    path = write_rows(tmp_path / "a.csv", [ROW, dict(ROW, voornaam="Sannie")])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path)
    assert [(e.row, e.column) for e in report.errors] == [(3, "voornaam")]
    assert "rij 2" in report.errors[0].reason and report.written == 0
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path, update_youth=True)
    assert report.written == 2 and [y.given_name for y in youths(store)] == ["Sannie"]


def test_import_warns_for_a_possible_same_youth_unless_confirmed_new(store, coordinator, tmp_path):
    first = register(store, coordinator, bsn=None)
    path = write_rows(tmp_path / "a.csv", [dict(ROW, bsn="", achternaam="VEENSTRA")])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path)
    [error] = report.errors
    assert error.column == "achternaam"
    assert f"mogelijk dezelfde jeugdige als casus {first.number} (Assen)" in error.reason
    assert "--nieuwe-jeugdige" in error.reason and report.written == 0
    assert [e.detail for e in events(store, "youth_view")] == ["import: mogelijk zelfde jeugdige"]
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path, new_youth=True)
    assert report.written == 1 and len(youths(store)) == 2


# -- merging -------------------------------------------------------------------------------
@pytest.fixture
def pair(store, coordinator):
    """Two records of one child from an older store: one with a BSN, one without."""
    a = register(store, coordinator, gender=Gender.FEMALE, route="rop")
    b = register(
        store, coordinator, bsn=None, gender=Gender.MALE, school="CSG Dingstede", address="Brink 1",
        youth=YouthChoice(), route="rop", family=(FamilyMemberDraft("Piet Veenstra", "vader"),),
    )  # fmt: skip
    return a.number, b.number


def test_merge_refuses_differences_without_a_choice_listing_them(store, coordinator, pair):
    with pytest.raises(InvalidInput) as caught:
        merge_youths(uow=store.uow(), actor=coordinator, number_a=pair[0], number_b=pair[1], choices={})
    messages = [e.message for e in caught.value.errors]
    assert messages[:2] == [
        "Geslacht verschilt: A Vrouw, B Man.",
        "School verschilt: A OBS De Tweemaster, B CSG Dingstede.",
    ]
    assert len(youths(store)) == 2


def test_merge_moves_every_case_and_placement_and_is_audited(store, coordinator, actors, pair, tmp_path):
    # Given B's youth has a placement
    location_import.import_locations(
        uow=store.uow(), actor=actors[Role.PLACEMENT_OFFICER], path=write_locations(tmp_path / "l.csv")
    )
    placements.start_placement(
        uow=store.uow(), actor=actors[Role.PLACEMENT_OFFICER], number=pair[1], location_agb="21000001",
        type_code="pleeggezin", started_on=date.today(), rationale="Past",
    )  # fmt: skip
    preview = preview_merge(uow=store.uow(), actor=coordinator, number_a=pair[0], number_b=pair[1])
    assert [d.field for d in preview.differences] == ["geslacht", "school"]
    # When the coordinator merges, keeping A's gender and taking B's school
    result = merge_youths(
        uow=store.uow(), actor=coordinator, number_a=pair[0], number_b=pair[1],
        choices={"geslacht": "A", "school": "B"}, versions=(preview.a.version, preview.b.version),
    )  # fmt: skip
    # Then one youth holds both cases and the placement, with the chosen fields and B's address
    [youth] = youths(store)
    assert (youth.gender, youth.school, youth.address, youth.bsn) == (
        "v",
        "CSG Dingstede",
        "Brink 1",
        "999990019",
    )
    assert cases_of(store, youth.id) == sorted(pair)
    assert [m.name for m in youth.family] == ["Piet Veenstra"]  # A had none: B's fill the gap
    with store.uow() as uow:
        assert list(uow.session.scalars(select(Placement.youth_id))) == [youth.id]
        # and the audit trail of removed youth B stays findable from A
        assert former_youth_ids(uow.session, youth.id) == {youth.id, preview.b.youth_id}
    [on_a] = events(store, "youth_merge")
    [on_b] = events(store, "youth_merged")
    assert on_a.youth_id == youth.id and on_b.youth_id == preview.b.youth_id
    assert "adres, school" in on_a.detail and pair[1] in on_b.detail
    assert result.moved_cases == (pair[1],)


def test_merge_refuses_itself_two_bsns_and_other_roles(store, coordinator, actors):
    a = register(store, coordinator)
    same = register(store, coordinator)
    other = register(store, coordinator, bsn="999990020", given_name="Jildou")
    with pytest.raises(RuleViolation, match="dezelfde jeugdige"):
        merge_youths(uow=store.uow(), actor=coordinator, number_a=a.number, number_b=same.number, choices={})
    with pytest.raises(RuleViolation, match="verschillende BSN"):
        merge_youths(uow=store.uow(), actor=coordinator, number_a=a.number, number_b=other.number, choices={})
    with pytest.raises(PermissionDenied):
        preview_merge(uow=store.uow(), actor=actors[Role.CHAIR], number_a=a.number, number_b=other.number)
    with pytest.raises(InvalidInput, match="Onbekend veld: kleur"):
        merge_youths(
            uow=store.uow(),
            actor=coordinator,
            number_a=a.number,
            number_b=other.number,
            choices={"kleur": "A"},
        )
    assert len(youths(store)) == 2


def test_merging_into_the_youth_without_bsn_gives_it_the_bsn(store, coordinator, pair):
    merge_youths(
        uow=store.uow(), actor=coordinator, number_a=pair[1], number_b=pair[0],
        choices={"geslacht": "B", "school": "A", "adres": "A"},
    )  # fmt: skip
    [youth] = youths(store)
    assert (youth.bsn, youth.gender, youth.school) == ("999990019", "v", "CSG Dingstede")
    assert [m.name for m in youth.family] == ["Piet Veenstra"]


def test_merge_refuses_two_running_placements(store, coordinator, actors, pair, tmp_path):
    staff = actors[Role.PLACEMENT_OFFICER]
    location_import.import_locations(uow=store.uow(), actor=staff, path=write_locations(tmp_path / "l.csv"))
    for number in pair:
        placements.start_placement(
            uow=store.uow(), actor=staff, number=number, location_agb="21000001",
            type_code="pleeggezin", started_on=date.today(), rationale="Past",
        )  # fmt: skip
    choices = {"geslacht": "A", "school": "A"}
    with pytest.raises(RuleViolation, match="Beide jeugdigen hebben een lopende plaatsing"):
        merge_youths(uow=store.uow(), actor=coordinator, number_a=pair[0], number_b=pair[1], choices=choices)
    assert len(youths(store)) == 2
