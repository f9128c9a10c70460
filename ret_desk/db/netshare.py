"""Refuse a SQLite file on a network share: SQLite's own authors warn that this corrupts it.

Covers UNC paths and mapped network drives on Windows, and network mounts on Unix: NFS,
SMB/CIFS, AFS, Ceph, GlusterFS, 9p, and FUSE shares (davfs2 as plain `fuse`, sshfs, gvfs,
rclone, ...). The path is resolved first (symlinks followed, also of the folder of a file
that does not exist yet), so a link into a share is refused like the share itself. The
mount table is read as bytes and its octal escapes (`\\040`, `\\303\\251`) decoded as
bytes, so a mount point with a space or a non-ASCII name is matched. The probes (mount
table, drive type, path resolution) are parameters so that tests can feed fake ones.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import PureWindowsPath
from typing import NamedTuple

NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "afs",
        "openafs",
        "ncpfs",
        "ncp",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "orangefs",
        "pvfs2",
        "coda",
        "davfs",
        "afpfs",
        "sshfs",
        "s3fs",
        "vboxsf",  # a virtual machine's shared folder: the host's disk, same locking trouble
        "vmhgfs",
    }
)
# FUSE file systems: plain `fuse` is davfs2 (and other old-style mounts) and counts as a
# network one; `fuse.<name>` counts when <name> is a known network one or when the source
# names a server (`user@host:/pad`, `https://...`).
NETWORK_FUSE_SUBTYPES = frozenset(
    {
        "sshfs",
        "gvfsd-fuse",
        "gvfs-fuse-daemon",
        "davfs",
        "davfs2",
        "rclone",
        "s3fs",
        "gcsfuse",
        "goofys",
        "curlftpfs",
        "smbnetfs",
        "glusterfs",
        "ceph-fuse",
        "cephfs",
        "juicefs",
        "afpfs",
        "onedriver",
        "vmhgfs-fuse",
        "sshfs-win",
    }
)
_REMOTE_SOURCE = re.compile(r"^([A-Za-z][\w+.-]*://|[^/\s:]+:)")
_OCTAL = re.compile(rb"\\([0-7]{3})")
DRIVE_REMOTE = 4  # GetDriveTypeW


class Mount(NamedTuple):
    source: str
    point: str
    fs_type: str


def _read_mounts() -> bytes:
    try:
        with open("/proc/mounts", "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _windows_drive_type(root: str) -> int:
    import ctypes  # only reached on Windows

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _unescape_mount(field: bytes) -> str:
    """A /proc/mounts field as a path: octal escapes (`\\040`, `\\303\\251`) are bytes,
    decoded together as the file system's encoding (UTF-8), as the kernel wrote them."""
    return os.fsdecode(_OCTAL.sub(lambda m: bytes([int(m.group(1), 8) & 0xFF]), field))


def parse_mounts(mounts_text: str | bytes) -> list[Mount]:
    """The lines of a /proc/mounts text, in order (a later mount on the same point hides
    an earlier one)."""
    raw = os.fsencode(mounts_text) if isinstance(mounts_text, str) else mounts_text
    mounts = []
    for line in raw.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            source, point, fs_type = (_unescape_mount(p) for p in parts[:3])
            mounts.append(Mount(source, point, fs_type))
    return mounts


def mount_of(path: str, mounts_text: str | bytes) -> Mount | None:
    """The mount that holds the absolute, resolved `path`: the longest mount point above
    it, and of equal ones the last (the one on top)."""
    best: Mount | None = None
    for mount in parse_mounts(mounts_text):
        point = mount.point
        holds = path == point or path.startswith(point.rstrip("/") + "/") or point == "/"
        if holds and (best is None or len(point) >= len(best.point)):
            best = mount
    return best


def mount_fs_type(path: str, mounts_text: str | bytes) -> str | None:
    """The file system type of the mount that holds `path`, from a /proc/mounts text."""
    mount = mount_of(path, mounts_text)
    return mount.fs_type if mount is not None else None


def is_network_mount(mount: Mount) -> bool:
    fs_type = mount.fs_type.lower()
    if fs_type in NETWORK_FS_TYPES or fs_type == "fuse":
        return True
    if fs_type.startswith("fuse."):
        return fs_type[5:] in NETWORK_FUSE_SUBTYPES or bool(_REMOTE_SOURCE.match(mount.source))
    return False


def _is_unc(path: str) -> bool:
    if not path.startswith(("\\\\", "//")):
        return False
    # \\?\C:\... and \\.\C:\... are local device paths on Windows; \\?\UNC\... is a share.
    device = path[2:4] in ("?\\", ".\\", "?/", "./")
    return not device or path[4:8].upper() in ("UNC\\", "UNC/")


def is_network_path(
    path: str,
    *,
    platform: str | None = None,
    mounts_text: str | bytes | None = None,
    drive_type: Callable[[str], int] | None = None,
    resolve: Callable[[str], str] | None = None,
) -> bool:
    """True when `path` lies on a network share (after following symlinks)."""
    platform = platform or sys.platform
    windows = platform.startswith("win")
    if resolve is None:
        native = windows == sys.platform.startswith("win")
        resolve = os.path.realpath if native else (lambda p: p)
    if _is_unc(path):
        return True  # UNC path, on any platform
    path = resolve(path)  # a link (or a link in a folder above) into a share
    if _is_unc(path):
        return True
    if windows:
        drive = PureWindowsPath(path.removeprefix("\\\\?\\").removeprefix("\\\\.\\")).drive
        if drive and len(drive) == 2:
            probe = drive_type or _windows_drive_type
            return probe(drive + "\\") == DRIVE_REMOTE
        return False
    absolute = os.path.abspath(path)
    # read after resolving: resolving the path mounts an automounted share (autofs)
    text = mounts_text if mounts_text is not None else _read_mounts()
    mount = mount_of(absolute, text)
    return mount is not None and is_network_mount(mount)


NETWORK_SHARE_MESSAGE = (
    "Het opslagbestand {path} staat op een netwerkschijf. SQLite is bedoeld voor één "
    "werkplek; op een netwerkschijf kan het bestand beschadigd raken. Gebruik voor een "
    "gedeelde opslag een PostgreSQL-server (--db postgresql+psycopg://...)."
)


def refusal_message(path: str) -> str:
    """The Dutch refusal, naming where a link leads when `path` is one."""
    shown = path
    if not _is_unc(path):
        real = os.path.realpath(path)
        if real != path:
            shown = f"{path} (verwijst naar {real})"
    return NETWORK_SHARE_MESSAGE.format(path=shown)
