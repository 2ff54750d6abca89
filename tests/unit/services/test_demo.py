"""The demo: the sample business with ten weeks of deterministic history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from cockpit.clock import FixedClock
from cockpit.domain.focus import FocusStatus
from cockpit.domain.occurrence import OccurrenceStatus
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.demo import SKIP_REASONS, WEEKS, build_demo
from tests.unit.services.helpers import MONDAY, SETTINGS, TZ, runs_of


def demo_into(path: Path) -> dict[str, Any]:
    with Cockpit.open(path, FixedClock.on(MONDAY, TZ), SETTINGS) as ctx:
        build_demo(ctx)
    data = orjson.loads(path.read_bytes())
    assert isinstance(data, dict)
    return data


def test_the_demo_is_the_same_every_time_and_never_touches_the_users_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = tmp_path / "mine" / "cockpit.json"
    users.parent.mkdir()
    users.write_bytes(b'{"precious": true}')
    monkeypatch.setenv("COCKPIT_DATA", str(users))
    before = sorted(p.name for p in users.parent.iterdir())

    first = demo_into(tmp_path / "one" / "cockpit.json")
    second = demo_into(tmp_path / "two" / "cockpit.json")
    assert first == second
    assert first["occurrences"] and first["focus"]

    assert users.read_bytes() == b'{"precious": true}'
    assert sorted(p.name for p in users.parent.iterdir()) == before


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Cockpit]:
    with Cockpit.open(tmp_path / "demo.json", FixedClock.on(MONDAY, TZ), SETTINGS) as ctx:
        build_demo(ctx)
        yield ctx


def test_the_demo_has_history_of_every_kind(demo: Cockpit) -> None:
    runs = demo.store.occurrences()
    first = MONDAY - timedelta(weeks=WEEKS)
    assert min(run.date for run in runs) == first
    statuses = {status: [r for r in runs if r.status is status] for status in OccurrenceStatus}
    assert len(statuses[OccurrenceStatus.DONE]) > 100
    assert statuses[OccurrenceStatus.MISSED]
    skipped = statuses[OccurrenceStatus.SKIPPED]
    assert skipped
    assert all(run.reason in SKIP_REASONS for run in skipped)
    assert len({run.reason for run in skipped}) > 1
    assert all(run.date < MONDAY for run in runs if not run.is_open)
    assert any(run.manual for run in runs)  # on-demand processes were started by hand

    done_steps = [s for r in statuses[OccurrenceStatus.DONE] for s in r.steps]
    assert all(s.minutes and s.minutes > 0 for s in done_steps if s.status.value == "done")

    sessions = demo.store.focus_sessions()
    assert sessions
    assert all(s.status is FocusStatus.LOGGED and s.minutes for s in sessions)
    assert all(s.occurrence_no is not None and s.step_id for s in sessions)
    assert len({s.id for s in sessions}) == len(sessions)
    assert demo.store.active_focus() is None

    bookkeeping = runs_of(demo, "Update bookkeeping")
    closed = [run for run in bookkeeping if not run.is_open]
    tail = [run.status for run in closed[-3:]]
    assert tail == [OccurrenceStatus.MISSED] * 3, [r.status.value for r in closed]
    assert OccurrenceStatus.DONE in {run.status for run in closed}  # it used to be done

    plan = plan_day(demo)
    assert plan.today == MONDAY
    assert plan.steps
