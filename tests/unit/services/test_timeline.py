"""The day's timeline on the sample business: the same steps as the day's list, placed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import NotFoundError, RuleError
from cockpit.domain.model import TimeBlock
from cockpit.services import planning
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.timeline import day_timeline, move_to_block
from cockpit.store.errors import StoreReadOnlyError
from tests.unit.services.helpers import MONDAY, SETTINGS, TZ, reopen


def test_the_timeline_holds_the_days_steps_each_once(sample: Cockpit) -> None:
    plan = plan_day(sample)
    found = day_timeline(sample)
    line = found.timeline
    assert sorted(w.key for w in line.steps) == sorted(due.id for due in plan.steps)
    assert [p.label for p in line.blocks][:3] == [
        "Admin 08:30-09:00",
        "Sales 09:00-10:30",
        "Delivery 10:45-12:15",
    ]
    assert line.now == 9 * 60  # the sample clock stands at 09:00 Berlin
    assert line.current is not None and line.current.label == "Sales 09:00-10:30"
    for work in line.steps:
        due = found.find(work.key)
        assert due is not None and due.step.title == work.title and due.role == work.role


def test_the_plan_comes_first_in_its_roles_blocks(sample: Cockpit) -> None:
    plan = plan_day(sample)
    last = [due for due in plan.steps if due.role == plan.steps[0].role][-1]
    planning.toggle_planned(sample, MONDAY, last.id)
    line = day_timeline(sample).timeline
    first_block = line.role_blocks(last.role)[0]
    assert first_block.slots[0].work.key == last.id


def test_a_day_ahead_has_no_now_line(sample: Cockpit) -> None:
    line = day_timeline(sample, MONDAY + timedelta(days=1)).timeline
    assert line.day == MONDAY + timedelta(days=1)
    assert line.now is None and line.current is None


def test_a_pin_moves_a_step_and_old_plans_keep_theirs(sample: Cockpit) -> None:
    plan = plan_day(sample)
    planning.toggle_planned(sample, MONDAY, plan.steps[0].id)
    delivery = next(due for due in plan.steps if due.role == "delivery")
    sample.store.save_pin(MONDAY, delivery.id, time(13, 0))
    line = day_timeline(sample).timeline
    moved = line.block_of(delivery.id)
    assert moved is not None and moved.label == "Delivery 13:00-14:30"
    # the plan's order survives a pin, a pin survives the plan's order and a reopening
    planning.toggle_planned(sample, MONDAY, plan.steps[1].id)
    reopened = reopen(sample)
    try:
        assert reopened.store.plan(MONDAY) == [plan.steps[0].id, plan.steps[1].id]
        assert reopened.store.plan_pins(MONDAY) == {delivery.id: time(13, 0)}
        reopened.store.save_pin(MONDAY, delivery.id, None)
        assert reopened.store.plan_pins(MONDAY) == {}
    finally:
        reopened.close()


def test_a_day_of_a_dst_change_places_now_by_the_wall_clock(sample: Cockpit) -> None:
    """Sunday 29 March 2026 in Berlin: 07:30 UTC is 09:30 on the wall (CEST, not 08:30)."""
    sunday = date(2026, 3, 29)
    for role in sample.store.roles():
        if role.id == "sales":
            blocks = {**role.blocks, "sun": (TimeBlock.parse("09:00-10:30"),)}
            sample.store.save_role(replace(role, blocks=blocks))
    sample.clock = FixedClock(datetime(2026, 3, 29, 7, 30, tzinfo=ZoneInfo("UTC")), TZ)
    line = day_timeline(sample).timeline
    assert line.day == sunday
    assert line.now == 9 * 60 + 30
    assert line.current is not None and line.current.label == "Sales 09:00-10:30"
    assert SETTINGS.timezone == TZ


def test_a_step_moves_to_the_next_and_previous_block_of_its_role(sample: Cockpit) -> None:
    line = day_timeline(sample).timeline
    first, later = line.role_blocks("delivery")
    key = first.slots[0].work.key
    moved = move_to_block(sample, MONDAY, key, 1)
    assert moved.block == later.label == "Delivery 13:00-14:30"
    assert moved.message.startswith(f"moved {key} ")
    assert day_timeline(sample).timeline.block_of(key).label == later.label  # type: ignore[union-attr]
    assert sample.store.plan_pins(MONDAY) == {key: time(13, 0)}
    with pytest.raises(RuleError, match="no later block of this role"):
        move_to_block(sample, MONDAY, key, 1)
    move_to_block(sample, MONDAY, key, -1)
    assert day_timeline(sample).timeline.block_of(key).label == first.label  # type: ignore[union-attr]
    with pytest.raises(NotFoundError):
        move_to_block(sample, MONDAY, "999.1", 1)


def test_a_block_full_of_moved_steps_takes_no_more(sample: Cockpit) -> None:
    line = day_timeline(sample).timeline
    sales = line.role_blocks("sales")[0]
    keys = [slot.work.key for slot in sales.slots]
    assert keys, "the sample's Monday has Sales steps"
    # the Sales block is alone that day: a step there has nowhere to go
    with pytest.raises(RuleError, match="no earlier block"):
        move_to_block(sample, MONDAY, keys[0], -1)
    assert sample.store.plan_pins(MONDAY) == {}


def test_a_read_only_cockpit_moves_nothing(sample: Cockpit) -> None:
    key = day_timeline(sample).timeline.role_blocks("delivery")[0].slots[0].work.key
    path = sample.store.path
    sample.close()
    reader = Cockpit.open(path, sample.clock, SETTINGS, read_only=True)
    with reader, pytest.raises(StoreReadOnlyError):
        move_to_block(reader, MONDAY, key, 1)
