"""The audit chain (issue 10 §3): what an event's digest covers, and how links are made.

Every audit event carries `content_digest` = SHA-256 of its content, and `chain_hash` =
SHA-256(previous chain value + this digest), at position `chain_seq`. The store fills
them at insert, under the row lock of the one `audit_chain_head` row (PostgreSQL: a
BEFORE INSERT trigger in PL/pgSQL; SQLite: an AFTER INSERT trigger calling `ret_sha256`,
which `register_sqlite_functions` adds to every connection of the app's engine). So the
chain follows commit order, also for an insert that does not come from RET Desk.

The content is a canonical text of the event's fields, each written as `N;` (NULL) or
`S<length>:<text>;`, so that no two different events share one text. The digest is kept
after a lawful redaction, so the chain stays verifiable when a destroyed youth's details
are removed from an event.

The migration (0007, `_upgrade_audit_chain`) holds its own frozen copy of these texts.
"""

from __future__ import annotations

import hashlib

GENESIS = "0" * 64
"""The chain value before the first event."""

CONTENT_FIELDS = (
    "id", "at", "actor_account_id", "actor_name", "on_behalf_of", "workstation",
    "youth_id", "case_id", "case_number", "action", "detail",
)  # fmt: skip


def sha256_hex(text: str | None) -> str | None:
    """SHA-256 of `text` (UTF-8) as 64 hex digits; the SQL function `ret_sha256` on SQLite."""
    if text is None:
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link(previous: str, digest: str) -> str:
    """The chain value after an event with `digest`."""
    return hashlib.sha256((previous + digest).encode("utf-8")).hexdigest()


def register_sqlite_functions(dbapi_connection) -> None:  # noqa: ANN001
    """Give a SQLite connection the hash the chain trigger calls."""
    dbapi_connection.create_function("ret_sha256", 1, sha256_hex, deterministic=True)


def _sqlite_field(column: str, alias: str) -> str:
    value = f"CAST({alias}.{column} AS TEXT)"
    present = f"'S' || length({value}) || ':' || {value} || ';'"
    return f"(CASE WHEN {alias}.{column} IS NULL THEN 'N;' ELSE {present} END)"


def sqlite_content(alias: str) -> str:
    """The canonical content of the event row `alias` (SQLite stores `at` as
    'YYYY-MM-DD HH:MM:SS.ffffff', the same text PostgreSQL's `to_char` gives)."""
    return "('v1;' || " + " || ".join(_sqlite_field(c, alias) for c in CONTENT_FIELDS) + ")"


def content_sql(dialect: str, alias: str = "e") -> str:
    """An SQL expression for the canonical content of the event row `alias`."""
    if dialect == "postgresql":
        return f"ret_audit_content({alias})"
    return sqlite_content(alias)
