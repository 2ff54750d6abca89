"""The Store's record of the owner's own work: focus sessions, weekly reviews, day plans.

Ended focus sessions old enough move to the yearly archive files like closed runs,
so a range of sessions reads the archives it reaches; reviews and plans stay live.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from cockpit.domain.day_clock import pins_of
from cockpit.domain.focus import FocusSession
from cockpit.domain.model import require_day
from cockpit.domain.review import Review
from cockpit.store import archive, codec
from cockpit.store.core import FOCUS, PLANS, REVIEWS, StoreCore


class FocusReviewPlanTables(StoreCore):
    """Reading and saving focus sessions, weekly reviews and day plans."""

    # -- focus sessions -------------------------------------------------------------------

    def active_focus(self) -> FocusSession | None:
        with self.lock:
            for doc in self._raw(FOCUS).values():
                if doc.get("status") in ("running", "paused"):
                    return codec.focus_from(doc)
        return None

    _logged_docs: list[Any] | None = None  # the sessions `_logged_minutes` was summed from
    _logged_minutes: dict[tuple[Any, Any], int]

    def focus_minutes(self, occurrence_no: int, step_id: str) -> int | None:
        """Minutes logged by focus sessions on one step of one run (None if none).

        Summed once for every step and kept while the sessions are the very same objects
        (they are replaced, never changed in place): completing a step on a file of
        12,000 sessions no longer reads them all (about 1 ms)."""
        with self.lock:
            docs = list(self._raw(FOCUS).values())
            if self._logged_docs is None or self._logged_docs != docs:
                self._logged_minutes = logged_minutes(docs)
                self._logged_docs = docs
            return self._logged_minutes.get((occurrence_no, step_id))

    def task_focus_minutes(self, task_uid: str) -> int | None:
        """Minutes logged by focus sessions on one task (None if none)."""
        with self.lock:
            minutes = [
                doc.get("minutes") or 0
                for doc in self._raw(FOCUS).values()
                if doc.get("task") == task_uid and doc.get("status") == "logged"
            ]
        return sum(minutes) if minutes else None

    def new_focus_id(self) -> int:
        return int(self.meta().get("next_focus", 1))

    def save_focus(self, session: FocusSession) -> None:
        with self.batch():
            self._put(FOCUS, session.id, codec.focus_doc(session))
            if session.id >= self.new_focus_id():
                self._set_meta(next_focus=session.id + 1)

    def focus_sessions(
        self, since: date | None = None, until: date | None = None
    ) -> list[FocusSession]:
        low = since.isoformat() if since else ""
        high = (until.isoformat() if until else "9999") + "~"
        with self.lock:
            sessions = [
                codec.focus_from(d)
                for d in self._raw(FOCUS).values()
                if low <= d["started_at"] <= high
            ]
        for doc in archive.iter_archived(self.path, FOCUS, self._archive_years(since, until)):
            if low <= doc["started_at"] <= high:
                sessions.append(codec.focus_from(doc))
        return sorted({s.id: s for s in sessions}.values(), key=lambda s: s.started_at)

    # -- reviews and plans ----------------------------------------------------------------

    def review(self, week: str) -> Review | None:
        with self.lock:
            for doc in self._raw(REVIEWS).values():
                if doc["week"] == week:
                    return codec.review_from(doc)
        return None

    def reviews(self) -> list[Review]:
        return self._decode_all(REVIEWS, codec.review_from)

    def save_review(self, review: Review) -> None:
        with self.batch():
            self._put_by_key(REVIEWS, "week", review.week, codec.review_doc(review))

    def plan(self, day: date) -> list[str]:
        with self.lock:
            for doc in self._raw(PLANS).values():
                if doc["date"] == day.isoformat():
                    return list(doc["steps"])
        return []

    def _plan_doc(self, day: date) -> dict[str, Any]:
        for doc in self._raw(PLANS).values():
            if doc["date"] == day.isoformat():
                return dict(doc)
        return {"date": day.isoformat(), "steps": []}

    def save_plan(self, day: date, steps: list[str]) -> None:
        """The day's planned steps, in order (the pins of the day stay)."""
        require_day(day, "the plan's day", "date")  # the reader refuses any other
        with self.batch():
            doc = {**self._plan_doc(day), "steps": list(steps)}
            self._put_by_key(PLANS, "date", day.isoformat(), doc)

    def plan_pins(self, day: date) -> dict[str, time]:
        """The blocks steps were moved to on the day's timeline: their starts by step ref."""
        with self.lock:
            return pins_of(self._plan_doc(day).get("pins", {}))

    def save_pin(self, day: date, key: str, start: time | None) -> None:
        """Pin a step to the block starting at `start` on the day's timeline (None: unpin)."""
        require_day(day, "the plan's day", "date")
        with self.batch():
            doc = self._plan_doc(day)
            pins = {k: v for k, v in doc.get("pins", {}).items() if k != key}
            if start is not None:
                pins[key] = f"{start:%H:%M}"
            if pins:
                doc["pins"] = pins
            else:
                doc.pop("pins", None)
            self._put_by_key(PLANS, "date", day.isoformat(), doc)


def logged_minutes(docs: list[Any]) -> dict[tuple[Any, Any], int]:
    """The minutes of the logged sessions, summed by (run number, step)."""
    sums: dict[tuple[Any, Any], int] = {}
    for doc in docs:
        if doc.get("status") != "logged":
            continue
        key = (doc.get("occurrence"), doc.get("step"))
        try:
            sums[key] = sums.get(key, 0) + (doc.get("minutes") or 0)
        except TypeError:  # not a number the schema would let through: as the scan did
            continue
    return sums
