"""Backup copies of the data file: one a day, kept 14 days, and one before each migration."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from cockpit.store.files import atomic_copy

KEEP_DAYS = 14


def backup_folder(data_path: Path) -> Path:
    return data_path.parent / "backups"


def daily_backup(data_path: Path, today: date, keep_days: int = KEEP_DAYS) -> Path | None:
    """Copy the data file once a day; remove daily copies older than `keep_days`."""
    if not data_path.exists():
        return None
    folder = backup_folder(data_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{data_path.stem}-{today.isoformat()}{data_path.suffix}"
    if not target.exists():
        atomic_copy(data_path, target)
    cutoff = today - timedelta(days=keep_days)
    for old in folder.glob(f"{data_path.stem}-????-??-??{data_path.suffix}"):
        day = _date_in(old.stem[len(data_path.stem) + 1 :])
        if day is not None and day < cutoff:
            old.unlink(missing_ok=True)
    return target


def labelled_backup(data_path: Path, label: str, now: datetime) -> Path:
    """A copy kept before a risky change (a migration, an import)."""
    folder = backup_folder(data_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = folder / f"{data_path.stem}-{label}-{stamp}{data_path.suffix}"
    atomic_copy(data_path, target)
    return target


def migration_backup(data_path: Path, schema: int, now: datetime) -> Path:
    return labelled_backup(data_path, f"schema{schema}", now)


def newest_backup(data_path: Path) -> Path | None:
    folder = backup_folder(data_path)
    if not folder.is_dir():
        return None
    copies = [p for p in folder.glob(f"{data_path.stem}-*{data_path.suffix}") if p.is_file()]
    return max(copies, key=lambda p: p.stat().st_mtime_ns, default=None)


def _date_in(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
