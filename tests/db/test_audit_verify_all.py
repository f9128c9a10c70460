"""`ret-desk audit verify --alle` on both stores (issue 10 §3): after one break the check
goes on, re-anchored on the broken event's stored chain value, and names every break, each
as the plain command names the first; exit 1 if any. The plain command still stops at the
first."""

# ruff: noqa: F811 (the fixtures come from test_audit_chain)

from __future__ import annotations

from sqlalchemy import text

from tests.db.test_audit_chain import _rows, cli, raw  # noqa: F401 - fixtures


def _verify_all(cli) -> tuple[int, list[str]]:  # noqa: ANN001
    code, out, err = cli("--user", "ad", "audit", "verify", "--alle")
    assert "Traceback" not in out + err
    return code, (out + err).strip().splitlines()


def test_every_break_is_listed_not_only_the_first(cli, raw):
    rows = _rows(raw)
    assert len(rows) >= 7
    first, second, deleted = rows[1], rows[3], rows[5]
    with raw.begin() as conn:  # three acts of tampering, far apart
        for victim in (first, second):
            conn.execute(text("UPDATE audit_event SET detail = 'niets' WHERE id = :id"), {"id": victim.id})
        conn.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": deleted.id})

    # The plain command names the first break only, as before
    code, out, _ = cli("--user", "ad", "audit", "verify")
    assert code == 1 and out.strip().startswith(
        f"logboek NIET intact: eerste breuk bij gebeurtenis {first.id} van "
    )
    assert out.count("breuk bij") == 1

    # --alle names all three, each as the first one is named
    code, lines = _verify_all(cli)
    assert code == 1
    assert lines[0] == "logboek NIET intact: 3 breuken"
    assert len(lines) == 4 and all(line.startswith("breuk bij gebeurtenis ") for line in lines[1:])
    assert f"gebeurtenis {first.id} van " in lines[1] and "inhoud is gewijzigd" in lines[1]
    assert f"gebeurtenis {second.id} van " in lines[2] and "inhoud is gewijzigd" in lines[2]
    assert f"gebeurtenis {rows[6].id} van " in lines[3] and f"(schakel {deleted.chain_seq})" in lines[3]
    assert "verwijderd" in lines[3]


def test_one_break_reads_in_the_singular_and_an_intact_log_as_the_plain_command(cli, raw):
    code, lines = _verify_all(cli)
    assert code == 0 and len(lines) == 1 and lines[0].startswith("logboek intact: ")
    victim = _rows(raw)[4]
    with raw.begin() as conn:
        conn.execute(text("UPDATE audit_event SET detail = 'niets' WHERE id = :id"), {"id": victim.id})
    code, lines = _verify_all(cli)
    assert code == 1 and lines[0] == "logboek NIET intact: 1 breuk"
    assert len(lines) == 2 and lines[1].startswith(f"breuk bij gebeurtenis {victim.id} van ")
