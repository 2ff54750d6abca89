"""No step is due before its process starts: the reminder the day before the first run of a
daily process made today is due today, not late; every later run keeps its lead. Checked
across month ends, a leap day and the nights the clocks change (dates are calendar days)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from cockpit.domain.due import DueStep, due_steps, index_processes
from cockpit.domain.materialize import materialize
from cockpit.domain.model import Process
from cockpit.domain.occurrence import Occurrence
from tests.unit.domain.builders import at, process

FIRST_DAYS = [
    date(2026, 11, 23),  # a Monday
    date(2026, 10, 31),  # a month's last day
    date(2026, 12, 31),  # a year's last day
    date(2028, 2, 29),  # a leap day
    date(2028, 3, 1),  # the day after it
    date(2026, 3, 29),  # Europe's clocks go forward that night
    date(2026, 11, 1),  # America's clocks go back that night
]


def runs_through(proc: Process, day: date) -> list[Occurrence]:
    made = materialize([proc], {}, {}, {}, day, at(day), 1)
    missed = {run.no for run in made.missed}
    return [run for run in made.created if run.no not in missed]


def due_on(proc: Process, day: date) -> list[DueStep]:
    table = index_processes([proc])
    return due_steps(runs_through(proc, day), lambda pid, v: table.get((pid, v)), day)


@pytest.mark.parametrize("first", FIRST_DAYS, ids=str)
def test_the_first_day_has_nothing_late(first: date) -> None:
    proc = process("daily", start=first, offsets=(-1, 0))
    found = due_on(proc, first)
    assert {(d.occurrence.date, d.step.id): d.overdue_days for d in found} == {
        (first, "s1"): 0,
        (first, "s2"): 0,
        (first + timedelta(days=1), "s1"): 0,  # tomorrow's reminder, due today
    }
    assert all(d.due == first for d in found)


@pytest.mark.parametrize("first", FIRST_DAYS, ids=str)
def test_the_next_day_keeps_the_lead_and_an_undone_reminder_is_late(first: date) -> None:
    proc = process("daily", start=first, offsets=(-1, 0))
    after = first + timedelta(days=1)
    found = {(d.occurrence.date, d.step.id): d for d in due_on(proc, after)}
    assert found[(after, "s1")].due == first and found[(after, "s1")].overdue_days == 1
    assert found[(after, "s2")].overdue_days == 0
    assert found[(after + timedelta(days=1), "s1")].due == after


def test_a_weekly_run_whose_reminder_falls_before_the_start_is_due_on_the_start() -> None:
    start = date(2026, 11, 30)  # a Monday; the run is Tuesday, its reminder three days before
    proc = process("weekly on tue", start=start, offsets=(-3, 0))
    found = due_on(proc, start)
    assert [(d.step.id, d.due, d.overdue_days) for d in found] == [("s1", start, 0)]


def test_a_snoozed_step_keeps_the_date_it_was_given() -> None:
    first = date(2026, 10, 31)
    proc = process("daily", start=first, offsets=(-1, 0))
    run = runs_through(proc, first)[0]
    moved = replace(run.steps[0], snoozed_to=first - timedelta(days=1))  # a date set earlier
    run = replace(run, steps=(moved, *run.steps[1:]))
    table = index_processes([proc])
    found = due_steps([run], lambda pid, v: table.get((pid, v)), first)
    assert {d.step.id: d.overdue_days for d in found}["s1"] == 1
