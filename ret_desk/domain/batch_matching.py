"""The batch proposal: all open requests against all free places at once, as an
assignment problem (scipy's linear_sum_assignment) rather than first come, first served.

Each free place is one column; a request's value for a place is its match score, weighed
by urgency, so that where places are scarce the crisis request gets one first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from ret_desk.domain.enums import Urgency
from ret_desk.domain.matching import OfferTable, RequestFacts, Weights, evaluate, order

#: Only a request's best offers become columns; the rest could not win anyway.
TOP_K = 25
_INFEASIBLE = 1e9


@dataclass(frozen=True, slots=True)
class Proposal:
    request_index: int
    offer_index: int
    score: float
    rank: int  # the offer's rank in that request's own list


def urgency_factor(urgency: Urgency, weights: Weights) -> float:
    return {Urgency.CRISIS: weights.urgency_crisis, Urgency.HIGH: weights.urgency_high}.get(urgency, 1.0)


def propose(
    requests: Sequence[tuple[RequestFacts, Urgency]], table: OfferTable, weights: Weights, top_k: int = TOP_K
) -> list[Proposal]:
    """One proposed offer per request where any fits, maximising the urgency-weighted total."""
    shortlists: list[tuple[np.ndarray, np.ndarray, dict[int, int]]] = []
    for facts, _ in requests:
        ev = evaluate(facts, table, weights)
        ranked = order(ev, table, np.flatnonzero(ev.feasible))
        ranks = {int(i): r for r, i in enumerate(ranked, start=1)}
        shortlists.append((ranked[:top_k], ev.total, ranks))
    offers = sorted({int(i) for ranked, _, _ in shortlists for i in ranked})
    # One column per free place (never more than there are requests).
    columns = [o for o in offers for _ in range(min(int(table.free[o]), len(requests)))]
    if not columns:
        return []
    column_of = {}
    for c, o in enumerate(columns):
        column_of.setdefault(o, []).append(c)
    cost = np.full((len(requests), len(columns)), _INFEASIBLE)
    for r, ((_facts, urgency), (ranked, total, _)) in enumerate(zip(requests, shortlists, strict=True)):
        factor = urgency_factor(urgency, weights)
        for o in ranked:
            cost[r, column_of[int(o)]] = -factor * total[o]
    rows, cols = linear_sum_assignment(cost)
    proposals = [
        Proposal(
            int(r), columns[c], round(float(shortlists[r][1][columns[c]]), 2), shortlists[r][2][columns[c]]
        )
        for r, c in zip(rows, cols, strict=True)
        if cost[r, c] < _INFEASIBLE
    ]
    return sorted(proposals, key=lambda p: p.request_index)
