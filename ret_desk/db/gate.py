"""The gate for failed logins on PostgreSQL (issue 10 §2).

PostgreSQL refuses a wrong password before any RET Desk code runs, so the failed attempt
is recorded through a minimal gate login that may only call one SECURITY DEFINER
function. Until that gate is built (branch t10-serveraudit) this records nothing.
"""

from __future__ import annotations


def record_failed_login(url: str, username: str, workstation: str) -> None:
    """Record a refused login for `username` on the PostgreSQL server at `url`
    (host, port and database of the URL; never its user or password)."""
    return None
