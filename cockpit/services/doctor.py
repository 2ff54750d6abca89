"""`cockpit doctor`: it only looks, and changes nothing. Conflict copies (with the command
that merges each), temp files a killed Cockpit left, the lock, and who else may read the
data file.
"""

from __future__ import annotations

import os
import shlex
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cockpit.services.context import Cockpit
from cockpit.store import archive, backups
from cockpit.store.conflicts import conflict_copies as copies_beside
from cockpit.store.errors import StoreError
from cockpit.store.files import TEMP_MARK, through_links
from cockpit.store.lock import held_elsewhere
from cockpit.store.opening import read_data_file


@dataclass(frozen=True)
class Finding:
    """Something the doctor found; `problem` False for a note that needs nothing done."""

    kind: str
    message: str
    command: str | None = None
    path: Path | None = None
    problem: bool = True

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "command": self.command,
            "path": None if self.path is None else str(self.path),
            "problem": self.problem,
        }


def doctor(ctx: Cockpit, command: str = "cockpit") -> list[Finding]:
    """What the doctor finds beside the open data file (see `doctor_at`); a writer's own
    lock is no news."""
    return doctor_at(ctx.store.path, command, holding_lock=not ctx.read_only)


def doctor_at(
    data_path: Path, command: str = "cockpit", *, holding_lock: bool = False
) -> list[Finding]:
    """Look at the data file and what lies beside it, changing nothing. `command` starts the
    commands suggested (`cockpit --data FILE` when the file is not the default one)."""
    found: list[Finding] = []
    try:
        data_path = through_links(data_path.expanduser().absolute())
    except OSError as error:
        return [Finding("missing", f"{data_path}: {error.strerror or error}", path=data_path)]
    if not data_path.exists():
        found.append(Finding("missing", f"there is no data file at {data_path}", path=data_path))
    else:
        found += _readable(data_path)
        found += _private(data_path)
    for copy in copies_beside(data_path):
        found.append(
            Finding(
                "conflict-copy",
                f"a conflict copy a sync client left: {copy.name}",
                f"{command} merge {shlex.quote(str(copy))}",
                copy,
            )
        )
    found += _temp_files(data_path)
    if not holding_lock:
        found += _lock(data_path)
    return found


def _readable(data_path: Path) -> list[Finding]:
    try:
        read_data_file(data_path)
    except StoreError as error:
        return [Finding("unreadable", str(error), path=data_path)]
    return []


def _private(data_path: Path) -> list[Finding]:
    found = []
    places = [(data_path, 0o600, "the data file")]
    places += [(backups.backup_folder(data_path), 0o700, "the backups folder")]
    places += [(archive.archive_folder(data_path), 0o700, "the archive folder")]
    for place, mode, what in places:
        try:
            now = stat.S_IMODE(place.stat().st_mode)
        except OSError:
            continue
        if now & 0o077:
            found.append(
                Finding(
                    "permissions",
                    f"others on this computer can read {what} {place} (mode {now:o})",
                    f"chmod {mode:o} {shlex.quote(str(place))}",
                    place,
                )
            )
    return found


def _temp_files(data_path: Path) -> list[Finding]:
    """Temp files of a write or copy whose Cockpit is gone (one still running is writing)."""
    places = [(data_path.parent, f".{data_path.name}{TEMP_MARK}*")]
    pattern = f".{data_path.stem}-*{data_path.suffix}{TEMP_MARK}*"
    places += [(backups.backup_folder(data_path), pattern)]
    places += [(archive.archive_folder(data_path), pattern)]
    found = []
    for folder, glob in places:
        try:
            leftovers = sorted(folder.glob(glob))
        except OSError:
            continue
        for leftover in leftovers:
            if _maker_alive(leftover):
                continue
            found.append(
                Finding(
                    "temp-file",
                    f"a temp file a stopped Cockpit left: {leftover} (removed the next time "
                    "Cockpit opens the file to save; or delete it)",
                    f"rm {shlex.quote(str(leftover))}",
                    leftover,
                )
            )
    return found


def _maker_alive(leftover: Path) -> bool:
    pid = leftover.name.rsplit(TEMP_MARK, 1)[1].split("-", 1)[0]
    if not pid.isdigit() or os.name != "posix":
        return False
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


def _lock(data_path: Path) -> list[Finding]:
    lock = data_path.with_name(data_path.name + ".lock")
    if not os.path.lexists(lock):
        return []
    if not lock.is_file():
        return [
            Finding(
                "lock",
                f"{lock} is not a plain file, so no Cockpit can take the writer lock",
                path=lock,
            )
        ]
    if held_elsewhere(data_path):
        message = "another Cockpit holds the writer lock now (the app, or a command saving)"
        return [Finding("lock", message, path=lock, problem=False)]
    return []  # an OS lock is let go when its holder stops: a lock file alone is no stale lock
