"""Matching rules: exclusions with every reason, the ranking, and its properties."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from ret_desk.domain.batch_matching import propose
from ret_desk.domain.enums import Urgency
from ret_desk.domain.geo import distance_km
from ret_desk.domain.matching import Offer, OfferTable, RequestFacts, Weights, rank
from ret_desk.domain.placement import Exclusion, GenderRule, SecurityLevel

ASSEN = (52.9929, 6.5642)
W = Weights()


def offer(id: int = 1, **changes) -> Offer:
    base = dict(
        id=id, location=f"Locatie {id}", location_agb=f"{id:08d}", type_code="pleeggezin", rung=3, free=1,
        waiting_days=10, age_min=0, age_max=18, gender=GenderRule.ALL, specialisms=frozenset({"trauma"}),
        security=SecurityLevel.OPEN, siblings_together=True, lat=ASSEN[0], lon=ASSEN[1], data_age_days=1,
    )  # fmt: skip
    return Offer(**(base | changes))


def request(**changes) -> RequestFacts:
    base = dict(
        type_code="pleeggezin", rung=3, age=12, gender="v", specialisms=frozenset({"trauma"}),
        security=SecurityLevel.OPEN, authorisation=False, siblings=0, max_distance_km=None,
        home_lat=ASSEN[0], home_lon=ASSEN[1],
    )  # fmt: skip
    return RequestFacts(**(base | changes))


def test_an_excluded_offer_carries_every_reason_that_applies():
    bad = offer(
        free=0, rung=2, type_code="netwerkpleeggezin", age_min=14, gender=GenderRule.MALE,
        security=SecurityLevel.OPEN, siblings_together=False, lat=53.2, lon=5.8, closed_type=True,
    )  # fmt: skip
    result = rank(
        request(security=SecurityLevel.SEMI_CLOSED, siblings=1, max_distance_km=20), OfferTable([bad]), W
    )
    assert result.candidates == ()
    assert set(result.excluded[0].reasons) == set(Exclusion)


def test_higher_rungs_are_candidates_at_a_cost_lower_ones_are_excluded():
    table = OfferTable(
        [offer(1, type_code="gezinshuis", rung=5), offer(2), offer(3, type_code="netwerkpleeggezin", rung=2)]
    )
    result = rank(request(), table, W)
    assert [c.offer.id for c in result.candidates] == [2, 1]
    assert (
        result.candidates[0].components["ladder"] == 40.0
        and result.candidates[1].components["ladder"] == 20.0
    )
    assert [(e.offer.id, e.reasons) for e in result.excluded] == [(3, (Exclusion.TYPE,))]


def test_the_score_has_visible_components_that_add_up():
    far = offer(1, lat=53.2194, lon=6.5665, waiting_days=45, data_age_days=21, specialisms=frozenset())
    (candidate,) = rank(request(specialisms=frozenset({"trauma", "lvb"})), OfferTable([far]), W).candidates
    parts = candidate.components
    assert parts["specialisms"] == 0.0 and parts["waiting"] == 5.0 and parts["freshness"] == 2.5
    assert candidate.distance_km == round(distance_km(*ASSEN, 53.2194, 6.5665), 1)
    assert abs(candidate.score - sum(parts.values())) < 0.02


def test_with_all_else_equal_a_shorter_wait_ranks_first_in_any_input_order():
    same = [offer(1, waiting_days=20), offer(2, waiting_days=10)]
    assert [c.offer.id for c in rank(request(), OfferTable(same), W).candidates] == [2, 1]
    assert [c.offer.id for c in rank(request(), OfferTable(same[::-1]), W).candidates] == [2, 1]


def test_batch_gives_the_one_place_to_the_crisis_and_beats_first_come_first_served():
    # One gezinshuis place, one pleeggezin place; the first request fits both, the second only the gezinshuis.
    places = OfferTable([offer(1, type_code="gezinshuis", rung=5), offer(2)])
    first = request()
    second = request(type_code="gezinshuis", rung=5)
    proposals = propose([(first, Urgency.NORMAL), (second, Urgency.NORMAL)], places, W)
    assert [(p.request_index, p.offer_index) for p in proposals] == [(0, 1), (1, 0)]
    # Two requests for one place: the crisis wins even when listed second
    one = OfferTable([offer(1)])
    proposals = propose([(request(), Urgency.NORMAL), (request(), Urgency.CRISIS)], one, W)
    assert [(p.request_index, p.offer_index) for p in proposals] == [(1, 0)]


# -- properties ---------------------------------------------------------------------------

offers_st = st.lists(
    st.builds(
        lambda i, rung, free, wait, amin, span, gender, spec, sec, sib, dlat, dlon, age: offer(
            i,
            rung=rung,
            type_code=f"t{rung}",
            free=free,
            waiting_days=wait,
            age_min=amin,
            age_max=amin + span,
            gender=gender,
            specialisms=frozenset(spec),
            security=sec,
            siblings_together=sib,
            lat=ASSEN[0] + dlat,
            lon=ASSEN[1] + dlon,
            data_age_days=age,
        ),  # fmt: skip
        st.integers(1, 10**6),
        st.integers(1, 7),
        st.integers(0, 3),
        st.integers(0, 200),
        st.integers(0, 12),
        st.integers(0, 10),
        st.sampled_from(list(GenderRule)),
        st.sets(st.sampled_from(["trauma", "lvb", "autisme", "verslaving"])),
        st.sampled_from(list(SecurityLevel)),
        st.booleans(),
        st.floats(-1, 1),
        st.floats(-1, 1),
        st.integers(0, 60),
    ),  # fmt: skip
    max_size=30,
    unique_by=lambda o: o.id,
)
requests_st = st.builds(
    lambda rung, age, gender, spec, sec, auth, sib, maxd: request(
        type_code=f"t{rung}", rung=rung, age=age, gender=gender, specialisms=frozenset(spec), security=sec,
        authorisation=auth, siblings=sib, max_distance_km=maxd,
    ),  # fmt: skip
    st.integers(1, 7), st.integers(0, 22), st.sampled_from(["m", "v", "x"]),
    st.sets(st.sampled_from(["trauma", "lvb", "autisme", "verslaving"])),
    st.sampled_from(list(SecurityLevel)), st.booleans(), st.integers(0, 2),
    st.one_of(st.none(), st.floats(5, 150)),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(requests_st, offers_st)
def test_an_excluded_offer_is_never_ranked(req, offers):
    result = rank(req, OfferTable(offers), W)
    ranked = {c.offer.id for c in result.candidates}
    excluded = {e.offer.id for e in result.excluded}
    assert not ranked & excluded and ranked | excluded == {o.id for o in offers}
    assert all(e.reasons for e in result.excluded)


@settings(max_examples=200, deadline=None)
@given(requests_st, offers_st, st.data())
def test_freeing_a_place_never_removes_a_candidate(req, offers, data):
    if not offers:
        return
    i = data.draw(st.integers(0, len(offers) - 1))
    freed = list(offers)
    freed[i] = replace(freed[i], free=freed[i].free + 1)
    before = {c.offer.id for c in rank(req, OfferTable(offers), W).candidates}
    after = {c.offer.id for c in rank(req, OfferTable(freed), W).candidates}
    assert before <= after


@settings(max_examples=200, deadline=None)
@given(requests_st, offers_st, st.randoms(use_true_random=False))
def test_the_ranking_is_deterministic_whatever_the_input_order(req, offers, rnd):
    shuffled = list(offers)
    rnd.shuffle(shuffled)
    first = [(c.offer.id, c.rank, c.score) for c in rank(req, OfferTable(offers), W).candidates]
    again = [(c.offer.id, c.rank, c.score) for c in rank(req, OfferTable(shuffled), W).candidates]
    assert first == again


@settings(max_examples=200, deadline=None)
@given(requests_st.filter(lambda r: r.rung < 7), st.integers(1, 6))
def test_a_lower_rung_ranks_first_when_all_else_is_equal(req, extra):
    low = offer(
        1, rung=req.rung, type_code="laag", age_min=0, age_max=30, security=SecurityLevel.CLOSED, free=5
    )
    high = replace(low, id=2, rung=min(7, req.rung + extra), type_code="hoog", location_agb="00000000")
    result = rank(replace(req, authorisation=True, max_distance_km=None), OfferTable([high, low]), W)
    assert [c.offer.id for c in result.candidates] == [1, 2]
