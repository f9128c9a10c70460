"""The row parser under hypothesis: a bad row never raises, it is reported."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ret_desk.services.cases.import_rows import COLUMNS, parse_row

MUNICIPALITIES = {"GM0106": "GM0106", "assen": "GM0106"}
cell = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.dates())


@settings(max_examples=300)
@given(st.fixed_dictionaries({c: cell for c in COLUMNS}))
def test_any_row_gives_a_draft_or_errors_never_an_exception(values):
    draft, errors = parse_row(5, values, MUNICIPALITIES)
    assert (draft is None) == bool(errors)
    for error in errors:
        assert error.row == 5 and error.column in COLUMNS and error.reason


def test_dutch_and_iso_dates_and_names():
    values = dict.fromkeys(COLUMNS, "")
    values.update(
        aanmelddatum="01-11-2026", geboortedatum="2012-03-04", gemeente="Assen", verwijzer_type="toegang",
        gva_triggers="1, 5", doelgroepen="5", gva_aanwezig="nee", interventieniveau="6",
    )  # fmt: skip
    draft, errors = parse_row(2, values, MUNICIPALITIES)
    assert errors == []
    assert draft.municipality_code == "GM0106" and draft.referral_date.day == 1
    assert sorted(draft.gva_triggers) == [1, 5] and int(draft.intervention_level) == 6


def test_out_of_range_numbers_are_reported():
    values = dict.fromkeys(COLUMNS, "")
    values.update(aanmelddatum="01-11-2026", geboortedatum="2012-03-04", gemeente="GM0106",
                  verwijzer_type="gi", gva_triggers="8", doelgroepen="0", interventieniveau="9")  # fmt: skip
    _, errors = parse_row(2, values, MUNICIPALITIES)
    assert {e.column for e in errors} == {"gva_triggers", "doelgroepen", "interventieniveau"}
