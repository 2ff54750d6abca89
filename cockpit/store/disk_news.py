"""What came in when the data file changed on disk: "4 steps done elsewhere"."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import Any

from cockpit.domain.text import counted
from cockpit.store.identity import focus_identity, run_identity

Data = dict[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class DiskNews:
    """The difference between the data held and the data now on disk, counted."""

    steps_done: int = 0
    steps_skipped: int = 0
    steps_snoozed: int = 0
    steps_reopened: int = 0  # undone there
    runs_new: int = 0
    sessions_new: int = 0
    definitions: int = 0  # roles, systems and processes added or changed

    def __add__(self, other: DiskNews) -> DiskNews:
        return DiskNews(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def message(self) -> str:
        parts = []
        if self.steps_done:
            parts.append(f"{counted(self.steps_done, 'step', 'steps')} done")
        if self.steps_skipped:
            parts.append(f"{counted(self.steps_skipped, 'step', 'steps')} skipped")
        if self.steps_snoozed:
            parts.append(f"{counted(self.steps_snoozed, 'step', 'steps')} snoozed")
        if self.steps_reopened:
            parts.append(f"{counted(self.steps_reopened, 'step', 'steps')} opened again")
        if self.runs_new:
            parts.append(f"{counted(self.runs_new, 'run', 'runs')} added")
        if self.sessions_new:
            parts.append(f"{counted(self.sessions_new, 'focus session', 'focus sessions')} added")
        if self.definitions:
            parts.append(f"{counted(self.definitions, 'process or role', 'processes or roles')}")
        if not parts:
            return "Updated from disk: the data file was changed elsewhere"
        return "Updated from disk: " + ", ".join(parts) + " elsewhere"


def _states(doc: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """Each step's status and the day it is snoozed to."""
    return {
        state["step"]: (state.get("status", "open"), state.get("snoozed_to"))
        for state in doc.get("steps", ())
    }


def disk_news(before: Data, after: Data, *, since: DiskNews | None = None) -> DiskNews:
    """Count what `after` holds that `before` did not, matching records by identity (added
    to `since`, news not yet told)."""
    old_runs = {run_identity(doc): doc for doc in before.get("occurrences", {}).values()}
    counts = dict.fromkeys(("done", "skipped", "snoozed", "reopened"), 0)
    new_runs = 0
    for doc in after.get("occurrences", {}).values():
        old = old_runs.get(run_identity(doc))
        if old is None:
            new_runs += 1
            old_states: dict[str, tuple[str, Any]] = {}
        elif old is doc or old == doc:
            continue
        else:
            old_states = _states(old)
        for step, (status, snoozed_to) in _states(doc).items():
            was, was_snoozed_to = old_states.get(step, ("open", None))
            if status != was:
                kind = "reopened" if status == "open" else status
                counts[kind] = counts.get(kind, 0) + 1
            elif status == "open" and snoozed_to and snoozed_to != was_snoozed_to:
                counts["snoozed"] += 1
    old_sessions = {focus_identity(doc) for doc in before.get("focus", {}).values()}
    sessions = sum(
        focus_identity(doc) not in old_sessions for doc in after.get("focus", {}).values()
    )
    definitions = 0
    for table in ("roles", "systems", "processes"):
        old_docs = list(before.get(table, {}).values())
        definitions += sum(doc not in old_docs for doc in after.get(table, {}).values())
    news = DiskNews(
        counts["done"],
        counts["skipped"],
        counts["snoozed"],
        counts["reopened"],
        new_runs,
        sessions,
        definitions,
    )
    return news if since is None else news + since
