"""Property: for any youth, the pseudonymised summary and the agenda contain no name, BSN,
address, postcode or birth date (in any common notation), even when a coordinator typed
them into the help question or the question to the table."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ret_desk.domain.dutch_dates import MONTHS
from ret_desk.domain.enums import Role
from ret_desk.domain.pseudonymise_names import PARTICLES as _PARTICLES
from ret_desk.domain.referral import FamilyMemberDraft
from ret_desk.services.cases import intake
from ret_desk.services.demo.demo_data import demo_bsns
from ret_desk.services.experttafel import agenda, printing
from ret_desk.services.experttafel import sittings as experttafel
from tests.conftest import make_actors
from tests.reports.pdf_text import flat
from tests.support.drafts import draft

GIVEN = [
    "Noor",
    "Daan",
    "Sanne",
    "Mila",
    "Liam",
    "Zoë",
    "Anouk",
    "Bram",
    "Eline",
    "Ruben",
    "Fenna",
    "Jesse",
    "Ilse",
    "Thijs",
    "Mirthe",
    "Özlem",
    "Aïsha",
    "Sem",
]
FAMILY = [
    "de Vries",
    "van der Berg",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "de Boer",
    "Dijkstra",
    "Vos",
    "Hoekstra",
    "van Dijk",
    "Kramer",
    "Oosterhuis",
    "Brouwer",
    "Huisman",
    "Yıldız",
]
STREETS = ["Brink", "Kerkstraat", "Hoofdweg", "Molenstraat", "Dorpsstraat", "Esweg"]
TODAY = date.today()

FORMATS = [
    lambda d: f"{d:%d-%m-%Y}",
    lambda d: f"{d.day}-{d.month}-{d.year}",
    lambda d: f"{d:%d/%m/%Y}",
    lambda d: f"{d:%Y-%m-%d}",
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{d:%d.%m.%Y}",
    lambda d: f"{d:%d%m%Y}",
]

youths = st.fixed_dictionaries(
    {
        "given": st.sampled_from(GIVEN),
        "family": st.sampled_from(FAMILY),
        "birth": st.dates(TODAY - timedelta(days=365 * 22), TODAY - timedelta(days=365)),
        "street": st.sampled_from(STREETS),
        "house": st.integers(1, 400),
        "postcode": st.tuples(st.integers(1000, 9999), st.sampled_from(["AB", "KL", "RT", "ZX", "BC"])),
        "mother": st.sampled_from(GIVEN),
        "contact": st.tuples(st.sampled_from(GIVEN), st.sampled_from(FAMILY)),
        "date_format": st.sampled_from(range(len(FORMATS))),
    }
)


def words(name: str) -> list[str]:
    return [w for w in name.split() if w.lower() not in _PARTICLES]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_pseudonymised_prints_leak_nothing(sqlite_store, data):
    store = sqlite_store
    if not hasattr(store, "_leak_test"):
        actors = make_actors(store)
        sid = experttafel.plan_session(
            uow=store.uow(),
            actor=actors[Role.CHAIR],
            data=experttafel.SessionInput(
                held_on=TODAY + timedelta(days=7), start_time="09:00", chair="Ineke Bos"
            ),
        )
        store._leak_test = (actors, sid, demo_bsns())
    actors, sid, bsns = store._leak_test
    y = data.draw(youths)
    bsn = next(bsns)
    postcode = f"{y['postcode'][0]} {y['postcode'][1]}"
    address = f"{y['street']} {y['house']}"
    mother = f"{y['mother']} {y['family']}"
    contact = " ".join(y["contact"])
    written = FORMATS[y["date_format"]](y["birth"])
    spaced_bsn = f"{bsn[:4]} {bsn[4:6]} {bsn[6:]}"
    question = (
        f"{y['given']} {y['family']} (BSN {spaced_bsn}, geboren {written}) woont op {address}, "
        f"{postcode.replace(' ', '')}. Moeder {mother} en {contact} vragen hulp."
    )
    number = intake.register_referral(
        uow=store.uow(),
        actor=actors[Role.COORDINATOR],
        draft=draft(
            given_name=y["given"],
            family_name=y["family"],
            birth_date=y["birth"],
            bsn=bsn,
            address=address,
            postcode=postcode,
            residence="Assen",
            referrer_contact=contact,
            family=(FamilyMemberDraft(mother, "moeder", True),),
            help_question=question,
            route="experttafel",
        ),
    ).number
    agenda.add_to_agenda(
        uow=store.uow(),
        actor=actors[Role.CHAIR],
        session_id=sid,
        number=number,
        data=agenda.AgendaInput(question=f"Past een gezinshuis bij {y['given']}? Zie {written}."),
    )
    chair = actors[Role.CHAIR]
    summary = flat(
        printing.case_summary_pdf(uow=store.uow(), actor=chair, number=number, pseudonymised=True).pdf
    )
    agenda_text = flat(printing.agenda_pdf(uow=store.uow(), actor=chair, session_id=sid).pdf)
    assert number in summary and number in agenda_text  # the check reads the right documents
    for text in (summary, agenda_text):
        lowered = text.lower()
        for name in [*words(y["given"]), *words(y["family"]), *words(mother), *words(contact)]:
            assert not re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", lowered), name
        assert bsn not in re.sub(r"\s", "", text)
        assert address.lower() not in lowered and postcode.lower() not in lowered
        assert postcode.replace(" ", "").lower() not in lowered
        for fmt in FORMATS:
            assert fmt(y["birth"]).lower() not in lowered, fmt(y["birth"])
