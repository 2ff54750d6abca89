"""The Store's record of the owner's own work: focus sessions, weekly reviews, day plans.

Ended focus sessions old enough move to the yearly archive files like closed runs,
so a range of sessions reads the archives it reaches; reviews and plans stay live.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from cockpit.domain.focus import FocusSession
from cockpit.domain.review import Review
from cockpit.domain.timeline import pins_of
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

    def focus_minutes(self, occurrence_no: int, step_id: str) -> int | None:
        """Minutes logged by focus sessions on one step of one run (None if none)."""
        with self.lock:
            minutes = [
                doc.get("minutes") or 0
                for doc in self._raw(FOCUS).values()
                if doc.get("occurrence") == occurrence_no
                and doc.get("step") == step_id
                and doc.get("status") == "logged"
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
        with self.batch():
            doc = {**self._plan_doc(day), "steps": list(steps)}
            self._put_by_key(PLANS, "date", day.isoformat(), doc)

    def plan_pins(self, day: date) -> dict[str, time]:
        """The blocks steps were moved to on the day's timeline: their starts by step ref."""
        with self.lock:
            return pins_of(self._plan_doc(day).get("pins", {}))

    def save_pin(self, day: date, key: str, start: time | None) -> None:
        """Pin a step to the block starting at `start` on the day's timeline (None: unpin)."""
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
