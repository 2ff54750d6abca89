"""Tasks to JSON documents and back. A task's number is its key in the `tasks` table (per
file, as a run's number), its ULID the identity that survives two devices; dates are plain
local dates, instants ISO-8601 in UTC, as everywhere in the file."""

from __future__ import annotations

from typing import Any

from cockpit.domain.tasks import Task, TaskStatus
from cockpit.store.codec import instant
from cockpit.store.dates import read_day, read_stamp
from cockpit.store.identity import is_uid, new_uid
from cockpit.store.schema_errors import FieldError, located

Doc = dict[str, Any]
_FIELDS = {"name": "title"}  # the entity's own names for its fields, where they differ


def task_doc(task: Task) -> Doc:
    doc: Doc = {
        "uid": task.uid if is_uid(task.uid) else new_uid(task.created_at),
        "title": task.title,
        "created_at": instant(task.created_at),
        "role": task.role_id,
        "system": task.system_id,
        "due": task.due.isoformat() if task.due else None,
        "first_due": task.first_due.isoformat() if task.first_due else None,
        "estimate": task.estimate,
        "status": task.status.value,
        "closed_at": instant(task.closed_at) if task.closed_at else None,
        "minutes": task.minutes,
        "reason": task.reason,
    }
    return {key: value for key, value in doc.items() if value not in (None, "")}


def task_from(key: str, doc: Doc) -> Task:
    """The task stored under `key` (its number); a FieldError names the field at fault.

    Read in one go (a file holds thousands: no per-field bookkeeping while all is well);
    only a record that fails is read again field by field to say where."""
    try:
        return _task(key, doc)
    except Exception:  # read again below to name the field at fault
        return _located_task(key, doc)


def _task(key: str, doc: Doc) -> Task:
    due, first_due = doc.get("due"), doc.get("first_due")
    created = read_stamp(doc["created_at"])
    assert created is not None
    return Task(
        id=int(key) if key.isdigit() and 0 < int(key) < 2**53 else 0,
        title=doc["title"],
        created_at=created,
        role_id=doc.get("role"),
        system_id=doc.get("system"),
        due=read_day(due) if due else None,
        estimate=doc.get("estimate"),
        status=TaskStatus(doc.get("status", "open")),
        closed_at=read_stamp(doc.get("closed_at")),
        minutes=doc.get("minutes"),
        reason=doc.get("reason", ""),
        first_due=read_day(first_due) if first_due else None,
        uid=doc["uid"],
    )


def _located_task(key: str, doc: Doc) -> Task:
    if not key.isdigit() or not 0 < int(key) < 2**53:
        raise FieldError([], f"a task's key is its number (1, 2, ...), not {key!r}")
    with located({}, "created_at"):
        created = read_stamp(doc["created_at"])
    with located({}, "closed_at"):
        closed = read_stamp(doc.get("closed_at"))
    with located({}, "due"):
        due = read_day(doc["due"]) if doc.get("due") else None
    with located({}, "first_due"):
        first_due = read_day(doc["first_due"]) if doc.get("first_due") else None
    assert created is not None
    with located(_FIELDS):
        return Task(
            id=int(key),
            title=doc["title"],
            created_at=created,
            role_id=doc.get("role"),
            system_id=doc.get("system"),
            due=due,
            estimate=doc.get("estimate"),
            status=TaskStatus(doc.get("status", "open")),
            closed_at=closed,
            minutes=doc.get("minutes"),
            reason=doc.get("reason", ""),
            first_due=first_due,
            uid=doc["uid"],
        )
