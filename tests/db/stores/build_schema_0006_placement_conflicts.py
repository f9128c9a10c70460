"""Builds schema_0006_placement_conflicts.sqlite: a store at revision 0006 that already breaks
the placement rules migration 0007 adds (issue 10 §1), as concurrent writers left older
stores. All data is fictitious (BSNs 9999…, elfproef).

Built with the code at main before 0007 (commit a6b58e7): Alembic up to 0006, the region and
placement data the app loads at start, and then the rows below in plain SQL:
- youth of 2025-0001: two running placements (refused by the upgrade: staff decide);
- 2025-0002: an open and a newer matched request; 2025-0003: three open requests
  (resolved: the matched one, else the longest waiting, stays open);
- Leefgroep Beilen, residentieel: 3 running placements in 1 place, and -2 free places
  (resolved on the board: free 0, total 3).
2025-0004 is an ordinary case, placed in a foster family.

    python tests/db/stores/build_schema_0006_placement_conflicts.py
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from ret_desk.db import migrate
from ret_desk.db.placement_data import default_placement_data, load_placement_data
from ret_desk.db.region_data import default_region, load_region

TARGET = Path(__file__).with_name("schema_0006_placement_conflicts.sqlite")
NOW = "2025-10-01 09:00:00.000000"
TABLES = ("provider", "location", "location_offer", "youth", "ret_case", "placement_request", "placement")

ROWS = """
INSERT INTO provider (id, name, agb, contact, version) VALUES
  (1, 'Pleegzorg Drenthe', '11000001', '', 1), (2, 'Jeugdzorg Groot', '11000003', '', 1);
INSERT INTO location (id, provider_id, name, agb, address, postcode, municipality, latitude, longitude,
                      siblings_together, scarce, version) VALUES
  (1, 1, 'Pleeggezinnen Assen', '21000001', '', '9401 AA', 'Assen', 52.99, 6.56, TRUE, '', 1),
  (2, 2, 'Leefgroep Beilen', '21000006', '', '9411 AB', 'Midden-Drenthe', 52.86, 6.51, FALSE, '', 1),
  (3, 2, 'Gezinshuis Zuidwolde', '21000007', '', '7921 AC', 'De Wolden', 52.67, 6.43, TRUE, '', 1);
INSERT INTO location_offer (id, location_id, type_code, places_total, places_free, waiting_days, age_min,
                            age_max, gender, specialisms, security, updated_at, updated_by, version) VALUES
  (1, 1, 'pleeggezin', 6, 2, 10, 0, 17, 'alle', '', 'open', '{now}', 'rop', 1),
  (2, 2, 'residentieel', 1, -2, 30, 12, 18, 'alle', '', 'besloten', '{now}', 'rop', 1),
  (3, 3, 'gezinshuis', 4, 1, 20, 4, 18, 'alle', '', 'open', '{now}', 'rop', 1);
INSERT INTO youth (id, family_name, given_name, birth_date, bsn, gender, municipality_id, school, no_school,
                   legal_framework, version) VALUES
  (1, 'Bakker', 'Noor', '2011-03-02', '999990019', 'v', 2, 'OBS De Tweemaster', FALSE, 'vrijwillig', 1),
  (2, 'Mulder', 'Daan', '2010-07-15', '999990020', 'm', 2, 'CSG Vincent van Gogh', FALSE, 'vrijwillig', 1),
  (3, 'Smit', 'Lotte', '2009-11-30', '999990032', 'v', 2, 'Dr. Nassau College', FALSE, 'ots', 1),
  (4, 'Visser', 'Milan', '2012-01-21', '999990044', 'm', 2, 'OBS Het Palet', FALSE, 'vrijwillig', 1);
"""
CASE = (
    "INSERT INTO ret_case (id, number, youth_id, referral_date, referrer_type, referrer_organisation, "
    "referrer_contact, help_question, gva_trigger_mask, gva_present, gva_date, target_group_mask, "
    "family_participation, case_manager, status, current_route, urgency, last_progress_on, future_plan, "
    "created_at, updated_at, version) VALUES ({n}, '2025-000{n}', {n}, '2025-08-01', 'toegang', "
    "'Toegang Assen', '', 'Hulp loopt vast; zoekt passende plek.', 1, TRUE, '2025-08-02', 0, "
    "'kind_en_ouders', 'coord', 'lopend', 'rop', 'normaal', '2025-09-01', FALSE, '{now}', '{now}', 1);"
)
REQUEST = (
    "INSERT INTO placement_request (id, case_id, desired_start, urgency, type_code, rung, "
    "higher_rung_reason, specialisms, security, authorisation, sibling_cases, school_to_keep, "
    "contra_indications, status, waiting_since, created_at, version) VALUES ({id}, {case}, "
    "'2025-10-01', 'hoog', 'pleeggezin', 3, "
    "'Netwerk past niet', '', 'open', FALSE, '', '', '', '{status}', '{since}', '{now}', 1);"
)
PLACEMENT = (
    "INSERT INTO placement (id, case_id, youth_id, request_id, location_id, type_code, rung, started_on, "
    "ended_on, end_reason, distance_km, stopgap, rationale, created_at, version) VALUES ({id}, {case}, "
    "{case}, NULL, {loc}, '{type}', {rung}, '{start}', NULL, NULL, 12.5, FALSE, '', '{now}', 1);"
)


def build_at_0006(engine: Engine) -> None:
    """Schema 0006 with the conflicting rows, on an empty SQLite or PostgreSQL database."""
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    with Session(engine) as session:  # what the app loads at start
        load_region(session, default_region())
        load_placement_data(session, default_placement_data())
        session.commit()
    statements = [s for s in ROWS.format(now=NOW).split(";") if s.strip()]
    statements += [CASE.format(n=n, now=NOW) for n in (1, 2, 3, 4)]
    requests = [(1, 2, "open", "2025-09-01"), (2, 2, "gematcht", "2025-09-20"), (3, 3, "open", "2025-09-03"),
                (4, 3, "open", "2025-09-02"), (5, 3, "open", "2025-09-10")]  # fmt: skip
    statements += [REQUEST.format(id=i, case=c, status=s, since=d, now=NOW) for i, c, s, d in requests]
    placements = [(1, 1, 1, "pleeggezin", 3, "2025-09-01"), (2, 1, 3, "gezinshuis", 5, "2025-09-01"),
                  (3, 2, 2, "residentieel", 6, "2025-09-05"), (4, 3, 2, "residentieel", 6, "2025-09-05"),
                  (5, 4, 2, "residentieel", 6, "2025-09-06"),
                  (6, 4, 1, "pleeggezin", 3, "2025-06-01")]  # fmt: skip
    statements += [
        PLACEMENT.format(id=i, case=c, loc=loc, type=t, rung=r, start=s, now=NOW)
        for i, c, loc, t, r, s in placements
    ]
    # 2025-0004's foster family ended when it moved to Beilen: one running placement
    statements.append("UPDATE placement SET ended_on = '2025-09-06', end_reason = 'capaciteit' WHERE id = 6")
    if engine.dialect.name == "postgresql":  # explicit ids: move the sequences past them
        for table in TABLES:
            statements.append(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def build(target: Path = TARGET) -> Path:
    target.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{target}")
    build_at_0006(engine)
    engine.dispose()
    return target


if __name__ == "__main__":
    print(build())
