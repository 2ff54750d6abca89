"""Backup copies of the data file: one a day, the newest 14 kept, and one before each migration.

Daily copies are named after the day they were made on (`cockpit-2026-11-24.json`) and
pruned by their count, not their age: after three weeks away the copies from before are
still there. A name alone is never trusted to delete a copy: one whose file was written
within the last 14 days of the real clock stays whatever its name says, and a name dated
after the real date (made under a simulated `--date` by an older version) does not count
among the newest. Cockpit names its copies by the real calendar's date, never by `--date`.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from cockpit.store.files import atomic_copy, own_folder, remove_dead_copies

KEEP_COPIES = 14
KEEP_DAYS = KEEP_COPIES  # the name older callers use


def backup_folder(data_path: Path) -> Path:
    return data_path.parent / "backups"


def daily_backup(data_path: Path, today: date, keep_days: int = KEEP_COPIES) -> Path | None:
    """Copy the data file once a day (named after `today`); keep the newest `keep_days` copies."""
    if not data_path.exists():
        return None
    folder = own_folder(backup_folder(data_path))
    target = folder / f"{data_path.stem}-{today.isoformat()}{data_path.suffix}"
    if not target.exists():
        atomic_copy(data_path, target)
    _prune(data_path, keep_days)
    return target


def _prune(data_path: Path, keep: int) -> None:
    now = time.time()
    real_today = date.fromtimestamp(now)
    first_kept_day = real_today - timedelta(days=keep - 1)  # written on or after it: kept
    dated: list[tuple[date, Path]] = []
    for copy in backup_folder(data_path).glob(f"{data_path.stem}-????-??-??{data_path.suffix}"):
        day = _date_in(copy.stem[len(data_path.stem) + 1 :])
        if day is not None:
            dated.append((day, copy))
    # a name after tomorrow (time zones aside) was made under a simulated date: not "newest"
    counted = sorted(item for item in dated if item[0] <= real_today + timedelta(days=1))
    newest = {copy for _, copy in counted[-keep:]}
    for _, copy in dated:
        if copy in newest:
            continue
        try:
            written = date.fromtimestamp(copy.stat().st_mtime)
        except OSError:
            continue
        if written < first_kept_day:
            copy.unlink(missing_ok=True)


def labelled_backup(data_path: Path, label: str, now: datetime) -> Path:
    """A copy kept before a risky change (a migration, an import)."""
    folder = own_folder(backup_folder(data_path))
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = folder / f"{data_path.stem}-{label}-{stamp}{data_path.suffix}"
    atomic_copy(data_path, target)
    return target


def migration_backup(data_path: Path, schema: int, now: datetime) -> Path:
    return labelled_backup(data_path, f"schema{schema}", now)


def remove_dead_backup_copies(data_path: Path) -> list[Path]:
    """Temp files of a backup copy a killed Cockpit left (those of this data file only)."""
    return remove_dead_copies(backup_folder(data_path), f"{data_path.stem}-*{data_path.suffix}")


# the names Cockpit gives its copies: the day's (c-2026-12-05) and a labelled one's
# (c-before-import-20261205T093000); a file named otherwise is not offered as a backup
_MADE = re.compile(r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[a-z]+(?:-[a-z]+)*-[0-9]{8}T[0-9]{6})")


def newest_backup(data_path: Path) -> Path | None:
    """The newest copy Cockpit made of the data file (a plain file, not a link, named as
    Cockpit names its copies): the one an error message offers to go back to."""
    folder = backup_folder(data_path)
    if not folder.is_dir():
        return None
    prefix = f"{data_path.stem}-"
    copies = [
        p
        for p in folder.glob(f"{prefix}*{data_path.suffix}")
        if _MADE.fullmatch(p.stem[len(prefix) :]) and p.is_file() and not p.is_symlink()
    ]
    return max(copies, key=lambda p: p.stat().st_mtime_ns, default=None)


def _date_in(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
