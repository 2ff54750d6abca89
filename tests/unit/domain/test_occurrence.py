from __future__ import annotations

from datetime import date, timedelta

import pytest

from cockpit.domain.errors import RuleError, ValidationError
from cockpit.domain.materialize import new_occurrence
from cockpit.domain.occurrence import OccurrenceStatus, StepStatus
from tests.unit.domain.builders import at, process

DAY = date(2026, 11, 20)


def run(steps: int = 3):
    return new_occurrence(process(steps=steps), DAY, 7)


def test_a_new_run_has_every_step_open() -> None:
    occurrence = run()
    assert occurrence.is_open
    assert [s.step_id for s in occurrence.steps] == ["s1", "s2", "s3"]
    assert all(s.status is StepStatus.OPEN for s in occurrence.steps)


def test_completing_the_last_open_step_completes_the_run() -> None:
    occurrence = run(2).complete_step("s1", at(DAY), DAY, 12)
    assert occurrence.is_open and occurrence.closed_count == 1
    occurrence = occurrence.complete_step("s2", at(DAY, 10), DAY, 3)
    assert occurrence.status is OccurrenceStatus.DONE
    assert occurrence.closed_on == DAY and occurrence.closed_at == at(DAY, 10)
    assert occurrence.minutes == 15


def test_a_run_with_a_skipped_and_a_done_step_is_done() -> None:
    occurrence = run(2).skip_step("s1", "not needed", at(DAY), DAY)
    occurrence = occurrence.complete_step("s2", at(DAY), DAY)
    assert occurrence.status is OccurrenceStatus.DONE


def test_skipping_every_step_skips_the_run_with_the_reasons() -> None:
    occurrence = run(2).skip_step("s1", "client away", at(DAY), DAY)
    occurrence = occurrence.skip_step("s2", "client away", at(DAY), DAY)
    assert occurrence.status is OccurrenceStatus.SKIPPED
    assert occurrence.reason == "client away"


def test_skip_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match="reason"):
        run().skip("   ", at(DAY), DAY)


def test_skipping_a_whole_run_keeps_done_steps_done() -> None:
    occurrence = run(3).complete_step("s1", at(DAY), DAY).skip("holiday", at(DAY), DAY)
    assert occurrence.status is OccurrenceStatus.SKIPPED
    assert [s.status for s in occurrence.steps] == [
        StepStatus.DONE,
        StepStatus.SKIPPED,
        StepStatus.SKIPPED,
    ]


def test_a_closed_step_cannot_be_done_twice() -> None:
    occurrence = run(2).complete_step("s1", at(DAY), DAY)
    with pytest.raises(RuleError, match="already done"):
        occurrence.complete_step("s1", at(DAY), DAY)


def test_a_closed_run_refuses_changes() -> None:
    occurrence = run(1).complete_step("s1", at(DAY), DAY)
    with pytest.raises(RuleError, match="already done"):
        occurrence.skip("late", at(DAY), DAY)


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(ValidationError, match="negative"):
        run().complete_step("s1", at(DAY), DAY, -5)


def test_snooze_moves_a_step_to_a_later_date() -> None:
    occurrence = run().snooze_step("s2", date(2026, 11, 22), DAY, date(2026, 11, 27))
    assert occurrence.state("s2").snoozed_to == date(2026, 11, 22)
    assert occurrence.state("s1").snoozed_to is None


def test_snooze_must_be_later_than_today() -> None:
    with pytest.raises(RuleError, match="later date"):
        run().snooze(DAY, DAY, None)


def test_snooze_stops_before_the_next_occurrence() -> None:
    with pytest.raises(RuleError, match="the latest is the day before"):
        run().snooze(date(2026, 11, 27), DAY, date(2026, 11, 27))
    assert run().snooze(date(2026, 11, 26), DAY, date(2026, 11, 27)).steps[0].snoozed_to


def test_complete_all_shares_minutes_by_estimate() -> None:
    occurrence = run(3).complete_all(at(DAY), DAY, 60, [10, 20, 30])
    assert [s.minutes for s in occurrence.steps] == [10, 20, 30]
    assert occurrence.status is OccurrenceStatus.DONE


def test_complete_all_without_minutes_logs_none() -> None:
    occurrence = run(2).complete_all(at(DAY), DAY, None, [10, 20])
    assert [s.minutes for s in occurrence.steps] == [None, None]


def test_complete_all_splits_evenly_when_nothing_is_estimated() -> None:
    occurrence = run(3).complete_all(at(DAY), DAY, 10, [0, 0, 0])
    assert sum(s.minutes or 0 for s in occurrence.steps) == 10


def test_keep_and_miss() -> None:
    kept = run().keep()
    assert kept.kept
    missed = run().miss(at(DAY), date(2026, 11, 21))
    assert missed.status is OccurrenceStatus.MISSED
    assert missed.closed_on == date(2026, 11, 21)


def test_a_run_whose_next_run_is_tomorrow_cannot_move_and_says_so() -> None:
    tomorrow = DAY + timedelta(days=1)
    with pytest.raises(RuleError, match="so this one can't move; do it, skip it, or keep it"):
        run().snooze(tomorrow, DAY, tomorrow)
