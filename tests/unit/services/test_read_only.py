"""A second Cockpit on a data file the first one holds: it reads, it never writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.focus import FocusKind
from cockpit.services import actions
from cockpit.services.business import create_roles, load_sample
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.focus import start_focus
from cockpit.services.transfer import import_path
from cockpit.store.errors import StoreLockedError, StoreReadOnlyError
from tests.unit.services.helpers import MONDAY, SETTINGS, open_run


def test_a_second_cockpit_reads_and_refuses_every_change(
    sample: Cockpit, clock: FixedClock, data_path: Path
) -> None:
    run = open_run(sample, "Weekly social posts")
    writer_plan = plan_day(sample)
    with pytest.raises(StoreLockedError, match="open in another Cockpit"):
        Cockpit.open(data_path, clock, SETTINGS)
    stored = data_path.read_bytes()

    with Cockpit.open(data_path, clock, SETTINGS, fall_back_to_read_only=True) as reader:
        assert reader.read_only
        assert not sample.read_only
        plan = plan_day(reader)
        assert [d.id for d in plan.steps] == [d.id for d in writer_plan.steps]
        assert [r.name for r in plan.roles] == [r.name for r in writer_plan.roles]
        # a later day is computed in memory only
        assert plan_day(reader, MONDAY + timedelta(days=2)).steps

        changes: dict[str, Callable[[], object]] = {
            "complete": lambda: actions.complete(reader, f"{run.no}.1", 5),
            "complete run": lambda: actions.complete(reader, str(run.no)),
            "skip": lambda: actions.skip(reader, f"{run.no}.1", "why"),
            "snooze": lambda: actions.snooze(reader, f"{run.no}.1", MONDAY + timedelta(days=1)),
            "keep": lambda: actions.keep(reader, str(run.no)),
            "start": lambda: actions.start(reader, "case study"),
            "focus": lambda: start_focus(reader, FocusKind.POMODORO, role="Sales"),
            "sample": lambda: load_sample(reader),
            "roles": lambda: create_roles(reader, ["Finance"]),
            "import": lambda: import_path(reader, data_path),
        }
        for name, change in changes.items():
            with pytest.raises(StoreReadOnlyError, match="read-only"):
                change()
            assert data_path.read_bytes() == stored, name
    assert data_path.read_bytes() == stored

    # the writer was not disturbed
    actions.complete(sample, f"{run.no}.1", 5)
    assert data_path.read_bytes() != stored
