"""A SQLite file on a network share is refused (UNC, mapped drive, NFS/SMB/CIFS mount), with
a fake mount table: octal escapes, every network type, symlinks and `file:` URIs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ret_desk.db.engine import make_engine
from ret_desk.db.netshare import DRIVE_REMOTE, is_network_path, mount_fs_type
from ret_desk.db.sqlite_url import sqlite_file
from ret_desk.domain.errors import StoreError

MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/nfs nfs4 rw 0 0
//fs01/jeugd /mnt/smb cifs rw 0 0
/dev/sdb1 /mnt/nfs/local ext4 rw 0 0
//fs02/team /media/Gedeelde\\040map smb3 rw 0 0
"""


@pytest.mark.parametrize("path", [r"\\fs01\jeugd\ret.sqlite", "//fs01/jeugd/ret.sqlite"])
def test_unc_paths_are_network_paths(path):
    assert is_network_path(path, platform="win32", drive_type=lambda _: 3)
    assert is_network_path(path, platform="linux", mounts_text="")


def test_mapped_network_drive_is_refused_local_drive_is_not():
    assert is_network_path(r"Z:\ret.sqlite", platform="win32", drive_type=lambda root: DRIVE_REMOTE)
    assert not is_network_path(r"C:\ret.sqlite", platform="win32", drive_type=lambda root: 3)


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/mnt/nfs/ret.sqlite", True),
        ("/mnt/smb/a/b/ret.sqlite", True),
        ("/media/Gedeelde map/ret.sqlite", True),
        ("/mnt/nfs/local/ret.sqlite", False),  # a local disk mounted inside the share
        ("/home/coordinator/ret.sqlite", False),
        ("/mnt/nfsx/ret.sqlite", False),  # prefix of a name is not a parent folder
    ],
)
def test_unix_mount_types(path, network):
    assert is_network_path(path, platform="linux", mounts_text=MOUNTS) is network


def test_engine_refuses_a_unc_store_and_points_to_postgresql():
    with pytest.raises(StoreError, match="PostgreSQL"):
        make_engine(r"sqlite:///\\fs01\jeugd\ret.sqlite")


def test_unknown_backend_is_refused_in_dutch():
    with pytest.raises(StoreError, match="niet ondersteund"):
        make_engine("mysql://x@y/z")


NETWORK_TYPES = [
    ("server:/export", "nfs"),
    ("server:/export", "nfs4"),
    ("//fs01/jeugd", "cifs"),
    ("//fs01/jeugd", "smb3"),
    ("//fs01/jeugd", "smbfs"),
    ("AFS", "afs"),
    ("10.0.0.1:/", "ceph"),
    ("gluster:/vol", "glusterfs"),
    ("https://dav.example.nl/jeugd", "fuse"),  # davfs2
    ("gvfsd-fuse", "fuse.gvfsd-fuse"),
    ("anne@server:/data", "fuse.sshfs"),
    ("https://dav.example.nl/jeugd", "fuse.davfs"),
    ("gdrive:", "fuse.rclone"),
    ("hostshare", "9p"),
    ("anne@server:/data", "fuse.somethingnew"),  # an unknown FUSE type that names a server
]
LOCAL_TYPES = [
    ("/dev/sda2", "ext4"),
    ("/dev/sda3", "btrfs"),
    ("/dev/sda4", "xfs"),
    ("tmpfs", "tmpfs"),
    ("overlay", "overlay"),
    ("rpool/home", "zfs"),
    ("/dev/sdc1", "fuseblk"),  # ntfs-3g, exfat on a USB disk
    ("/dev/sdc1", "vfat"),
    ("portal", "fuse.portal"),
    ("/home/anne/.geheim", "fuse.gocryptfs"),
]


def _table(source: str, fs_type: str, point: str = "/srv/opslag") -> str:
    return f"/dev/sda1 / ext4 rw 0 0\n{source} {point} {fs_type} rw 0 0\n"


@pytest.mark.parametrize(("source", "fs_type"), NETWORK_TYPES)
def test_network_file_systems_are_refused(source, fs_type):
    assert is_network_path("/srv/opslag/ret.sqlite", mounts_text=_table(source, fs_type), platform="linux")


@pytest.mark.parametrize(("source", "fs_type"), LOCAL_TYPES)
def test_local_file_systems_are_not(source, fs_type):
    assert not is_network_path(
        "/srv/opslag/ret.sqlite", mounts_text=_table(source, fs_type), platform="linux"
    )


@pytest.mark.parametrize(
    ("escaped", "path"),
    [
        (r"/media/Gedeelde\040map", "/media/Gedeelde map"),
        (r"/media/caf\303\251", "/media/café"),  # UTF-8 bytes escaped one by one
        ("/media/café", "/media/café"),  # UTF-8 as it is
        (r"/media/Jeugd\040\303\251\303\251n\011twee", "/media/Jeugd één\ttwee"),
        (r"/media/back\134slash", "/media/back\\slash"),
    ],
)
def test_escaped_and_non_ascii_mount_points(escaped, path):
    text = f"/dev/sda1 / ext4 rw 0 0\n//fs01/jeugd {escaped} cifs rw 0 0\n"
    assert mount_fs_type(path + "/ret.sqlite", text) == "cifs"
    assert mount_fs_type(path + "/ret.sqlite", text.encode()) == "cifs"  # as bytes, like /proc/mounts
    assert is_network_path(path + "/ret.sqlite", mounts_text=text, platform="linux")


def test_mount_point_that_is_not_utf8_is_still_matched():
    text = b"/dev/sda1 / ext4 rw 0 0\n//fs01/x /media/caf\\351 cifs rw 0 0\n"  # latin-1 e-acute
    assert is_network_path(os.fsdecode(b"/media/caf\xe9/ret.sqlite"), mounts_text=text, platform="linux")


def test_the_mount_on_top_counts():
    nfs_over_local = "/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /srv ext4 rw 0 0\nsrv:/x /srv nfs4 rw 0 0\n"
    local_over_nfs = "/dev/sda1 / ext4 rw 0 0\nsrv:/x /srv nfs4 rw 0 0\n/dev/sdb1 /srv ext4 rw 0 0\n"
    assert is_network_path("/srv/ret.sqlite", mounts_text=nfs_over_local, platform="linux")
    assert not is_network_path("/srv/ret.sqlite", mounts_text=local_over_nfs, platform="linux")


@pytest.fixture
def share(tmp_path):
    """A real folder `share` that the fake mount table calls NFS, next to a local one."""
    root = Path(os.path.realpath(tmp_path))
    (root / "share").mkdir()
    (root / "local").mkdir()
    return root, f"/dev/sda1 / ext4 rw 0 0\nsrv:/jeugd {root / 'share'} nfs4 rw 0 0\n"


def test_symlinks_into_a_share_are_followed(share):
    root, table = share
    (root / "local" / "link").symlink_to(root / "share")
    (root / "local" / "ret.sqlite").symlink_to(root / "share" / "ret.sqlite")  # dangling: not made yet
    for path in ("link/ret.sqlite", "link/nieuw/map/ret.sqlite", "ret.sqlite"):
        assert is_network_path(str(root / "local" / path), mounts_text=table, platform="linux"), path
    assert is_network_path(str(root / "local" / ".." / "share" / "x.sqlite"), mounts_text=table)
    assert not is_network_path(str(root / "local" / "echt.sqlite"), mounts_text=table, platform="linux")


def test_symlink_out_of_a_share_is_local(share):
    root, table = share
    (root / "share" / "naar-lokaal").symlink_to(root / "local")
    assert not is_network_path(str(root / "share" / "naar-lokaal" / "ret.sqlite"), mounts_text=table)


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("sqlite:////srv/ret.sqlite", "/srv/ret.sqlite"),
        ("sqlite:///file:/srv/ret.sqlite?mode=rwc&uri=true", "/srv/ret.sqlite"),
        ("sqlite:///file:///srv/ret.sqlite?uri=true", "/srv/ret.sqlite"),
        ("sqlite:///file://localhost/srv/ret.sqlite?uri=true", "/srv/ret.sqlite"),
        ("sqlite:///FILE:/srv/Gedeelde%20map/caf%C3%A9.sqlite?uri=1", "/srv/Gedeelde map/café.sqlite"),
        ("sqlite:///file:/srv/ret.sqlite?cache=shared&uri=yes", "/srv/ret.sqlite"),
        ("sqlite:///file://fs01/jeugd/ret.sqlite?uri=true", "//fs01/jeugd/ret.sqlite"),
        ("sqlite:///file:/srv/ret.sqlite?mode=memory&uri=true", None),
        ("sqlite:///file::memory:?uri=true", None),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
    ],
)
def test_the_file_behind_a_url(url, file):
    assert sqlite_file(url) == file


def test_without_uri_true_a_file_name_is_just_a_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert sqlite_file("sqlite:///file:/srv/ret.sqlite") == os.path.join(os.getcwd(), "file:/srv/ret.sqlite")


def test_windows_file_uri_with_a_drive():
    assert sqlite_file("sqlite:///file:///Z:/jeugd/ret.sqlite?uri=true", windows=True).endswith(
        "Z:/jeugd/ret.sqlite"
    )


@pytest.mark.parametrize(
    ("path", "network"),
    [(r"\\?\UNC\fs01\jeugd\ret.sqlite", True), (r"\\?\C:\ret.sqlite", False), (r"\\?\Z:\ret.sqlite", True)],
)
def test_windows_long_paths(path, network):
    probe = {"C:\\": 3, "Z:\\": DRIVE_REMOTE}.__getitem__
    assert is_network_path(path, platform="win32", drive_type=probe) is network
