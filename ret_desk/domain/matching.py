"""Matching child and place (DOMAIN rules 7 to 10): which offers are excluded and why,
and how the rest rank, with the parts of each score visible.

An offer is one placement type at one location. Everything is computed over all offers
at once with numpy, so one request against thousands of locations stays fast, and the
batch proposal (batch_matching.py) uses the very same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from ret_desk.domain.placement import Exclusion, GenderRule, SecurityLevel

EARTH_RADIUS_KM = 6371.0
COMPONENTS = ("ladder", "specialisms", "distance", "waiting", "freshness")


@dataclass(frozen=True, slots=True)
class Weights:
    """The weights and scales of the score; stored as data (match_weight), not in code."""

    ladder: float = 40.0
    specialisms: float = 25.0
    distance: float = 20.0
    waiting: float = 10.0
    freshness: float = 5.0
    rung_step: float = 0.25  # each rung above the requested one costs this share of `ladder`
    distance_scale_km: float = 100.0
    waiting_scale_days: float = 90.0
    stale_days: float = 14.0
    urgency_crisis: float = 3.0  # batch: how much more an urgent request weighs
    urgency_high: float = 2.0

    @classmethod
    def from_mapping(cls, values: dict[str, float]) -> Weights:
        known = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in values.items() if k in known})


@dataclass(frozen=True, slots=True)
class RequestFacts:
    type_code: str
    rung: int | None  # None: an off-ladder type (crisis, logeren)
    age: int
    gender: str  # m, v, x, o
    specialisms: frozenset[str]
    security: SecurityLevel
    authorisation: bool
    siblings: int  # other children to place together with this one
    max_distance_km: float | None
    home_lat: float
    home_lon: float


@dataclass(frozen=True, slots=True)
class Offer:
    id: int
    location: str
    location_agb: str
    type_code: str
    rung: int | None
    free: int
    waiting_days: int
    age_min: int
    age_max: int
    gender: GenderRule
    specialisms: frozenset[str]
    security: SecurityLevel
    siblings_together: bool
    lat: float
    lon: float
    data_age_days: int
    closed_type: bool = False  # the type itself is closed youth care (needs a machtiging)


class OfferTable:
    """Offers as columns of numbers, built once per matching run."""

    def __init__(self, offers: Sequence[Offer]) -> None:
        self.offers = list(offers)
        n = len(self.offers)
        self.vocabulary = {
            s: i for i, s in enumerate(sorted({s for o in self.offers for s in o.specialisms}))
        }
        self.specialisms = np.zeros((n, max(1, len(self.vocabulary))), dtype=bool)
        for row, offer in enumerate(self.offers):
            for s in offer.specialisms:
                self.specialisms[row, self.vocabulary[s]] = True
        column = lambda get, dtype=float: np.array([get(o) for o in self.offers], dtype=dtype)  # noqa: E731
        self.rung = column(lambda o: -1 if o.rung is None else o.rung, int)
        self.type_code = np.array([o.type_code for o in self.offers], dtype=object)
        self.free = column(lambda o: o.free, int)
        self.waiting = column(lambda o: o.waiting_days)
        self.age_min = column(lambda o: o.age_min, int)
        self.age_max = column(lambda o: o.age_max, int)
        self.gender = np.array([o.gender.value for o in self.offers], dtype=object)
        self.security = column(lambda o: o.security.rank, int)
        self.siblings_together = column(lambda o: o.siblings_together, bool)
        self.closed = column(lambda o: o.closed_type or o.security is SecurityLevel.CLOSED, bool)
        self.lat = np.radians(column(lambda o: o.lat))
        self.lon = np.radians(column(lambda o: o.lon))
        self.data_age = column(lambda o: o.data_age_days)
        self.agb = np.array([o.location_agb for o in self.offers], dtype=object)

    def __len__(self) -> int:
        return len(self.offers)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Per offer: the exclusions that apply, the score parts, and the facts the ranking uses."""

    exclusions: dict[Exclusion, np.ndarray]
    feasible: np.ndarray
    components: dict[str, np.ndarray]
    total: np.ndarray
    distance_km: np.ndarray
    covered: np.ndarray


def distances_km(table: OfferTable, lat: float, lon: float) -> np.ndarray:
    """Haversine distance from (lat, lon) to every offer, in km."""
    p1, l1 = np.radians(lat), np.radians(lon)
    a = np.sin((table.lat - p1) / 2) ** 2 + np.cos(p1) * np.cos(table.lat) * np.sin((table.lon - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def evaluate(request: RequestFacts, table: OfferTable, weights: Weights) -> Evaluation:
    distance = distances_km(table, request.home_lat, request.home_lon)
    if request.rung is None:
        wrong_type = table.type_code != request.type_code
        rung_above = np.zeros(len(table))
    else:
        wrong_type = (table.rung < 0) | (table.rung < request.rung)
        rung_above = np.maximum(table.rung - request.rung, 0)
    # Same rule as GenderRule.admits, over all offers at once.
    gender_ok = (table.gender == GenderRule.ALL.value) | (table.gender == request.gender)
    exclusions = {
        Exclusion.NO_CAPACITY: table.free <= 0,
        Exclusion.TYPE: wrong_type,
        Exclusion.AGE: (request.age < table.age_min) | (request.age > table.age_max),
        Exclusion.GENDER: ~gender_ok,
        Exclusion.SECURITY: table.security < request.security.rank,
        Exclusion.NO_AUTHORISATION: table.closed & (not request.authorisation),
        Exclusion.SIBLINGS: (
            (~table.siblings_together) | (table.free < request.siblings + 1)
            if request.siblings
            else np.zeros(len(table), dtype=bool)
        ),
        Exclusion.DISTANCE: (
            distance > request.max_distance_km
            if request.max_distance_km is not None
            else np.zeros(len(table), dtype=bool)
        ),
    }
    feasible = ~np.logical_or.reduce(list(exclusions.values())) if len(table) else np.zeros(0, dtype=bool)
    needed = [table.vocabulary[s] for s in request.specialisms if s in table.vocabulary]
    covered = table.specialisms[:, needed].sum(axis=1) if needed else np.zeros(len(table), dtype=int)
    coverage = covered / len(request.specialisms) if request.specialisms else np.ones(len(table))
    stale = weights.stale_days
    components = {
        "ladder": weights.ladder * np.maximum(0.0, 1.0 - weights.rung_step * rung_above),
        "specialisms": weights.specialisms * coverage,
        "distance": weights.distance * np.maximum(0.0, 1.0 - distance / weights.distance_scale_km),
        "waiting": weights.waiting * np.maximum(0.0, 1.0 - table.waiting / weights.waiting_scale_days),
        "freshness": weights.freshness * np.clip(1.0 - (table.data_age - stale) / stale, 0.0, 1.0),
    }
    total = np.round(sum(components.values()), 6)  # rounded, so equal parts give equal totals
    return Evaluation(exclusions, feasible, components, total, distance, covered)


def order(evaluation: Evaluation, table: OfferTable, indices: np.ndarray) -> np.ndarray:
    """`indices` sorted best first: score, then lower rung, more specialisms covered,
    shorter distance, shorter wait, and finally AGB and type, so the order is total."""
    if not len(indices):
        return indices
    keys = (
        table.type_code[indices].astype(str),
        table.agb[indices].astype(str),
        table.waiting[indices],
        evaluation.distance_km[indices],
        -evaluation.covered[indices],
        table.rung[indices],
        -evaluation.total[indices],
    )
    return indices[np.lexsort(keys)]


@dataclass(frozen=True, slots=True)
class Candidate:
    offer: Offer
    rank: int
    score: float
    components: dict[str, float]
    distance_km: float


@dataclass(frozen=True, slots=True)
class Excluded:
    offer: Offer
    reasons: tuple[Exclusion, ...]
    distance_km: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    candidates: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...]


def rank(request: RequestFacts, table: OfferTable, weights: Weights) -> MatchResult:
    """Every offer, either ranked (best first) or excluded with every reason that applies."""
    ev = evaluate(request, table, weights)
    ranked = order(ev, table, np.flatnonzero(ev.feasible)).tolist()
    # Plain Python lists first: per-element numpy access is slow over thousands of offers.
    total, distance = ev.total.tolist(), np.round(ev.distance_km, 1).tolist()
    parts = {name: np.round(ev.components[name], 2).tolist() for name in COMPONENTS}
    candidates = tuple(
        Candidate(
            offer=table.offers[i],
            rank=position,
            score=round(total[i], 2),
            components={name: parts[name][i] for name in COMPONENTS},
            distance_km=distance[i],
        )
        for position, i in enumerate(ranked, start=1)
    )
    codes = list(Exclusion)
    # Each offer's reasons as one bit pattern; the few patterns that occur become tuples once.
    bits = sum(ev.exclusions[code].astype(np.int64) << n for n, code in enumerate(codes))
    patterns: dict[int, tuple[Exclusion, ...]] = {}
    excluded_rows = np.flatnonzero(~ev.feasible).tolist()
    masks = np.asarray(bits)[excluded_rows].tolist() if excluded_rows else []
    for mask in set(masks):
        patterns[mask] = tuple(code for n, code in enumerate(codes) if mask >> n & 1)
    excluded = tuple(
        Excluded(offer=table.offers[i], reasons=patterns[mask], distance_km=distance[i])
        for i, mask in zip(excluded_rows, masks, strict=True)
    )
    return MatchResult(candidates, excluded)
