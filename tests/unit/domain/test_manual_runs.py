"""The domain rules behind starting a run by hand: the next run's date, a run brought forward,
and when a hand-started run is missed."""

from __future__ import annotations

from datetime import date

from cockpit.domain.due import due_steps
from cockpit.domain.materialize import materialize, new_occurrence, next_run_date, started_early
from cockpit.domain.occurrence import OccurrenceStatus
from tests.unit.domain.builders import at, process

START = date(2026, 11, 2)  # a Monday


def test_the_next_run_of_a_calendar_process_is_the_first_date_after_its_horizon() -> None:
    weekly = process("weekly on fri", start=START)
    assert next_run_date(weekly, None, None) == date(2026, 11, 6)
    assert next_run_date(weekly, date(2026, 11, 6), None) == date(2026, 11, 13)
    assert next_run_date(weekly, date(2026, 11, 8), None) == date(2026, 11, 13)
    ended = process("RRULE:FREQ=WEEKLY;COUNT=1", start=START)
    assert next_run_date(ended, START, None) is None


def test_the_next_run_of_an_after_done_process_counts_from_the_last_done() -> None:
    after = process("3 days after done", start=START)
    assert next_run_date(after, None, None) == START
    assert next_run_date(after, START, date(2026, 11, 4)) == date(2026, 11, 7)
    assert next_run_date(after, date(2026, 11, 8), date(2026, 11, 4)) == date(2026, 11, 9)
    assert next_run_date(process("on demand", start=START), None, None) is None


def test_a_run_started_early_has_every_step_due_on_the_day_it_starts() -> None:
    proc = process("weekly on fri", start=START, offsets=(-2, 0, 1))
    run = new_occurrence(proc, date(2026, 11, 13), 7)
    early = started_early(run, proc, START)
    assert early.date == run.date and not early.manual
    due = due_steps([early], lambda pid, v: proc, START)
    assert [(d.position, d.due, d.snoozed) for d in due] == [(1, START, False), (2, START, False),
                                                          (3, START, False)]  # fmt: skip
    # a step already due by then keeps its own date
    assert started_early(run, proc, date(2026, 11, 12)).steps[0].snoozed_to is None


def test_a_hand_started_run_of_a_scheduled_process_is_missed_when_the_next_falls_due() -> None:
    """Runs an older Cockpit started by hand beside scheduled ones no longer stay forever."""
    proc = process("weekly on fri", start=START)
    manual = new_occurrence(proc, date(2026, 11, 3), 99, manual=True)
    found = materialize([proc], {proc.id: [manual]}, {}, {}, date(2026, 11, 5), at(START), 100)
    assert found.missed == []
    found = materialize([proc], {proc.id: [manual]}, {}, {}, date(2026, 11, 6), at(START), 100)
    assert [(r.no, r.status, r.closed_on) for r in found.missed] == [
        (99, OccurrenceStatus.MISSED, date(2026, 11, 6))
    ]


def test_on_demand_runs_are_never_missed() -> None:
    proc = process("on demand", start=START)
    runs = [new_occurrence(proc, START, n, manual=True) for n in (1, 2)]
    found = materialize([proc], {proc.id: runs}, {}, {}, date(2027, 1, 1), at(START), 3)
    assert found.missed == [] and found.created == []
