"""Files with children's data are for the user alone (issue 11 §4).

Every file RET Desk writes (the SQLite store with its -wal and -shm, backups, exports,
PDFs) is created mode 0600 on POSIX, whatever the umask: `create_private`, and for a
store `private_store_file` before SQLite first writes (SQLite gives its -wal, -shm and
-journal the mode of the database file). On Windows the files live in the user's own
profile, whose folders only that user (and administrators) can read; nothing is changed
there.

An export or a PDF is written to a side file `<name>.deel` first and renamed into place
when it is whole (`side_file`), so a failed write never leaves half a file. A side file
is noted in a journal (config.side_file_journal(): one small entry per side file, locked
by the writing process for as long as it writes) and the entry is removed when done. A
process killed while writing cannot remove its side file; `remove_leftovers`, at the next
start of the app or a command, removes every side file whose writer is gone (its lock
is free) and never one that is still being written.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from ret_desk.domain.errors import RetDeskError

SIDE_SUFFIX = ".deel"
PRIVATE = 0o600
PRIVATE_FOLDER = 0o700
_ENTRY, _NEW_ENTRY = ".side", ".new"
# What SQLite may leave beside a side file it wrote (a backup): removed with it.
_SQLITE_SIDES = ("-journal", "-wal", "-shm")
# An entry still being made (.new) is another process's for this long, whatever its lock.
_NEW_ENTRY_GRACE_S = 60
POSIX = os.name == "posix"


def journal_folder() -> Path:
    from ret_desk.config import side_file_journal  # settings: read, not a layer

    return side_file_journal()


def create_private(path: Path, *, make_folder: bool = False) -> None:
    """Create `path` empty with mode 0600 (with `make_folder`, a missing folder 0700); refuses
    (FileExistsError) a path that is already there, a symlink included."""
    if make_folder and not path.parent.exists():
        path.parent.mkdir(parents=True, mode=PRIVATE_FOLDER, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    os.close(os.open(path, flags, PRIVATE))
    if POSIX:
        os.chmod(path, PRIVATE)  # the umask may have taken bits off, never added: make it exact


def make_private(path: Path) -> None:
    """Take the group's and others' rights off an existing file of ours (POSIX)."""
    if not POSIX:
        return
    with contextlib.suppress(FileNotFoundError, PermissionError):
        info = path.stat()
        if info.st_uid == os.getuid() and info.st_mode & 0o077:
            os.chmod(path, info.st_mode & 0o700)


def private_store_file(path: Path) -> None:
    """Before SQLite opens `path`: create a new store file 0600 (SQLite takes an empty file as
    a new database, and gives its -wal/-shm/-journal the file's mode), and make an existing
    store of ours and its side files (from an older RET Desk) private."""
    if not POSIX:
        return
    with contextlib.suppress(FileExistsError):
        create_private(path)
    for name in (path, *(path.with_name(path.name + s) for s in _SQLITE_SIDES)):
        make_private(name)


@contextlib.contextmanager
def side_file(target: Path) -> Iterator[Path]:
    """A new, empty, private side file `<target>.deel`, journaled while the block runs. When
    the block ends normally it replaces `target` (fsynced first); otherwise it is removed."""
    with scratch_file(target.with_name(target.name + SIDE_SUFFIX)) as partial:
        yield partial
        _fsync(partial)
        os.replace(partial, target)


@contextlib.contextmanager
def scratch_file(partial: Path) -> Iterator[Path]:
    """A new, empty, private working file `partial` (its name ends in .deel), journaled
    while the block runs and removed when it ends, however it ends."""
    if not partial.name.endswith(SIDE_SUFFIX):
        raise ValueError(f"a side file's name ends in {SIDE_SUFFIX}: {partial.name}")
    with _journaled(partial) as own:
        _claim(partial, own)
        try:
            yield partial
        finally:
            _remove_side(partial)


def remove_leftovers(folder: Path | None = None) -> list[Path]:
    """Remove every side file in the journal whose writer is gone (killed, crashed); returns
    the side files removed. Never raises: a start must not fail on a leftover."""
    folder = folder or journal_folder()
    removed: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.suffix == _NEW_ENTRY and time.time() - entry.stat().st_mtime < _NEW_ENTRY_GRACE_S:
                continue
            if entry.suffix in (_ENTRY, _NEW_ENTRY):
                removed += _sweep(entry)
    return removed


def _sweep(entry: Path) -> list[Path]:
    fd = os.open(entry, os.O_RDWR)
    try:
        if not _try_lock(fd):
            return []  # its writer is still at work
        side = Path(os.read(fd, 64 * 1024).decode("utf-8", "replace").strip())
        gone = _remove_side(side) if side.name.endswith(SIDE_SUFFIX) else []
        _unlink_entry(entry, fd)
        fd = -1
        return gone
    finally:
        if fd >= 0:
            os.close(fd)


def _remove_side(side: Path) -> list[Path]:
    """Remove the side file and what SQLite left beside it; returns what was there."""
    gone = []
    for path in (side, *(side.with_name(side.name + s) for s in _SQLITE_SIDES)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            gone.append(path)
    return gone


def _claim(partial: Path, own: Path | None) -> None:
    """Create the side file. One already there is refused while another writer holds it;
    otherwise it is a leftover (a crash, an older RET Desk) and is replaced."""
    try:
        create_private(partial)
        return
    except FileExistsError:
        pass
    if any(_is_claimed(entry, partial) for entry in _entries() if entry != own):
        raise RetDeskError(f"Er wordt al naar {partial.name[: -len(SIDE_SUFFIX)]} geschreven.")
    _remove_side(partial)
    create_private(partial)


def _entries() -> list[Path]:
    try:
        return [e for e in journal_folder().iterdir() if e.suffix == _ENTRY]
    except OSError:
        return []


def _is_claimed(entry: Path, partial: Path) -> bool:
    with contextlib.suppress(OSError):
        fd = os.open(entry, os.O_RDONLY)
        try:
            if _try_lock(fd):
                return False
        finally:
            os.close(fd)
        return entry.read_text(encoding="utf-8").strip() == str(partial.absolute())
    return False


@contextlib.contextmanager
def _journaled(partial: Path) -> Iterator[Path | None]:
    """An entry naming `partial` (absolute), locked by this process while the block runs.
    Without a writable journal (a read-only profile) the write goes on unjournaled: a
    leftover after a crash is less harm than no export at all."""
    try:
        entry, fd = _new_entry(partial)
    except OSError:
        yield None
        return
    try:
        yield entry
    finally:
        _unlink_entry(entry, fd)


def _new_entry(partial: Path) -> tuple[Path, int]:
    folder = journal_folder()
    folder.mkdir(parents=True, mode=PRIVATE_FOLDER, exist_ok=True)
    name = secrets.token_hex(8)
    new, entry = folder / f"{name}{_NEW_ENTRY}", folder / f"{name}{_ENTRY}"
    fd = os.open(new, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE)
    try:
        _lock(fd)
        os.write(fd, str(partial.absolute()).encode("utf-8"))
        os.replace(new, entry)  # the lock goes with the file
    except BaseException:
        os.close(fd)
        new.unlink(missing_ok=True)
        raise
    return entry, fd


def _unlink_entry(entry: Path, fd: int) -> None:
    """Remove the entry, then let go of its lock (Windows: the other way round, as it does
    not remove an open file)."""
    if POSIX:
        entry.unlink(missing_ok=True)
        os.close(fd)
    else:
        os.close(fd)
        with contextlib.suppress(OSError):
            entry.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


if POSIX:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

else:  # Windows: a byte lock past the text, let go by the system when the process ends
    import msvcrt

    _LOCK_AT = 1 << 30

    def _lock(fd: int) -> None:
        os.lseek(fd, _LOCK_AT, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        os.lseek(fd, 0, os.SEEK_SET)

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True
