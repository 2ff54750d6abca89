"""Undo and redo of any change: what a change wrote is recorded, and written back or again.

Any service call that writes can be recorded (`recording`): the store notes every record
it changed, before and after (store/undo_record). An `UndoEntry` is those records with a
label for the owner ("done: 412.2 ..."). `revert` puts every record back as it was, in one
write, and `reapply` makes the change again, each only if the records are still as the
change (or the undo) left them: a later change, here or on another device, is never
written over, and the owner is told what changed instead. Focus sessions are left out:
the timer's start, pause and stop are not undone (a step done with them is); a change that
started one (T on the Review screen: testing and a countdown) is undone with words saying
the timer still runs and where to stop it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cockpit.domain.errors import RuleError
from cockpit.services.context import Cockpit
from cockpit.store.undo_record import (
    ABSENT,
    META,
    Record,
    RecordsChanged,
    held,
    now_held,
    put_back,
)
from cockpit.store.undo_record import recording as store_recording

Doc = dict[str, Any]
LEFT_OUT = frozenset({"focus"})  # the timer's own records: not undone
# the record a label names first, when the change says nothing of itself
ORDER = (
    "processes", "roles", "systems", "reviews", "plans", "tasks", "occurrences", "process_history",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class UndoEntry:
    """One change that can be undone: the records it touched and what to call it."""

    label: str
    records: tuple[Record, ...]
    timers: tuple[Record, ...] = ()  # the focus sessions it started (never undone)


@dataclass(frozen=True, slots=True)
class Replayed:
    """An undo or redo done: what to say, and the step to show (as `412.2`) if it moved one."""

    message: str
    step: str | None = None


@dataclass
class Taken:
    """What a recorded call changed, once it has run (`entry` is None if nothing stayed)."""

    entry: UndoEntry | None = None
    result: object = field(default=None, repr=False)


@contextmanager
def recording(ctx: Cockpit) -> Iterator[Taken]:
    """Record what the block writes through `ctx`; `taken.entry` is set when it ends (even when
    it fails half-way after a write). Set `taken.result` to the call's result for its label."""
    taken = Taken()
    store = ctx.store
    with store_recording(store) as rec:
        try:
            yield taken
        finally:
            changes = rec.changes()
            records = tuple(r for r in changes if r.table not in LEFT_OUT)
            timers = tuple(r for r in changes if r.table == "focus" and r.before is ABSENT)
            if records:
                with store.lock:  # another worker may be writing
                    label = label_of(taken.result, records, held(store))
                taken.entry = UndoEntry(label, records, timers)


def revert(ctx: Cockpit, entry: UndoEntry) -> Replayed:
    """Put every record of the change back as it was before it."""
    _replay(ctx, entry, forward=False)
    return Replayed(f"Undone: {entry.label}{_still_timed(ctx, entry)}", changed_step(ctx, entry))


def _still_timed(ctx: Cockpit, entry: UndoEntry) -> str:
    """Words on a timer the change started that still runs (undo leaves it running)."""
    for record in entry.timers:
        doc = now_held(ctx.store, record)
        if doc is None or doc.get("status") not in ("running", "paused"):
            continue
        seconds = doc.get("planned_seconds")
        kind = str(doc.get("kind") or "focus session").replace("_", " ")
        length = f"{seconds // 60}-minute " if isinstance(seconds, int) and seconds else ""
        return (
            f". The {length}{kind} it started still runs (undo leaves the timer alone): "
            "stop it on the Focus screen (s)."
        )
    return ""


def reapply(ctx: Cockpit, entry: UndoEntry) -> Replayed:
    """Make the change again, after an undo."""
    _replay(ctx, entry, forward=True)
    return Replayed(f"Redone: {entry.label}", changed_step(ctx, entry))


def _replay(ctx: Cockpit, entry: UndoEntry, *, forward: bool) -> None:
    ctx.require_writer()
    _keep_timed_tasks(ctx, entry, forward=forward)
    try:
        put_back(ctx.store, list(entry.records), forward=forward)
    except RecordsChanged as changed:
        first = min(changed.records, key=_rank)  # a run or a process before a meta field
        what = describe(first, changed.now)
        more = len(changed.records) - 1
        also = f" (and {more} more)" if more else ""
        verb = "redo" if forward else "undo"
        raise RuleError(
            f'Cannot {verb} "{entry.label}": {what}{also} was changed since, here or on '
            "another device. Nothing was changed."
        ) from None


def _keep_timed_tasks(ctx: Cockpit, entry: UndoEntry, *, forward: bool) -> None:
    """A task a focus session was timed on since is not taken away (the session, which
    undo leaves alone, would name a task the file no longer holds)."""
    gone = {
        str(record.ident[0]): (record.before if record.before is not ABSENT else record.after)
        for record in entry.records
        if record.table == "tasks" and (record.after if forward else record.before) is ABSENT
    }
    if not gone:
        return
    with ctx.store.lock:
        sessions = held(ctx.store).get("focus", {}).values()
        timed = {doc.get("task") for doc in sessions if doc.get("task")}
    for uid, doc in gone.items():
        if uid in timed:
            verb = "redo" if forward else "undo"
            raise RuleError(
                f'Cannot {verb} "{entry.label}": task "{doc.get("title")}" has a focus session '
                "on it now. Nothing was changed."
            )


def changed_step(ctx: Cockpit, entry: UndoEntry) -> str | None:
    """The first step whose state the change changed, as `412.2` in the file now (Today shows
    it under the cursor); None when it changed no step."""
    for record in entry.records:
        if record.table != "occurrences":
            continue
        before, after = _steps(record.before), _steps(record.after)
        if not after and not before:
            continue
        positions = [
            position
            for position, step in enumerate(before or after, start=1)
            if before.get(step) != after.get(step)
        ]
        doc = now_held(ctx.store, record)
        if doc is not None:
            return f"{doc.get('no')}.{positions[0] if positions else 1}"
    return None


def _steps(doc: Any) -> dict[str, Doc]:
    if doc is ABSENT:
        return {}
    return {state["step"]: state for state in doc.get("steps", ())}


# -- words -------------------------------------------------------------------------------


def label_of(result: object, records: tuple[Record, ...], data: dict[str, Any]) -> str:
    """What to call a change: its own message (a step done says which), else what it touched."""
    message = getattr(result, "message", None)
    if isinstance(message, str) and message:
        return message
    ranked = sorted((r for r in records if r.table in ORDER), key=_rank) or list(records)
    first = ranked[0]
    what = describe(first, data)
    if first.table in ("plans", "reviews"):  # the day's plan, the week's review: one each
        return f"{what} changed"
    if first.table in ("processes", "roles", "systems") and ABSENT not in (
        first.before,
        first.after,
    ):
        return _edit_words(first.before, first.after, what)
    if first.table == "occurrences" and ABSENT not in (first.before, first.after):
        return _run_words(first.before, first.after, data) or f"{what} changed"
    if first.before is ABSENT:
        return f"{what} added"
    if first.after is ABSENT:
        return f"{what} removed"
    more = len({r.ident for r in ranked if r.table == first.table}) - 1
    return f"{what}{f' and {more} more' if more else ''} changed"


def _rank(record: Record) -> int:
    return ORDER.index(record.table) if record.table in ORDER else len(ORDER)


def _edit_words(before: Doc, after: Doc, what: str) -> str:
    """A definition's edit in a few words: a step deleted, added or moved, a rename, retired."""
    old_steps = {step.get("id"): step for step in before.get("steps", ())}
    new_steps = {step.get("id"): step for step in after.get("steps", ())}
    gone = [step for key, step in old_steps.items() if key not in new_steps]
    came = [step for key, step in new_steps.items() if key not in old_steps]
    if len(gone) == 1 and not came:
        return f'step "{gone[0].get("title")}" deleted from {what}'
    if len(came) == 1 and not gone:
        return f'step "{came[0].get("title")}" added to {what}'
    if not gone and not came and list(old_steps) != list(new_steps):
        return f"steps moved in {what}"
    edited = [step for key, step in new_steps.items() if old_steps.get(key) != step]
    if not gone and not came and len(edited) == 1:
        return f'step "{edited[0].get("title")}" edited in {what}'
    kind = what.split(" ", 1)[0]
    if before.get("name") != after.get("name"):
        return f'{kind} "{before.get("name")}" renamed "{after.get("name")}"'
    if after.get("stage") == "retired" and before.get("stage") != "retired":
        return f"{what} retired"
    if after.get("stage") != before.get("stage") and not gone and not came and not edited:
        return f"{what} moved to {after.get('stage')}"
    if after.get("archived") and not before.get("archived"):
        return f"{what} archived"
    return f"{what} edited"


def _run_words(before: Doc, after: Doc, data: dict[str, Any]) -> str | None:
    """One step of a run changed, as the actions say it: `done: 412.2 "Send" (Invoice)`."""
    old, new = before.get("steps", []), after.get("steps", [])
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    if len(changed) != 1 or len(old) != len(new):
        return None
    state = new[changed[0]]
    status = {"open": "opened again"}.get(state.get("status", "open"), state.get("status"))
    if status == "opened again" and state.get("snoozed_to"):
        status = f"snoozed to {state['snoozed_to']}"
    process_id = str(after.get("process"))
    title = next(
        (
            step.get("title")
            for doc in data.get("processes", {}).values()
            if doc.get("id") == process_id
            for step in doc.get("steps", ())
            if step.get("id") == state.get("step")
        ),
        state.get("step"),
    )
    name = _process_name(data, process_id)
    return f'{status}: {after.get("no")}.{changed[0] + 1} "{title}" ({name})'


def describe(record: Record, data: dict[str, Any]) -> str:
    """A record in the owner's words: `process "Invoice clients"`, `run 412 of ...`."""
    doc = record.after if record.after is not ABSENT else record.before
    table = record.table
    if table == META:
        return _meta_words(record, data)
    if not isinstance(doc, dict):
        return "a record"
    if table in ("processes", "process_history"):
        name = f'process "{doc.get("name", doc.get("id"))}"'
        return name if table == "processes" else f"an earlier version of {name}"
    if table in ("roles", "systems"):
        return f'{table[:-1]} "{doc.get("name", doc.get("id"))}"'
    if table == "reviews":
        return f"the review of {doc.get('week')}"
    if table == "plans":
        return f"the plan of {_day(doc.get('date'))}"
    if table == "occurrences":
        process = _process_name(data, str(doc.get("process")))
        return f'run {doc.get("no")} of "{process}" ({_day(doc.get("date"))})'
    if table == "focus":
        return f"focus session {doc.get('id')}"
    if table == "tasks":
        return f'task "{doc.get("title")}"'
    return f"a record of {table}"


def _meta_words(record: Record, data: dict[str, Any]) -> str:
    if len(record.ident) == 2 and record.ident[0] in ("horizons", "last_closed"):
        return f'where "{_process_name(data, record.ident[1])}" stands in its schedule'
    return "the data file's settings"


def _process_name(data: dict[str, Any], process_id: str) -> str:
    for doc in data.get("processes", {}).values():
        if doc.get("id") == process_id:
            return str(doc.get("name", process_id))
    return process_id


def _day(text: object) -> str:
    try:
        return f"{date.fromisoformat(str(text)):%a %d %b}"
    except ValueError:
        return str(text)
