"""PostgreSQL that really checks passwords, for the role tests (issue 10 §2).

pytest-postgresql starts its cluster with `trust`: any password is accepted. `scram_hosts`
puts rules in front of the cluster's pg_hba.conf so that host connections of every role
but the cluster's superuser (which the other tests and the janitor use) need their
SCRAM-SHA-256 password, reloads, and puts the file back afterwards. The cluster is shared
by the whole test run, so the switch lasts one test only.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg


def _probe_refused(host: str, port: int, dbname: str) -> bool:
    try:
        psycopg.connect(host=host, port=port, dbname=dbname, user="ret_u_probe", password="x").close()
    except psycopg.OperationalError as exc:
        return "password authentication failed" in str(exc)
    return False


def _reload(proc, dbname: str) -> None:  # noqa: ANN001
    with psycopg.connect(host=proc.host, port=proc.port, dbname=dbname, user=proc.user, autocommit=True) as c:
        c.execute("SELECT pg_reload_conf()")


@contextmanager
def scram_hosts(proc, dbname: str) -> Iterator[None]:  # noqa: ANN001
    """Within the block, host logins other than the superuser's need their password."""
    hba = Path(proc.datadir) / "pg_hba.conf"
    original = hba.read_text()
    rules = f"host all {proc.user} all trust\nhost all all all scram-sha-256\n"
    hba.write_text(rules + original)
    try:
        _reload(proc, dbname)
        deadline = time.monotonic() + 10
        while not _probe_refused(proc.host, proc.port, dbname):
            if time.monotonic() > deadline:
                raise RuntimeError("pg_hba.conf with scram-sha-256 did not take effect")
            time.sleep(0.05)
        yield
    finally:
        hba.write_text(original)
        _reload(proc, dbname)
