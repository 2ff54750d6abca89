"""The Store's tasks: one-off work beside the process steps (`cockpit add`, `a` on Today).

A task's number is its key in the table; a new task takes the next free number. Tasks stay
in the live file (a few thousand are small beside the runs); their identity across two
devices is their ULID, by which merge, undo and the carry-over of a write match them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cockpit.domain.tasks import Task
from cockpit.store.core import TASKS, StoreCore
from cockpit.store.task_codec import task_doc, task_from


class TaskTable(StoreCore):
    """Reading and saving tasks."""

    def tasks(self) -> list[Task]:
        """Every task, by number (each record decoded once while it stays the same)."""
        return sorted(self._decode_keyed(TASKS, task_from), key=lambda task: task.id)

    def day_tasks(self, on: date) -> list[Task]:
        """The open tasks a day shows, by number: in the inbox, or due on `on` or before.
        A later or closed one is not decoded (stored dates are ISO: they sort as text)."""
        last = on.isoformat()

        def shown(doc: dict[str, Any]) -> bool:
            return doc.get("status", "open") == "open" and (doc.get("due") or "") <= last

        return self._tasks_where(shown)

    def tasks_closed_between(self, start: datetime, end: datetime) -> list[Task]:
        """The closed tasks that say how long they took, closed in [start, end) (the day's
        logged time). Only those whose stored instant names a date within a day of the
        window are decoded: an instant's offset moves its date by less than a day."""
        low = (start.astimezone(UTC).date() - timedelta(days=1)).isoformat()
        high = (end.astimezone(UTC).date() + timedelta(days=1)).isoformat()

        def near(doc: dict[str, Any]) -> bool:
            closed = doc.get("closed_at")
            return (
                bool(doc.get("minutes")) and isinstance(closed, str) and low <= closed[:10] <= high
            )

        return [
            task
            for task in self._tasks_where(near)
            if task.closed_at is not None and start <= task.closed_at < end
        ]

    def _tasks_where(self, wanted: Callable[[dict[str, Any]], bool]) -> list[Task]:
        with self.lock:
            known = self._decoded_docs.setdefault(TASKS, {})
            found = []
            for key, doc in self._raw(TASKS).items():
                if not wanted(doc):
                    continue
                hit = known.get(key)
                if hit is None or hit[0] is not doc:
                    hit = known[key] = (doc, task_from(key, doc))
                found.append(hit[1])
        return sorted(found, key=lambda task: task.id)

    def task(self, number: int) -> Task | None:
        with self.lock:
            doc = self._raw(TASKS).get(str(number))
            return None if doc is None else task_from(str(number), doc)

    def new_task_id(self) -> int:
        """The next number: above every task's, and above every number handed out before (a
        task undone leaves its number unused: a plan naming it must not name another)."""
        with self.lock:
            last = max((int(key) for key in self._raw(TASKS) if key.isdigit()), default=0)
            return max(last + 1, int(self.meta().get("next_task", 1)))

    def save_task(self, task: Task) -> Task:
        """Save a task (a new one takes the next free number when its own is taken by
        another); returns it as stored, with its uid and number: a write carried over onto
        a file another device changed may have given it another number, or merged it."""
        with self.batch():
            doc = task_doc(task)
            held = self._raw(TASKS).get(str(task.id))
            number = task.id
            if held is not None and held.get("uid") != doc["uid"]:
                number = self.new_task_id()
            self._put(TASKS, number, doc)
            if number >= int(self.meta().get("next_task", 1)):
                self._set_meta(next_task=number + 1)
        with self.lock:
            table = self._raw(TASKS)
            if table.get(str(number), {}).get("uid") != doc["uid"]:
                found = [k for k, held in table.items() if held.get("uid") == doc["uid"]]
                number = int(found[0]) if found else number
            return task_from(str(number), table.get(str(number), doc))
