"""`ret-desk --db sqlite:///... db upgrade` refuses every kind of network path (issue 11 §5)
through the real store opening, with a fake mount table in place of /proc/mounts: the
Dutch message, exit 1, no traceback, and nothing created on the share or at the link."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from ret_desk.cli import main
from ret_desk.db import netshare
from ret_desk.db.engine import make_engine
from ret_desk.domain.errors import StoreError

NON_ASCII = "Gedeelde schijf café"


class Layout:
    """tmp/share (a network mount in the fake table, one per case), tmp/local (ext4)."""

    def __init__(self, root: Path, source: str, fs_type: str, point: str = "share") -> None:
        self.root = root
        self.share = root / point
        self.share.mkdir(parents=True)
        (root / "local").mkdir()
        escaped = os.fsencode(str(self.share)).replace(b" ", b"\\040")
        escaped = b"".join(b"\\%03o" % c if c > 127 else bytes([c]) for c in escaped)
        self.table = (
            b"/dev/sda1 / ext4 rw 0 0\n" + f"{source} ".encode() + escaped + f" {fs_type} rw 0 0\n".encode()
        )

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.name != "link" and not p.is_symlink())


def _symlink_dir(lay: Layout) -> str:
    (lay.root / "local" / "link").symlink_to(lay.share)
    return f"sqlite:///{lay.root}/local/link/ret.sqlite"


def _symlink_file(lay: Layout) -> str:
    (lay.root / "local" / "ret.sqlite").symlink_to(lay.share / "ret.sqlite")  # dangling
    return f"sqlite:///{lay.root}/local/ret.sqlite"


def _file_uri(lay: Layout) -> str:
    return f"sqlite:///file:{quote(str(lay.share))}/ret.sqlite?mode=rwc&uri=true"


def _in_share(lay: Layout) -> str:
    return f"sqlite:///{lay.share}/ret.sqlite"


def _gvfs(lay: Layout) -> str:
    return f"sqlite:///{lay.share}/smb-share:server=fs01,share=jeugd/ret.sqlite"


# (what, mount source, file system type, mount point, how the URL reaches the share)
CASES = [
    ("symlink naar nfs", "srv:/jeugd", "nfs4", "share", _symlink_dir),
    ("symlink-bestand naar cifs", "//fs01/jeugd", "cifs", "share", _symlink_file),
    ("file:-URI", "//fs01/jeugd", "smb3", "share", _file_uri),
    ("niet-ASCII-koppelpunt", "//fs01/jeugd", "cifs", NON_ASCII, _in_share),
    ("file:-URI op niet-ASCII", "srv:/jeugd", "nfs", NON_ASCII, _file_uri),
    ("davfs2", "https://dav.example.nl/jeugd", "fuse", "share", _in_share),
    ("gvfs", "gvfsd-fuse", "fuse.gvfsd-fuse", "gvfs", _gvfs),
    ("sshfs", "anne@server:/data", "fuse.sshfs", "share", _in_share),
    ("9p", "hostshare", "9p", "share", _in_share),
    ("nfs", "srv:/jeugd", "nfs", "share", _in_share),
    ("cifs", "//fs01/jeugd", "cifs", "share", _in_share),
]


@pytest.fixture
def root(tmp_path) -> Path:
    return Path(os.path.realpath(tmp_path))


def _run(url: str, table: bytes, monkeypatch, capsys) -> tuple[int, str, str]:  # noqa: ANN001
    monkeypatch.setattr(netshare, "_read_mounts", lambda: table)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(["--db", url, "db", "upgrade"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(("what", "source", "fs_type", "point", "url_of"), CASES, ids=[c[0] for c in CASES])
def test_db_upgrade_refuses_a_network_path(what, source, fs_type, point, url_of, root, monkeypatch, capsys):
    lay = Layout(root, source, fs_type, point)
    url = url_of(lay)
    before = lay.files()
    code, out, err = _run(url, lay.table, monkeypatch, capsys)
    assert code == 1, (what, out, err)
    assert "staat op een netwerkschijf" in err and "PostgreSQL" in err and "Traceback" not in err
    assert lay.files() == before, f"{what}: iets aangemaakt"
    assert not any(lay.share.iterdir())


def test_a_unc_file_uri_is_refused(root, monkeypatch, capsys):
    code, _, err = _run(
        "sqlite:///file://fs01/jeugd/ret.sqlite?uri=true", b"/dev/sda1 / ext4 rw 0 0\n", monkeypatch, capsys
    )
    assert code == 1 and "//fs01/jeugd/ret.sqlite staat op een netwerkschijf" in err


def test_the_message_names_where_a_link_leads(root, monkeypatch):
    lay = Layout(root, "srv:/jeugd", "nfs4")
    url = _symlink_dir(lay)
    monkeypatch.setattr(netshare, "_read_mounts", lambda: lay.table)
    with pytest.raises(StoreError, match=f"verwijst naar {lay.share}/ret.sqlite"):
        make_engine(url)


@pytest.mark.parametrize("fs_type", ["ext4", "tmpfs", "overlay", "btrfs"])
def test_local_file_systems_open(fs_type, root, monkeypatch, capsys):
    lay = Layout(root, "/dev/sdb1", fs_type, NON_ASCII)
    (lay.root / "local" / "link").symlink_to(lay.share)
    for url in (_in_share(lay), _file_uri(lay).replace("ret.sqlite", "uri.sqlite")):
        monkeypatch.setattr(netshare, "_read_mounts", lambda: lay.table)
        engine = make_engine(url)
        with engine.connect() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x)")
        engine.dispose()
    assert (lay.share / "ret.sqlite").exists() and (lay.share / "uri.sqlite").exists()


def test_db_upgrade_through_a_local_link_works(root, monkeypatch, capsys):
    lay = Layout(root, "/dev/sdb1", "ext4", NON_ASCII)
    url = _symlink_dir(lay)
    code, out, err = _run(url, lay.table, monkeypatch, capsys)
    assert code == 0, err
    assert (lay.share / "ret.sqlite").stat().st_size > 0
