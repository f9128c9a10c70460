"""The RST rules: what a deployment needs, how hours are read, and the figures per case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ret_desk.domain.errors import FieldError, InvalidInput
from ret_desk.domain.rst import (
    Deployment,
    Discipline,
    Place,
    Prevented,
    figures,
    figures_line,
    from_json,
    make_deployment,
    parse_day,
    parse_hours,
)

TODAY = date(2026, 11, 23)


def valid(**changes) -> Deployment:
    values = {"discipline": "ggz", "where": "thuis", "on": TODAY, "hours": "2", "today": TODAY}
    return make_deployment(**(values | changes))


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("1,5", 90),
        ("1.5", 90),
        ("2", 120),
        (" 0,25 ", 15),
        ("24", 1440),
        (1.5, 90),
        ("0.5", 30),
        ("1,33", 80),
    ],
)
def test_hours_with_a_comma_or_a_point(typed, minutes):
    assert parse_hours(typed) == minutes


@pytest.mark.parametrize("typed", ["0", "0,0", "0.001", "-1", "24,5", "25", "", "twee", "1,5 uur", "1.2.3"])
def test_hours_that_are_refused(typed):
    with pytest.raises(FieldError) as caught:
        parse_hours(typed)
    assert caught.value.field == "hours" and caught.value.message


@given(st.integers(min_value=1, max_value=24 * 60))
def test_whole_minutes_round_trip_through_dutch_hours(minutes):
    typed = f"{minutes / 60:.4f}".replace(".", ",")
    assert abs(parse_hours(typed) - minutes) <= 1


@given(st.decimals(min_value="24.01", max_value="10000", places=2))
def test_more_than_a_day_is_never_one_deployment(hours):
    with pytest.raises(FieldError, match="hoogstens 24 uur"):
        parse_hours(str(hours))


def test_dates_in_both_ways():
    assert parse_day("2026-11-20") == parse_day("20-11-2026") == date(2026, 11, 20)
    with pytest.raises(FieldError, match="verplicht"):
        parse_day("")
    with pytest.raises(FieldError, match="Geen datum"):
        parse_day("31-02-2026")


def test_a_valid_deployment_with_defaults():
    d = valid(discipline=" LVB ", where="school", purpose="  Overleg met de mentor ")
    assert (d.discipline, d.where, d.minutes, d.hours) == (Discipline.LVB, Place.SCHOOL, 120, 2.0)
    assert d.purpose == "Overleg met de mentor" and d.placement_prevented is Prevented.UNKNOWN


def test_every_wrong_field_is_named_at_once():
    with pytest.raises(InvalidInput) as caught:
        valid(discipline="tandarts", where="kantoor", on="", hours="0", placement_prevented="misschien")
    messages = {e.field: e.message for e in caught.value.errors}
    assert set(messages) == {"discipline", "where", "date", "hours", "placement_prevented"}
    assert "ggz, lvb, jeugd_opvoedhulp, onderwijs, medisch, anders" in messages["discipline"]
    assert "thuis, school, aanbieder, anders" in messages["where"]
    assert "ja, nee, onbekend" in messages["placement_prevented"]


def test_the_date_is_not_in_the_future():
    assert valid(on=TODAY).on == TODAY
    with pytest.raises(InvalidInput, match="toekomst"):
        valid(on=TODAY + timedelta(days=1))


def test_long_text_is_refused():
    with pytest.raises(InvalidInput, match="hoogstens"):
        valid(outcome="x" * 4001)


def test_labels_are_dutch():
    assert [d.label for d in Discipline] == [
        "GGZ", "LVB", "Jeugd- en opvoedhulp", "Onderwijs", "Medisch", "Anders"
    ]  # fmt: skip
    assert [p.label for p in Place] == ["Thuis", "Op school", "Bij de aanbieder", "Elders"]


def test_figures_per_case():
    deployments = [
        valid(discipline="ggz", hours="1,5", placement_prevented="ja"),
        valid(discipline="onderwijs", hours="2"),
        valid(discipline="ggz", hours="0,75", placement_prevented="nee"),
    ]
    fig = figures(deployments)
    assert (fig.deployments, fig.total_minutes, fig.total_hours, fig.prevented) == (3, 255, 4.25, 1)
    assert fig.per_discipline == {Discipline.GGZ: 2, Discipline.EDUCATION: 1}
    assert list(fig.per_discipline) == [Discipline.GGZ, Discipline.EDUCATION]  # the order of the list


def test_no_deployments_no_hours():
    fig = figures([])
    assert (fig.deployments, fig.total_hours, fig.per_discipline, fig.prevented) == (0, 0, {}, 0)


def test_the_json_section_reads_back_and_sums_up():
    section = {
        "deployments": [
            {"discipline": "lvb", "where": "aanbieder", "date": "2026-11-02", "hours": 1.33,
             "purpose": "Coaching", "outcome": "", "placement_prevented": "nee"},
            {"discipline": "lvb", "where": "thuis", "date": "2026-11-09", "hours": 2,
             "purpose": "", "outcome": "Rust thuis", "placement_prevented": "ja"},
        ],
        "total_hours": 3.33,
    }  # fmt: skip
    deployments = from_json(section)
    assert [(d.on, d.minutes, d.where) for d in deployments] == [
        (date(2026, 11, 2), 80, Place.PROVIDER),
        (date(2026, 11, 9), 120, Place.HOME),
    ]
    assert figures_line(figures(deployments)) == "2 inzetten, 3,33 uur (LVB 2×); plaatsing voorkomen bij 1"
    assert from_json(None) == [] and figures_line(figures(deployments[:1])).startswith("1 inzet, 1,33 uur")
