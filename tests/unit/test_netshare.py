"""A SQLite file on a network share is refused (UNC, mapped drive, NFS/SMB/CIFS mount)."""

from __future__ import annotations

import pytest

from ret_desk.db.engine import make_engine
from ret_desk.db.netshare import DRIVE_REMOTE, is_network_path
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
