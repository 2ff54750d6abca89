"""Undo and redo of task changes, as hypothesis plays them: any series of adds, dones,
skips, moves and estimates, undone one by one from the last, leaves the tasks as they were
before each; redone from the first, as they were after."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.clock import FixedClock
from cockpit.domain.errors import CockpitError
from cockpit.services import actions, undo
from cockpit.services.context import Cockpit
from cockpit.services.tasks import add_task, move_task, set_task_estimate
from tests.sample_fixtures import MONDAY, SETTINGS, TZ

OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "add", "done", "skip", "move", "inbox", "estimate"]),
        st.integers(1, 4),
    ),
    min_size=1,
    max_size=10,
)


def tasks_of(ctx: Cockpit) -> dict[str, Any]:
    return dict(ctx.store.snapshot().get("tasks", {}))


def play(ctx: Cockpit, op: str, n: int) -> object:
    key = f"t{n}"
    if op == "add":
        return add_task(ctx, f"Task {n}", due=MONDAY if n % 2 else None)
    if op == "done":
        return actions.complete(ctx, key, minutes=n)
    if op == "skip":
        return actions.skip(ctx, key, "not needed")
    if op == "move":
        return move_task(ctx, key, MONDAY + timedelta(days=n))
    if op == "inbox":
        return move_task(ctx, key, None)
    return set_task_estimate(ctx, key, 5 * n)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_every_task_change_is_undone_and_redone(ops: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock.on(MONDAY, TZ)
        with Cockpit.open(Path(folder) / "c.json", clock, SETTINGS) as ctx:
            states, entries = [tasks_of(ctx)], []
            for op, n in ops:
                clock.advance(minutes=1)
                try:
                    with undo.recording(ctx) as taken:
                        taken.result = play(ctx, op, n)
                except CockpitError:
                    assert taken.entry is None  # refused: nothing written
                    continue
                if taken.entry is not None:
                    entries.append(taken.entry)
                    states.append(tasks_of(ctx))
            for entry, before in zip(reversed(entries), reversed(states[:-1]), strict=True):
                undo.revert(ctx, entry)
                assert tasks_of(ctx) == before
            for entry, after in zip(entries, states[1:], strict=True):
                undo.reapply(ctx, entry)
                assert tasks_of(ctx) == after
