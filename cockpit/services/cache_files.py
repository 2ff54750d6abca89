"""Cockpit's cache folder: what can be built again (the day's picture, the demo), never beside
the data file (so never in a sync folder)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# a file as a cache keys it: device, inode, size and modification time (ns)
Identity = tuple[int, int, int, int, int]  # device, inode, size, mtime, ctime (ns)


def file_identity(path: Path) -> Identity | None:
    """The file's identity now (None when there is no file to stat)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    # the change time too: an edit in place of the same size whose modification time was put
    # back (`touch -r`, rsync -t) changes it, and no one can set it back
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _xdg_cache() -> Path | None:
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "cockpit"


def cache_folder() -> Path:
    """Cockpit's cache folder (XDG_CACHE_HOME on Linux)."""
    folder = _xdg_cache()
    if folder is None:
        import platformdirs

        folder = Path(platformdirs.user_cache_dir("cockpit", appauthor=False))
    return folder


def settings_digest(settings: object) -> str:
    """A digest of every setting (their repr): what is cached for one config is not for
    another."""
    import hashlib  # here: a kept answer of `cockpit today` loads this module, not hashlib

    return hashlib.sha256(repr(settings).encode()).hexdigest()


STALE_DAYS = 30  # a kept file not rewritten for this long belongs to data no one opens


def prune_stale(folder: Path, prefix: str, now: float, days: int = STALE_DAYS) -> int:
    """Delete the files of `folder` named `prefix`... and not written for `days` days (the
    pictures of data files moved, deleted or no longer opened); how many went."""
    gone = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    limit = now - days * 86400
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                os.unlink(entry.path)
                gone += 1
        except OSError:
            continue  # another Cockpit pruned it, or it is not ours to delete
    return gone


def keep_file(target: Path, payload: bytes, prefix: str) -> None:
    """Write a kept file of the cache folder atomically (a private temporary file renamed
    over the old one), 0600 in a 0700 folder; then let go of those of its kind (`prefix`)
    not rewritten for STALE_DAYS."""
    import time

    folder = target.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = folder / f".{target.name}.{os.getpid()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    prune_stale(folder, prefix, time.time())
