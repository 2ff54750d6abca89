"""Yearly archive files: old history leaves the live file so it stays small.

TinyDB's cost per write grows with the size of a table, so closed occurrences
and ended focus sessions dated before the first of January of last year move to
`archive/<name>-<year>.json` beside the data file. Archive files are read only
when history that old is asked for (exports, long routine views). Moving is
crash-safe: the archive file is written first, then the live file; a crash in
between leaves a document in both, and the next move merges it again by id.

An import replaces the whole data, history included, so the old archives must
go with the old data, as one step (`set_aside`, `finish_replacing`,
`settle_replacing`): first a note of the import beside the data file (the
fingerprint of the bytes it will write), then the old archive files move into
backups/ (one rename each), then the live file is replaced, then the note goes.
A Cockpit killed on the way leaves the note; the next writer finds the live file
holding the import's bytes (finished: the archives stay in backups/) or not (the
old data: its archives come back). The old business's runs never join the new.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from cockpit.store import backups
from cockpit.store.document import DocumentError, check_history
from cockpit.store.errors import ArchiveCorruptError
from cockpit.store.files import atomic_write_bytes, fsync_folder, own_folder, remove_dead_copies
from cockpit.store.storage import Data, DecodeProblem, decode, encode

ARCHIVED_TABLES = ("occurrences", "focus")


def archive_folder(data_path: Path) -> Path:
    return data_path.parent / "archive"


def archive_path(data_path: Path, year: int) -> Path:
    return archive_folder(data_path) / f"{data_path.stem}-{year}{data_path.suffix}"


def archive_cutoff(today: date) -> date:
    """History before this date goes to the yearly archives: a year back, not before 2000
    (the reader refuses a date before the calendar Cockpit counts in)."""
    return max(date(today.year - 1, 1, 1), date(2000, 1, 1))


def _year_of(table: str, doc: dict[str, Any]) -> int | None:
    """The year a closed document belongs to, or None while it is still live."""
    if table == "occurrences":
        return None if doc.get("status", "open") == "open" else int(doc["date"][:4])
    if doc.get("status") in ("running", "paused"):
        return None
    return int(doc["started_at"][:4])


def split_old(data: Data, cutoff: date) -> dict[int, Data]:
    """Documents older than `cutoff`, by year (the live data is not changed)."""
    by_year: dict[int, Data] = {}
    for table in ARCHIVED_TABLES:
        for key, doc in data.get(table, {}).items():
            year = _year_of(table, doc)
            if year is not None and year < cutoff.year:
                by_year.setdefault(year, {}).setdefault(table, {})[key] = doc
    return by_year


_CHECKED: dict[Path, tuple[int, int]] = {}  # archives that passed, by (size, mtime) then


def read_archive(path: Path) -> Data:
    """An archive file, typed and checked like the runs and sessions of the data file
    (ArchiveCorruptError if it is not good); a file checked before and unchanged since is
    only parsed."""
    if not path.exists():
        return {}
    try:
        raw = path.read_bytes()
        seen = path.stat()
        data = decode(raw)
        if _CHECKED.get(path) != (seen.st_size, seen.st_mtime_ns):
            check_history(data)
            _CHECKED[path] = (seen.st_size, seen.st_mtime_ns)
    except DecodeProblem as problem:
        raise ArchiveCorruptError(path, str(problem)) from None
    except DocumentError as error:
        raise ArchiveCorruptError(path, str(error)) from None
    except OSError as error:
        raise ArchiveCorruptError(path, error.strerror or str(error)) from None
    return data


def write_archive(data_path: Path, year: int, moved: Data) -> None:
    """Merge `moved` into the year's archive file, atomically."""
    path = archive_path(data_path, year)
    own_folder(path.parent)
    merged = read_archive(path)
    for table, docs in moved.items():
        merged.setdefault(table, {}).update(docs)
    atomic_write_bytes(path, encode(merged))


def remove_dead_archive_copies(data_path: Path) -> list[Path]:
    """Temp files of an archive write a killed Cockpit left (those of this data file only)."""
    return remove_dead_copies(archive_folder(data_path), f"{data_path.stem}-*{data_path.suffix}")


def archived_years(data_path: Path) -> list[int]:
    folder = archive_folder(data_path)
    if not folder.is_dir():
        return []
    years = []
    prefix = f"{data_path.stem}-"
    for path in folder.glob(f"{prefix}*{data_path.suffix}"):
        tail = path.stem[len(prefix) :]
        if tail.isdigit():
            years.append(int(tail))
    return sorted(years)


def iter_archived(data_path: Path, table: str, years: list[int] | None = None) -> Iterator[Any]:
    for year in archived_years(data_path) if years is None else years:
        yield from read_archive(archive_path(data_path, year)).get(table, {}).values()


# -- an import replacing everything, archives included --------------------------------------


def replacing_note(data_path: Path) -> Path:
    return data_path.with_name(f".{data_path.name}.import")


def set_aside(data_path: Path, payload: bytes, now: datetime) -> Path | None:
    """Before an import writes `payload` over the data: note it, then move the data file's
    archives into a folder of backups/ (returned; None when there were none to move)."""
    years = archived_years(data_path)
    if not years:
        return None
    stamp = now.strftime("%Y%m%dT%H%M%S")
    aside = backups.backup_folder(data_path) / f"{data_path.stem}-before-import-{stamp}-archive"
    import hashlib  # only when an archive is written or checked: it loads OpenSSL

    note = {"sha256": hashlib.sha256(payload).hexdigest(), "aside": aside.name}
    atomic_write_bytes(replacing_note(data_path), orjson.dumps(note))
    try:
        own_folder(aside)
        for year in years:
            source = archive_path(data_path, year)
            os.replace(source, aside / source.name)
        fsync_folder(aside)
        fsync_folder(archive_folder(data_path))
    except BaseException:
        _put_back(data_path, aside)
        raise
    return aside


def finish_replacing(data_path: Path) -> None:
    """The import's data is in place: its note goes (the old archives stay in backups/)."""
    replacing_note(data_path).unlink(missing_ok=True)
    _settle(data_path.parent)


def undo_replacing(data_path: Path, aside: Path) -> None:
    """The import's data could not be written: the old archives come back."""
    _put_back(data_path, aside)


def settle_replacing(data_path: Path) -> str | None:
    """An import a killed Cockpit left half-way, finished or undone by the next writer (under
    the lock, before the file is read); says which (None: there was none)."""
    note_path = replacing_note(data_path)
    try:
        note = orjson.loads(note_path.read_bytes())
        digest, aside_name = str(note["sha256"]), str(note["aside"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        note_path.unlink(missing_ok=True)  # written atomically before anything moved: none did
        return None
    aside = backups.backup_folder(data_path) / Path(aside_name).name
    try:
        import hashlib

        live = hashlib.sha256(data_path.read_bytes()).hexdigest()
    except OSError:
        live = ""
    if live == digest:
        finish_replacing(data_path)
        return f"an import stopped half-way was finished (the old archives are in {aside})"
    _put_back(data_path, aside)
    return "an import stopped half-way was undone (the data file had not been replaced)"


def _put_back(data_path: Path, aside: Path) -> None:
    """Move the archives set aside back (one already there again stays), and drop the note."""
    if aside.is_dir():
        folder = own_folder(archive_folder(data_path))
        for moved in sorted(aside.iterdir()):
            if not (folder / moved.name).exists():
                os.replace(moved, folder / moved.name)
        fsync_folder(folder)
        try:
            aside.rmdir()
        except OSError:
            pass  # something else in it: kept for the owner to look at
    replacing_note(data_path).unlink(missing_ok=True)
    _settle(data_path.parent)


def _settle(folder: Path) -> None:
    try:
        fsync_folder(folder)
    except OSError:
        pass
