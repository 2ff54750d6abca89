from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.materialize import Materialized, materialize, new_occurrence, superseded_on
from cockpit.domain.model import Process, Stage
from cockpit.domain.occurrence import Occurrence, OccurrenceStatus
from tests.unit.domain.builders import at, process

START = date(2026, 11, 2)  # a Monday


class Book:
    """A tiny in-memory store: what the real store keeps between materializations."""

    def __init__(self, *processes: Process) -> None:
        self.processes = list(processes)
        self.runs: dict[int, Occurrence] = {}
        self.horizons: dict[str, date] = {}
        self.next_no = 1

    def open_by_process(self) -> dict[str, list[Occurrence]]:
        grouped: dict[str, list[Occurrence]] = {}
        for run in self.runs.values():
            if run.is_open:
                grouped.setdefault(run.process_id, []).append(run)
        return grouped

    def last_closed(self) -> dict[str, date]:
        closed: dict[str, date] = {}
        for run in self.runs.values():
            if run.closed_on and run.closed_on > closed.get(run.process_id, date.min):
                closed[run.process_id] = run.closed_on
        return closed

    def through(self, day: date) -> Materialized:
        result = materialize(
            self.processes,
            self.open_by_process(),
            self.last_closed(),
            self.horizons,
            day,
            at(day),
            self.next_no,
        )
        for run in [*result.created, *result.missed]:
            self.runs[run.no] = run
        self.horizons.update(result.horizons)
        self.next_no = result.next_no
        return result

    def dates(self, status: OccurrenceStatus | None = None) -> list[date]:
        return sorted(r.date for r in self.runs.values() if status is None or r.status is status)


def test_days_not_opened_are_created_and_missed() -> None:
    book = Book(process("daily", start=START))
    book.through(date(2026, 11, 5))
    assert book.dates() == [date(2026, 11, d) for d in (2, 3, 4, 5)]
    assert book.dates(OccurrenceStatus.MISSED) == [date(2026, 11, d) for d in (2, 3, 4)]
    assert book.dates(OccurrenceStatus.OPEN) == [date(2026, 11, 5)]


def test_missed_runs_say_when_they_were_missed() -> None:
    book = Book(process("daily", start=START))
    book.through(date(2026, 11, 3))
    missed = [r for r in book.runs.values() if r.status is OccurrenceStatus.MISSED]
    assert [r.closed_on for r in missed] == [date(2026, 11, 3)]


def test_materializing_twice_creates_nothing_more() -> None:
    book = Book(process("daily", start=START))
    book.through(date(2026, 11, 5))
    again = book.through(date(2026, 11, 5))
    assert again.created == [] and again.missed == []
    assert not again.changed


def test_an_earlier_date_creates_nothing() -> None:
    book = Book(process("daily", start=START))
    book.through(date(2026, 11, 10))
    assert book.through(date(2026, 11, 4)).created == []


def test_a_weekly_run_stays_open_until_the_next_falls_due() -> None:
    book = Book(process("weekly on fri", start=START))
    book.through(date(2026, 11, 6))
    book.through(date(2026, 11, 12))
    assert book.dates(OccurrenceStatus.OPEN) == [date(2026, 11, 6)]
    book.through(date(2026, 11, 13))
    assert book.dates(OccurrenceStatus.MISSED) == [date(2026, 11, 6)]
    assert book.dates(OccurrenceStatus.OPEN) == [date(2026, 11, 13)]


def test_a_kept_run_is_not_missed() -> None:
    book = Book(process("daily", start=START))
    book.through(START)
    (first,) = book.runs.values()
    book.runs[first.no] = first.keep()
    book.through(date(2026, 11, 4))
    assert book.runs[first.no].status is OccurrenceStatus.OPEN
    assert book.dates(OccurrenceStatus.MISSED) == [date(2026, 11, 3)]


def test_done_runs_are_not_missed() -> None:
    book = Book(process("daily", start=START, steps=1))
    book.through(START)
    (first,) = book.runs.values()
    book.runs[first.no] = first.complete_step("s1", at(START), START)
    book.through(date(2026, 11, 3))
    assert book.runs[first.no].status is OccurrenceStatus.DONE


def test_a_reminder_the_day_before_creates_the_run_a_day_ahead() -> None:
    book = Book(process("weekly on fri", start=START, offsets=(-1, 0)))
    book.through(date(2026, 11, 5))  # Thursday: the reminder of Friday's run is due
    assert book.dates() == [date(2026, 11, 6)]


def test_after_done_starts_at_the_start_date_then_counts_from_done() -> None:
    book = Book(process("3 days after done", start=START, steps=1))
    book.through(date(2026, 11, 10))
    assert book.dates() == [START]  # never missed, it waits to be done
    (first,) = book.runs.values()
    done_on = date(2026, 11, 10)
    book.runs[first.no] = first.complete_step("s1", at(done_on), done_on)
    book.through(date(2026, 11, 12))
    assert book.dates() == [START]
    book.through(date(2026, 11, 13))
    assert book.dates() == [START, date(2026, 11, 13)]


def test_after_done_counts_from_a_skip_too() -> None:
    book = Book(process("2 weeks after done", start=START, steps=1))
    book.through(START)
    (first,) = book.runs.values()
    book.runs[first.no] = first.skip("holiday", at(START), START)
    book.through(date(2026, 11, 16))
    assert book.dates() == [START, date(2026, 11, 16)]


def test_on_demand_and_retired_processes_create_nothing() -> None:
    book = Book(
        process("on demand", start=START, name="Qualify a lead"),
        process("daily", start=START, stage=Stage.RETIRED, name="Old thing"),
    )
    assert book.through(date(2026, 11, 30)).created == []


def test_a_schedule_edit_applies_after_the_horizon_only() -> None:
    original = process("daily", start=START)
    book = Book(original)
    book.through(date(2026, 11, 4))
    book.processes = [original.edited(schedule=process("weekly on fri").schedule)]
    book.through(date(2026, 11, 13))
    assert book.dates() == [date(2026, 11, d) for d in (2, 3, 4, 6, 13)]


def test_numbers_are_consecutive_and_unique() -> None:
    book = Book(process("daily", start=START), process("weekdays", start=START, name="Inbox"))
    book.through(date(2026, 11, 9))
    numbers = sorted(book.runs)
    assert numbers == list(range(1, len(numbers) + 1))


SCHEDULES = ["daily", "weekdays", "every mon, thu", "every 2 weeks on fri", "monthly on the 31st",
             "monthly on the last weekday", "every 3 days", "yearly on 02-29"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    schedule=st.sampled_from(SCHEDULES),
    start=st.dates(date(2023, 1, 1), date(2028, 12, 31)),
    gaps=st.lists(st.integers(0, 45), min_size=1, max_size=12),
)
def test_opening_on_any_days_creates_each_date_exactly_once(
    schedule: str, start: date, gaps: list[int]
) -> None:
    proc = process(schedule, start=start)
    book = Book(proc)
    day = start
    for gap in gaps:
        day += timedelta(days=gap)
        book.through(day)
    expected = proc.schedule.dates_between(start, start, day)
    assert book.dates() == expected
    open_runs = book.dates(OccurrenceStatus.OPEN)
    assert len(open_runs) <= 1  # all but the latest were missed


def test_a_run_is_superseded_when_its_next_falls_due_across_month_ends_and_leap_days() -> None:
    """`superseded_on`: the day a look ahead leaves a run out, as `materialize` would miss it."""
    cases = [
        ("monthly on the 31st", date(2028, 1, 31), date(2028, 2, 29)),  # the 31st: the month's last
        ("monthly on the last day", date(2028, 1, 31), date(2028, 2, 29)),  # a leap day
        ("monthly on the last day", date(2027, 1, 31), date(2027, 2, 28)),
        ("daily", date(2026, 3, 28), date(2026, 3, 29)),  # the night clocks go forward
        ("daily", date(2026, 10, 24), date(2026, 10, 25)),  # and back (Europe/Berlin)
        ("weekly on fri", date(2026, 12, 25), date(2027, 1, 1)),  # over the year's end
    ]
    for schedule, day, expected in cases:
        made = process(schedule, start=date(2025, 12, 1))  # its own series: they are shared
        run = new_occurrence(made, day, 1)
        assert superseded_on(made, run) == expected, schedule
        assert superseded_on(made, run.keep()) is None  # kept on the list: never
    assert (
        superseded_on(process("on demand"), new_occurrence(process("on demand"), START, 1)) is None
    )
    assert (
        superseded_on(process("3 days after done"), new_occurrence(process("daily"), START, 1))
        is None
    )
