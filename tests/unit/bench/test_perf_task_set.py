"""The bench's tasks (issue 13's heavy set "with 2,000 tasks added"): mixed as they pile up,
the same every time, and read by the store and the signals as any owner's."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from cockpit.bench.datasets import build_dataset
from cockpit.bench.task_set import make_tasks
from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.domain.tasks import TaskStatus
from cockpit.services.context import Cockpit
from cockpit.services.signals import signals

TODAY = date(2026, 11, 20)


def test_the_tasks_are_mixed_as_they_pile_up() -> None:
    tasks = make_tasks(2_000, TODAY)
    assert [task.id for task in tasks] == list(range(1, 2_001))
    status = Counter(task.status for task in tasks)
    assert 500 < status[TaskStatus.DONE] < 900
    assert 40 < status[TaskStatus.SKIPPED] < 200
    open_tasks = [task for task in tasks if task.status is TaskStatus.OPEN]
    inbox = [task for task in open_tasks if task.due is None]
    dated = [task for task in open_tasks if task.due is not None]
    assert len(inbox) > 250 and len(dated) > 500
    assert any(t.due and t.due < TODAY for t in dated) and any(
        t.due and t.due > TODAY for t in dated
    )
    carried = [t for t in dated if t.first_due is not None and t.due and t.first_due < t.due]
    assert len(carried) > 100
    titles = Counter(task.title for task in tasks)
    assert len([title for title, n in titles.items() if n >= 10]) >= 5  # again and again
    assert len({task.uid for task in tasks}) == 2_000


def test_the_tasks_are_the_same_every_time() -> None:
    assert make_tasks(300, TODAY) == make_tasks(300, TODAY)
    assert make_tasks(300, TODAY) != make_tasks(300, TODAY, seed=8)


def test_a_data_set_with_tasks_opens_and_shows_the_to_dos_that_need_a_system(
    tmp_path: Path,
) -> None:
    path = build_dataset(
        tmp_path, "t", processes=20, years=1, focus_sessions=50, today=TODAY, tasks=2_000
    )
    with Cockpit.open(path, FixedClock.on(TODAY, "UTC"), Settings(timezone="UTC")) as ctx:
        assert len(ctx.store.tasks()) == 2_000
        found = signals(ctx)
    assert found
    assert any("Chase the late invoice" in repr(signal) for signal in found)
