"""The file a SQLite URL really opens, exactly as the driver will be handed it.

SQLAlchemy gives the sqlite3 driver either a plain file name or, with `?uri=true` in the
URL, a SQLite `file:` URI (https://www.sqlite.org/uri.html): `sqlite:///file:/pad/ret.sqlite
?mode=rwc&uri=true`. The network-share refusal and the backups both need the file behind
either form, so this module asks SQLAlchemy's own dialect what it will pass (the two cannot
disagree) and then reads a `file:` URI the way SQLite does: percent-escapes decoded, the
query left off, `mode=memory` and `:memory:` meaning no file at all. A URI with a host
(`file://server/share/ret.sqlite`) is returned as the UNC path `//server/share/ret.sqlite`.
"""

from __future__ import annotations

import os
import re
import sys
from urllib.parse import unquote_to_bytes

from sqlalchemy.engine import URL, make_url

_WINDOWS_DRIVE = re.compile(r"^/[A-Za-z]:")


def sqlite_file(url: str | URL, *, windows: bool | None = None) -> str | None:
    """The file behind a SQLite URL (absolute, symlinks not yet resolved); None for another
    backend or an in-memory or temporary store."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    filename, uri = _driver_filename(parsed)
    if filename in ("", ":memory:"):
        return None
    if (parsed.database or "").startswith(("\\\\", "//")) and not uri:
        return parsed.database  # a UNC path stays one (abspath would glue it to the folder on Unix)
    if uri and filename[:5].lower() == "file:":
        return _file_of_uri(filename, sys.platform.startswith("win") if windows is None else windows)
    return os.path.abspath(filename)


def _driver_filename(parsed: URL) -> tuple[str, bool]:
    """What SQLAlchemy's dialect passes to sqlite3.connect: (filename, uri flag)."""
    try:
        args, kwargs = parsed.get_dialect()().create_connect_args(parsed)
    except Exception:  # noqa: BLE001 - another SQLite driver: read the URL ourselves
        return parsed.database or "", str(parsed.query.get("uri", "")).lower() in ("true", "1", "yes", "on")
    filename = args[0] if args else kwargs.get("database", "")
    return str(filename or ""), bool(kwargs.get("uri", False))


def _decode(text: str) -> str:
    return os.fsdecode(unquote_to_bytes(text))


def _file_of_uri(uri: str, windows: bool) -> str | None:
    """The file a SQLite `file:` URI names, read by SQLite's rules (see the module doc)."""
    rest = uri[5:].split("#", 1)[0]
    rest, _, query = rest.partition("?")
    params = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        params[_decode(key)] = _decode(value)
    if params.get("mode", "").lower() == "memory":
        return None
    host = ""
    if rest.startswith("//"):
        host, slash, remainder = rest[2:].partition("/")
        rest = slash + remainder
        host = _decode(host)
        if host.lower() == "localhost":
            host = ""
    path = _decode(rest)
    if path in ("", ":memory:"):
        return None
    if host:
        return "//" + host + path  # a UNC path: SQLite would open it on the server
    if windows and _WINDOWS_DRIVE.match(path):
        path = path[1:]  # file:///C:/pad -> C:/pad
    return os.path.abspath(path)
