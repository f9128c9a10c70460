"""Refuse a SQLite file on a network share: SQLite's own authors warn that this corrupts it.

Covers UNC paths, mapped network drives on Windows, and NFS/SMB/CIFS mounts on Unix.
The probes are parameters so that tests can feed a mount table or a drive type.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import PureWindowsPath

NETWORK_FS_TYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "ncpfs", "9p", "fuse.sshfs"}
)
DRIVE_REMOTE = 4  # GetDriveTypeW


def _read_mounts() -> str:
    try:
        with open("/proc/mounts", encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return ""


def _windows_drive_type(root: str) -> int:
    import ctypes  # only reached on Windows

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _unescape_mount(field: str) -> str:
    # /proc/mounts escapes spaces and friends as octal (\040).
    return field.encode().decode("unicode_escape")


def mount_fs_type(path: str, mounts_text: str) -> str | None:
    """The file system type of the mount that holds `path`, from a /proc/mounts text."""
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape_mount(parts[1])
        prefix = point.rstrip("/") + "/"
        if (path == point or path.startswith(prefix) or point == "/") and len(point) > len(best):
            best, best_type = point, parts[2]
    return best_type


def is_network_path(
    path: str,
    *,
    platform: str | None = None,
    mounts_text: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> bool:
    """True when `path` lies on a network share."""
    platform = platform or sys.platform
    if path.startswith(("\\\\", "//")):
        return True  # UNC path, on any platform
    if platform.startswith("win"):
        drive = PureWindowsPath(path).drive
        if drive and len(drive) == 2:
            probe = drive_type or _windows_drive_type
            return probe(drive + "\\") == DRIVE_REMOTE
        return False
    absolute = os.path.abspath(path)
    text = mounts_text if mounts_text is not None else _read_mounts()
    fs_type = mount_fs_type(absolute, text)
    return fs_type is not None and fs_type.lower() in NETWORK_FS_TYPES


NETWORK_SHARE_MESSAGE = (
    "Het opslagbestand {path} staat op een netwerkschijf. SQLite is bedoeld voor één "
    "werkplek; op een netwerkschijf kan het bestand beschadigd raken. Gebruik voor een "
    "gedeelde opslag een PostgreSQL-server (--db postgresql+psycopg://...)."
)
