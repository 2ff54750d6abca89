"""The day reads only the tasks it shows (issue 13): the open ones due by the day or in the
inbox, and the closed ones whose minutes fall in the day. What it shows must not change:
a task closed late at night far from UTC counts on its own local day, in any zone."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.services import actions
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.tasks import add_task
from tests.sample_fixtures import MONDAY


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"])
@pytest.mark.parametrize("at", [time(0, 5), time(12, 0), time(23, 55)])
def test_minutes_typed_on_a_task_count_on_its_local_day_only(
    tmp_path: Path, zone: str, at: time
) -> None:
    clock = FixedClock.on(MONDAY, zone, at)
    with Cockpit.open(tmp_path / "c.json", clock, Settings(timezone=zone)) as ctx:
        load_sample(ctx)
        key = add_task(ctx, "Call the bank", role="admin", due=MONDAY).key
        actions.complete(ctx, key, minutes=17)
        closed = ctx.store.tasks()[0].closed_at
        assert closed is not None and closed.astimezone(ZoneInfo(zone)).date() == MONDAY
        assert plan_day(ctx).logged_minutes.get("admin") == 17
        for other in (MONDAY - timedelta(days=1), MONDAY + timedelta(days=1)):
            assert plan_day(ctx, other).logged_minutes.get("admin") is None


def test_a_task_is_shown_from_its_day_on_and_the_inbox_always(sample: Cockpit) -> None:
    add_task(sample, "Renew the domain", role="admin", due=MONDAY + timedelta(days=3))
    add_task(sample, "Someday", role="admin")
    plan = plan_day(sample)
    assert [t.title for t in plan.tasks] == [] and [t.title for t in plan.inbox] == ["Someday"]
    on_the_day = plan_day(sample, MONDAY + timedelta(days=3))
    assert [t.title for t in on_the_day.tasks] == ["Renew the domain"]
    assert [t.title for t in plan_day(sample, MONDAY + timedelta(days=9)).tasks] == [
        "Renew the domain"
    ]  # overdue: still due
