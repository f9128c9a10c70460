"""The MDA++ record on a real store (SQLite and PostgreSQL): writes, rules, both signals,
the JSON section, audit events, read-only after re-routing, and the case summary PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, MdaMember, MdaSafetyPlan, RegionSetting
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from ret_desk.domain.mda import MemberRole, Phase, RiskLevel
from ret_desk.services.cases import intake, routing
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.experttafel.printing import case_summary_pdf
from ret_desk.services.routes import mda_record
from tests.support.drafts import draft

TODAY = date.today()


@pytest.fixture
def number(store, coordinator) -> str:
    made = intake.register_referral(
        uow=store.uow(),
        actor=coordinator,
        draft=draft(gva_present=True, help_question="Moeder Ilse Brink vraagt om rust in het gezin."),
    )
    routing.route_case(
        uow=store.uow(), actor=coordinator, number=made.number, route="mda++", reason="Huiselijk geweld"
    )
    return made.number


def _actions(store, number: str) -> list[tuple[str, str]]:
    with store.uow() as uow:
        rows = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.case_number == number).order_by(AuditEvent.id)
        )
        return [(e.action, e.detail) for e in rows]


def _fill(store, actor, number: str) -> None:
    kw = {"uow": None, "actor": actor, "number": number}

    def call(fn, **more):  # noqa: ANN001, ANN202
        return fn(**(kw | {"uow": store.uow()} | more))

    call(mda_record.add_member, name="Ilse Brink", role=MemberRole.OUDER, victim=True)
    call(mda_record.add_member, name="Ruud Brink", role=MemberRole.EX_PARTNER, perpetrator=True)
    call(mda_record.set_phase, phase=Phase.VEILIGHEID, on=TODAY - timedelta(days=20))
    call(mda_record.set_phase, phase=Phase.STABILISATIE, on=TODAY - timedelta(days=5))
    call(
        mda_record.add_risk_assessment, instrument="LIRIK", level=RiskLevel.HOOG, on=TODAY - timedelta(days=3)
    )
    call(mda_record.add_conference, on=TODAY - timedelta(days=2), participants="Ilse, Sanne, wijkteam",
         outcome="Ruud Brink komt niet meer in huis.")  # fmt: skip


def test_the_whole_record_in_case_show_json(store, coordinator, number):
    _fill(store, coordinator, number)
    data = get_case(uow=store.uow(), actor=coordinator, number=number).to_json()
    mda = data["mda"]
    assert mda["phase"] == "stabilisatie" and mda["phase_since"] == (TODAY - timedelta(days=5)).isoformat()
    assert [(m["name"], m["role"], m["victim"], m["perpetrator"]) for m in mda["members"]] == [
        ("Ilse Brink", "ouder", True, False),
        ("Ruud Brink", "ex-partner", False, True),
    ]
    assessment = mda["risk_assessments"][0]
    assert (assessment["instrument"], assessment["level"], assessment["date"]) == (
        "LIRIK", "hoog", (TODAY - timedelta(days=3)).isoformat()
    )  # fmt: skip
    assert mda["safety_plan"] is None
    assert mda["conferences"][0]["outcome"] == "Ruud Brink komt niet meer in huis."
    codes = [s["code"] for s in data["signals"]]
    assert "HIGH_RISK_NO_PLAN" in codes and "SAFETY_ASSESSMENT_DUE" not in codes


def test_a_case_without_a_record_has_no_mda_key(store, coordinator, number):
    assert "mda" not in get_case(uow=store.uow(), actor=coordinator, number=number).to_json()


def test_the_safety_plan_is_versioned_and_ends_the_high_risk_signal(store, coordinator, number):
    _fill(store, coordinator, number)
    first = mda_record.set_safety_plan(
        uow=store.uow(), actor=coordinator, number=number, text="Ruud belt niet."
    )
    second = mda_record.set_safety_plan(
        uow=store.uow(), actor=coordinator, number=number, text="Ruud belt niet. Oma haalt Sanne op."
    )
    assert (first, second) == (1, 2)
    with pytest.raises(InvalidInput, match="niet gewijzigd"):
        mda_record.set_safety_plan(
            uow=store.uow(), actor=coordinator, number=number, text=" Ruud belt niet. Oma haalt Sanne op. "
        )
    with store.uow() as uow:
        kept = uow.session.scalars(select(MdaSafetyPlan.text).order_by(MdaSafetyPlan.version)).all()
    assert kept == ["Ruud belt niet.", "Ruud belt niet. Oma haalt Sanne op."]
    data = get_case(uow=store.uow(), actor=coordinator, number=number).to_json()
    assert data["mda"]["safety_plan"]["version"] == 2
    assert data["mda"]["safety_plan"]["text"].endswith("Oma haalt Sanne op.")
    assert "HIGH_RISK_NO_PLAN" not in [s["code"] for s in data["signals"]]


def test_assessment_due_after_the_region_term(store, coordinator, number):
    mda_record.add_risk_assessment(
        uow=store.uow(), actor=coordinator, number=number, instrument="ARIJ", level=RiskLevel.VERHOOGD,
        on=TODAY - timedelta(days=40),
    )  # fmt: skip
    signals = lambda: [s["code"] for s in get_case(uow=store.uow(), actor=coordinator, number=number).signals]  # noqa: E731
    assert "SAFETY_ASSESSMENT_DUE" not in signals()  # 40 days < the default term of 90
    with store.uow() as uow:
        assert uow.session.get(RegionSetting, "mda_assessment_days").value == 90
        uow.session.get(RegionSetting, "mda_assessment_days").value = 30
        uow.commit()
    assert "SAFETY_ASSESSMENT_DUE" in signals()
    later = get_case(uow=store.uow(), actor=coordinator, number=number, today=TODAY)
    message = next(s["message"] for s in later.signals if s["code"] == "SAFETY_ASSESSMENT_DUE")
    assert "40 dagen geleden (termijn 30 dagen)" in message


def test_assessment_due_when_none_yet_after_the_term_on_mda(store, coordinator, number):
    codes = lambda day: [  # noqa: E731
        s["code"] for s in get_case(uow=store.uow(), actor=coordinator, number=number, today=day).signals
    ]
    assert "SAFETY_ASSESSMENT_DUE" not in codes(TODAY + timedelta(days=90))
    assert "SAFETY_ASSESSMENT_DUE" in codes(TODAY + timedelta(days=91))


def test_rules_refuse_in_dutch_and_write_nothing(store, coordinator, number):
    with pytest.raises(InvalidInput, match="niet allebei"):
        mda_record.add_member(
            uow=store.uow(), actor=coordinator, number=number, name="X", role=MemberRole.OUDER, victim=True,
            perpetrator=True,
        )  # fmt: skip
    with pytest.raises(InvalidInput, match="naam"):
        mda_record.add_member(
            uow=store.uow(), actor=coordinator, number=number, name=" ", role=MemberRole.OUDER
        )
    with pytest.raises(InvalidInput, match="toekomst"):
        mda_record.set_phase(
            uow=store.uow(),
            actor=coordinator,
            number=number,
            phase=Phase.HERSTEL,
            on=TODAY + timedelta(days=1),
        )
    with pytest.raises(InvalidInput, match="instrument"):
        mda_record.add_risk_assessment(
            uow=store.uow(), actor=coordinator, number=number, instrument="", level=RiskLevel.LAAG, on=TODAY
        )
    with pytest.raises(InvalidInput, match="uitkomst"):
        mda_record.add_conference(
            uow=store.uow(), actor=coordinator, number=number, on=TODAY, participants="x", outcome=""
        )
    with pytest.raises(PermissionDenied):
        mda_record.set_phase(
            uow=store.uow(),
            actor=store_actor(store, Role.CHAIR),
            number=number,
            phase=Phase.HERSTEL,
            on=TODAY,
        )
    with store.uow() as uow:
        assert uow.session.scalars(select(MdaMember)).all() == []
    assert "mda" not in get_case(uow=store.uow(), actor=coordinator, number=number).to_json()


def store_actor(store, role):  # noqa: ANN001, ANN201
    from ret_desk.services.admin import accounts
    from tests.conftest import PASSWORD

    return accounts.authenticate(uow=store.uow(), username=role.value, password=PASSWORD)


def test_every_write_and_read_is_audited_without_names(store, coordinator, number):
    _fill(store, coordinator, number)
    mda_record.set_safety_plan(uow=store.uow(), actor=coordinator, number=number, text="Plan")
    mda_record.get_mda(uow=store.uow(), actor=coordinator, number=number)
    events = _actions(store, number)
    mine = [(a, d) for a, d in events if a.startswith("mda_")]
    assert [a for a, _ in mine] == [
        "mda_member_add", "mda_member_add", "mda_phase", "mda_phase", "mda_risk", "mda_conference",
        "mda_safety_plan", "mda_view",
    ]  # fmt: skip
    assert ("mda_member_add", "rol ouder, slachtoffer") in mine and ("mda_safety_plan", "versie 1") in mine
    assert not any("Brink" in d or "Ilse" in d for _, d in events)


def test_after_rerouting_the_record_is_kept_and_read_only(store, coordinator, number):
    _fill(store, coordinator, number)
    routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rst", reason="Veilig nu")
    detail = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert detail.to_json()["mda"]["members"][0]["name"] == "Ilse Brink"
    assert not any(s["code"] == "HIGH_RISK_NO_PLAN" for s in detail.signals)  # history signals nothing
    assert mda_record.get_mda(uow=store.uow(), actor=coordinator, number=number).editable is False
    with pytest.raises(RuleViolation, match="niet meer op de route MDA\\+\\+.*alleen in te zien"):
        mda_record.set_safety_plan(uow=store.uow(), actor=coordinator, number=number, text="Te laat")
    with store.uow() as uow:
        assert uow.session.scalars(select(MdaSafetyPlan)).all() == []


def _pdf_text(document) -> str:  # noqa: ANN001
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document.pdf)).pages)


def test_the_summary_has_the_record_full_and_pseudonymised(store, coordinator, number):
    _fill(store, coordinator, number)
    mda_record.set_safety_plan(
        uow=store.uow(),
        actor=coordinator,
        number=number,
        text="Ruud Brink komt niet aan huis; Ilse belt 112.",
    )
    full = _pdf_text(case_summary_pdf(uow=store.uow(), actor=coordinator, number=number))
    assert "MDA++" in full and "2 stabilisatie" in full and "Ilse Brink, ouder; slachtoffer" in full
    assert "Veiligheidsplan (versie 1)" in full and "Ruud Brink komt niet aan huis" in full
    hidden = _pdf_text(
        case_summary_pdf(uow=store.uow(), actor=coordinator, number=number, pseudonymised=True)
    )
    assert "MDA++" in hidden and "Lid huishouden: ex-partner; pleger" in hidden
    assert "Veiligheidsplan (versie 1)" in hidden and "komt niet aan huis" in hidden
    # Member names typed into the help question, the plan or a conference are scrubbed too
    for name in ("Ilse", "Ruud", "Brink"):
        assert name not in hidden, name
    assert "[naam]" in hidden


def test_the_agenda_and_the_pseudonymised_pack_hide_member_names(store, actors, coordinator, number):
    from ret_desk.services.experttafel import agenda, sittings
    from ret_desk.services.experttafel.printing import agenda_pdf, pack_pdf

    _fill(store, coordinator, number)
    chair = actors[Role.CHAIR]
    sitting = sittings.plan_session(
        uow=store.uow(),
        actor=chair,
        data=sittings.SessionInput(held_on=TODAY + timedelta(days=7), start_time="09:30", chair="Voorzitter"),
    )
    # Back to the Experttafel with a question that names the mother and the ex-partner
    agenda.add_to_agenda(
        uow=store.uow(),
        actor=coordinator,
        session_id=sitting,
        number=number,
        data=agenda.AgendaInput(question="Is Ilse veilig nu Ruud Brink weer in Assen woont?"),
        route_reason="Advies over veiligheid",
    )
    texts = [
        _pdf_text(agenda_pdf(uow=store.uow(), actor=chair, session_id=sitting)),
        _pdf_text(pack_pdf(uow=store.uow(), actor=chair, session_id=sitting, pseudonymised=True)),
    ]
    for text in texts:
        assert "Is [naam] veilig nu [naam] weer in Assen woont?" in " ".join(text.split())
        for name in ("Ilse", "Ruud", "Brink"):
            assert name not in text, name
    assert "Lid huishouden: ouder; slachtoffer" in texts[1]  # the record is in the pack, read-only history
