"""`cockpit merge FILE`, and the conflict copies the TUI's banner names (the doctor, which
names them too, is `services.doctor`).

Merging another copy of the data file (a sync client's conflict copy, usually): the copy
is read through the same checks as the data file (a file that fails is refused with the
reason, and nothing changes), the live file is backed up, the two are merged by identity
(`store.merge_tables`), the result is checked whole and written as one atomic write, and
a conflict copy beside the data file moves to `backups/merged/` (a file from elsewhere is
the owner's, and stays). A copy that shares nothing with the data file is another
business, and is refused. Merging is commutative (but for roles and systems set
differently on both: this device's stay) and idempotent: merging the same copy again
brings nothing. A file made by its own `cockpit init` is another business even when it
holds the very same records (two `init --sample` are byte for byte alike): the meta record's
`business`, drawn at random when the file is made and kept by exports, imports and merges,
differs, and the copy is refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit.domain.errors import CockpitError
from cockpit.services.context import Cockpit
from cockpit.store import archive, backups
from cockpit.store.conflicts import conflict_copies as copies_beside
from cockpit.store.database import Store
from cockpit.store.document import DocumentError, check_tables
from cockpit.store.errors import StoreConflictError, StoreError
from cockpit.store.files import own_folder
from cockpit.store.identity import focus_identity, run_identity
from cockpit.store.merge_tables import MergeReport, merge_tables
from cockpit.store.opening import read_data_file

Data = dict[str, dict[str, Any]]
MERGED_FOLDER = "merged"


class MergeRefused(CockpitError):
    """The copy cannot be merged; `str()` says why. Nothing was changed."""


@dataclass
class Merged:
    """What `merge_file` did: what came in, the backup kept, where the copy went."""

    report: MergeReport
    source: Path
    backup: Path | None = None
    moved_to: Path | None = None
    warnings: list[str] = field(default_factory=list)


def conflict_copies(ctx: Cockpit) -> list[Path]:
    """The conflict copies sync clients left beside the data file (for the TUI's banner)."""
    return copies_beside(ctx.store.path)


def merge_file(ctx: Cockpit, path: Path, *, dry_run: bool = False) -> Merged:
    """Merge the copy at `path` into the live data file (see the module's docstring);
    `dry_run` only says what would come in."""
    store = ctx.store
    source = path.expanduser().absolute()
    _check_source(source, store.path)
    if not dry_run:
        ctx.require_writer()
    try:
        other = read_data_file(source).data
    except StoreError as error:
        raise MergeRefused(f"cannot merge {path}: {_reason(error)}; nothing was changed") from None
    for attempt in (1, 2):
        with store.lock:
            if not dry_run:
                store.reload_if_changed()  # a sync that came meanwhile is merged too
            live = store.storage.read()
            merged, report = merge_tables(live, other, **_archived(store.path, live, other))
            _refuse_another_business(live, other, report, path)
            _check_merged(merged, path)
            if dry_run:
                return Merged(report, source)
            backup = None
            if merged != live:
                backup = _backup(ctx)
                try:
                    _write(store, merged)
                except StoreConflictError:
                    if attempt == 2:
                        raise
                    continue
        done = Merged(report, source, backup)
        _move_away(done, store.path)
        return done
    raise AssertionError("unreachable")  # pragma: no cover


def _check_source(source: Path, data_path: Path) -> None:
    if not source.exists():
        raise MergeRefused(f"no file at {source} to merge")
    if source.is_dir():
        raise MergeRefused(f"{source} is a folder; merge takes a copy of the data file")
    try:
        same = data_path.exists() and os.path.samefile(source, data_path)
    except OSError:
        same = False
    if same:
        raise MergeRefused(f"{source} is the data file itself; merge takes another copy of it")


def _identities(data: Data) -> set[str]:
    """What two copies of one business share: processes, runs and focus sessions."""
    found = {f"p:{doc['id']}" for doc in data.get("processes", {}).values()}
    found |= {f"r:{run_identity(doc)}" for doc in data.get("occurrences", {}).values()}
    found |= {f"f:{focus_identity(doc)}" for doc in data.get("focus", {}).values()}
    return found


def _definitions(data: Data) -> dict[str, list[dict[str, object]]]:
    """Every definition of each process the file holds, live or past, by process id."""
    found: dict[str, list[dict[str, object]]] = {}
    for table in ("processes", "process_history"):
        for doc in data.get(table, {}).values():
            found.setdefault(doc["id"], []).append(doc)
    return found


def _share_a_past(live: Data, other: Data) -> bool:
    """Whether the two files come from one business. A process id is its name's slug and a
    scheduled run is its process and date, so another business with an "Inbox zero" of its
    own shares both; what only copies of one file share is a definition of a process (the
    very record, live or in its history) or a focus session or a run started by hand (their
    ids are drawn at random when they are made)."""
    mine, theirs = _definitions(live), _definitions(other)
    for process_id in mine.keys() & theirs.keys():
        if any(doc in theirs[process_id] for doc in mine[process_id]):
            return True
    sessions = {focus_identity(doc) for doc in live.get("focus", {}).values()}
    if any(focus_identity(doc) in sessions for doc in other.get("focus", {}).values()):
        return True
    manual = {doc["uid"] for doc in live.get("occurrences", {}).values() if doc.get("uid")}
    return any(doc.get("uid") in manual for doc in other.get("occurrences", {}).values())


def business_of(data: Data) -> str | None:
    """The file's business: drawn when its `cockpit init` made it (None in older files)."""
    found = data.get("meta", {}).get("1", {}).get("business")
    return found if isinstance(found, str) and found else None


def _refuse_another_business(live: Data, other: Data, report: MergeReport, path: Path) -> None:
    """A copy of another `cockpit init` is another business, whatever it holds. Without that
    mark (older files), a copy sharing no past with a live file that has some is another
    business: merged, it would mix the two. One with none at all (a bare `cockpit init`, or
    this business before its first process) is let through only when it brings nothing and
    differs in nothing: an empty copy is harmless, roles from elsewhere are not news."""
    mine, theirs = business_of(live), business_of(other)
    if mine is not None and theirs is not None and mine != theirs:
        raise MergeRefused(
            f"{path} looks like a different business: it was made by its own `cockpit init` "
            "(even when it holds the same sample), not copied from this data file; nothing "
            "was changed (to replace the data with it, `cockpit import` an export of it)"
        )
    if not _identities(live) or _share_a_past(live, other):
        return  # a live file with nothing yet may take a business in
    if _identities(other) or report.changed or report.kept_live:
        raise MergeRefused(
            f"{path} looks like a different business: it shares no process, run or focus "
            "session with the data file; nothing was changed (to replace the data with it, "
            "`cockpit import` an export of it)"
        )


def _reason(error: StoreError) -> str:
    problem = getattr(error, "problem", None)
    return str(problem) if problem else str(error)


def _archived(data_path: Path, live: Data, other: Data) -> dict[str, set[str]]:
    """The identities of the other copy's runs and sessions the live file already archived
    (read only when the copy holds history that old)."""
    before = live.get("meta", {}).get("1", {}).get("archived_before")
    if not before:
        return {}
    runs = other.get("occurrences", {}).values()
    sessions = other.get("focus", {}).values()
    if not any(doc["date"] < before for doc in runs) and not any(
        doc["started_at"][:10] < before for doc in sessions
    ):
        return {}
    return {
        "archived_runs": {run_identity(d) for d in archive.iter_archived(data_path, "occurrences")},
        "archived_sessions": {focus_identity(d) for d in archive.iter_archived(data_path, "focus")},
    }


def _check_merged(merged: Data, path: Path) -> None:
    try:
        check_tables(merged, strict=False, complete=False)
    except DocumentError as error:
        raise MergeRefused(
            f"merging {path} would make a file Cockpit cannot read ({error}); nothing was changed"
        ) from None


def _backup(ctx: Cockpit) -> Path | None:
    """A copy of the live file before the merge (never over an earlier one)."""
    data_path = ctx.store.path
    if not data_path.exists():
        return None
    now = ctx.clock.now()
    label, number = "merge", 1
    while True:
        stamp = now.strftime("%Y%m%dT%H%M%S")
        name = f"{data_path.stem}-{label}-{stamp}{data_path.suffix}"
        if not (backups.backup_folder(data_path) / name).exists():
            return backups.labelled_backup(data_path, label, now)
        number += 1
        label = f"merge{number}"


def _write(store: Store, merged: Data) -> None:
    """The merged tables written as one change of the live data (`Store.replace_live`): the
    pre-write check carries them over, by identity, onto a file another device wrote."""
    store.replace_live(merged)


def _move_away(done: Merged, data_path: Path) -> None:
    """A conflict copy beside the data file goes to backups/merged/; a copy from anywhere
    else (or one inside the backups) is the owner's file, and stays where it is."""
    folder = backups.backup_folder(data_path)
    if done.source.parent.resolve() != data_path.parent.resolve():
        return
    try:
        target_folder = own_folder(folder / MERGED_FOLDER)
        target = target_folder / done.source.name
        number = 1
        while target.exists():
            number += 1
            target = target_folder / f"{done.source.stem}-{number}{done.source.suffix}"
        os.replace(done.source, target)
    except OSError as error:
        done.warnings.append(
            f"merged, but {done.source} could not be moved to {folder / MERGED_FOLDER}: "
            f"{error.strerror or error}; move or delete it yourself (merging it again brings "
            "nothing)"
        )
        return
    done.moved_to = target
