"""Atomic file writes: a crash at any moment leaves the old file or the new one.

The new content goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the target with os.replace (atomic on POSIX and
Windows), and the folder is fsynced so the rename itself survives a power cut.

Business data and a personal time log are private: a new file is 0600 and a
folder Cockpit makes 0700 whatever the umask (the temporary file is created so,
never readable by others for a moment); a file that exists keeps the mode its
owner gave it. A data file reached through a symlink is written where the link
points (`through_links`), so the link stays a link.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import time
from collections.abc import Callable, Sequence
from pathlib import Path

TEMP_MARK = ".tmp-"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
MAX_LINKS = 40  # as the kernel's ELOOP limit


def through_links(path: Path) -> Path:
    """The file a chain of symlinks at `path` ends at (it need not exist yet); `path` itself
    when it is no link. Only the links of the file itself are followed: the folders on the
    way keep the names the user gave them."""
    for _ in range(MAX_LINKS):
        try:
            target = os.readlink(path)
        except OSError:  # not a link (or not there): this is the file
            return path
        base = path.parent
        if ".." in Path(target).parts:  # `..` of the folder the link really sits in
            base = Path(os.path.realpath(base))
        path = Path(os.path.normpath(base / target))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))


def private_folder(folder: Path) -> Path:
    """Make `folder` (and any missing parent) 0700; a folder that is there is left as it is."""
    missing: list[Path] = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs
        os.chmod(made, PRIVATE_FOLDER)  # the umask may have taken bits, never adds them
    return missing[0] if missing else folder


def own_folder(folder: Path) -> Path:
    """A folder of Cockpit's own (backups, archive): made 0700, or made so again."""
    private_folder(folder)
    try:
        if stat.S_IMODE(folder.stat().st_mode) != PRIVATE_FOLDER:
            os.chmod(folder, PRIVATE_FOLDER)
    except OSError:
        pass  # not ours to change (another owner, a read-only mount): the copy says why
    return folder


def temp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def writable(path: Path) -> bool:
    """Whether Cockpit may replace `path`: one that does not exist yet, or a file the user
    may write and has not made read-only (no write bit at all: root may write anything, but
    a file someone ran `chmod a-w` on is meant to stay as it is)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return True
    except OSError:
        return True  # the reading reports the problem, in its own words
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


def _mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _private_temp(temp: Path, mode: int | None) -> int:
    """A new temporary file, private from its first moment; `mode`: the one to keep."""
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        os.fchmod(fd, PRIVATE_FILE if mode is None else mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def atomic_write_bytes(
    path: Path,
    data: bytes | Sequence[bytes | memoryview],
    *,
    let_go: Callable[[Path], None] | None = None,
) -> os.stat_result:
    """Replace `path` with `data` (bytes, or parts written one after another), atomically,
    keeping its permissions (a file the owner made private stays private; a new one is
    0600); raises OSError and leaves no temp file.
    Returns the new file's identity, taken from its own descriptor right after the rename
    (the rename moves its change time; a stat by name could see a file another device put
    there meanwhile).

    With `let_go`, the old file is first given a second name (a hard link named as a temp
    file) and `let_go` gets that name to remove later: renaming over the last name of a
    5 MB file frees its pages in the rename itself (about 1.5 ms); removed in a thread,
    they are freed out of the writer's way. A kill before the removal leaves a temp file,
    which the next opening removes as it does every temp file a dead writer left."""
    temp = temp_path_for(path)
    mode = _mode_of(path)
    aside = _second_name(path) if let_go is not None else None
    try:
        with open(_private_temp(temp, mode), "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            elif _plain_file(handle):  # one system call for the parts
                handle.flush()
                write_parts(handle.fileno(), data)
            else:  # a file object wrapped by someone (tests): its own write, part by part
                for part in data:
                    handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(temp, path)
            written = os.fstat(handle.fileno())  # after the rename, which moves its ctime
    except BaseException:
        temp.unlink(missing_ok=True)
        if aside is not None:
            aside.unlink(missing_ok=True)
        raise
    _settle(path.parent)
    if aside is not None and let_go is not None:
        let_go(aside)
    return written


def _plain_file(handle: object) -> bool:
    """A file as `open` gives it (not one wrapped by a caller, whose own write must see the
    bytes, as the failing-disk tests' wrapper does)."""
    return type(handle) is io.BufferedWriter


# how many buffers one writev takes (POSIX guarantees 16; Linux takes 1024)
IOV_MAX = max(16, min(os.sysconf("SC_IOV_MAX") if hasattr(os, "sysconf") else 16, 1024))


def write_parts(fd: int, parts: Sequence[bytes | memoryview]) -> None:
    """Write `parts` one after another, in as few system calls as the kernel takes (one
    writev for a 5 MB file in ~200 slices: ~1 ms less than a write each); a short write goes
    on from where it stopped."""
    pending = [memoryview(part).cast("B") for part in parts if len(part)]
    if not hasattr(os, "writev"):
        for view in pending:
            while view:
                view = view[os.write(fd, view) :]
        return
    start = 0
    while start < len(pending):
        written = os.writev(fd, pending[start : start + IOV_MAX])
        if not written:
            raise OSError(errno.EIO, "the file took no bytes")
        while written and start < len(pending):
            head = pending[start]
            if written >= len(head):
                written -= len(head)
                start += 1
            else:
                pending[start] = head[written:]
                written = 0


def _second_name(path: Path) -> Path | None:
    """A hard link to `path` named as a temp file beside it; None where there is no file or
    the file system has no hard links (the rename then frees the old file itself)."""
    aside = temp_path_for(path)
    try:
        os.link(path, aside, follow_symlinks=False)
    except (OSError, NotImplementedError):
        return None
    return aside


def _settle(folder: Path) -> None:
    """Make the rename durable; the new file is in place already, so a failure is not fatal."""
    try:
        fsync_folder(folder)
    except OSError:
        pass


def atomic_copy(source: Path, target: Path) -> None:
    """Copy a file atomically (used for backups); the copy is private (0600), from the
    first byte, whatever the source's mode: a backup holds the business as the file does."""
    temp = temp_path_for(target)
    try:
        with open(source, "rb") as original, open(_private_temp(temp, None), "wb") as copy:
            shutil.copyfileobj(original, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _settle(target.parent)


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Remove temporary files a killed writer left beside `path`."""
    removed = []
    for leftover in path.parent.glob(f".{path.name}{TEMP_MARK}*"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    return removed


def remove_dead_copies(folder: Path, pattern: str) -> list[Path]:
    """Remove the temporary files matching `pattern` (a glob of the copies' names, such as
    `cockpit-*.json`) that a killed copy left in `folder`: those whose process is gone (the
    folder may be shared with another data file's Cockpit, copying at this very moment)."""
    removed: list[Path] = []
    try:
        leftovers = list(folder.glob(f".{pattern}{TEMP_MARK}*"))
    except OSError:
        return removed
    for leftover in leftovers:
        if _maker_alive(leftover):
            continue
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            continue  # a folder that cannot be written keeps it; nothing depends on it
        removed.append(leftover)
    return removed


def _maker_alive(leftover: Path) -> bool:
    """Whether the process that named a temp file `...{pid}-{hex}` may still be copying it."""
    pid_text = leftover.name.rsplit(TEMP_MARK, 1)[1].split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    if os.name != "posix":  # no harmless signal 0 there: an hour-old copy is a dead one
        try:
            return time.time() - leftover.stat().st_mtime < 3600
        except OSError:
            return True
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # this process copies it now (another thread, another data file)
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:
        return True  # someone else's process: let it be
    return True
