"""No run, snooze or reminder is made for a day past the calendar Cockpit counts in
(2000-01-01..2100-12-31): a file holding one is refused by every command (the outside tester
started a run of 2101-01-01 at --date 2100-12-31 and snoozed a step to it from the timeline)."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.domain.errors import CockpitError
from cockpit.domain.materialize import new_occurrence
from tests.unit.domain.builders import process
from tests.unit.domain.test_materialize import Book

LAST = date(2100, 12, 31)


def test_a_reminder_the_day_before_makes_no_run_past_the_calendar() -> None:
    book = Book(process("daily", start=date(2100, 12, 20), offsets=(-1, 0)))
    book.through(LAST)
    assert max(book.dates()) == LAST


def test_a_run_past_the_calendar_is_refused_in_words() -> None:
    with pytest.raises(CockpitError, match=r"2101-01-01 is outside 2000-01-01\.\.2100-12-31"):
        new_occurrence(process("on demand"), date(2101, 1, 1), 7)


def test_a_snooze_past_the_calendar_is_refused_in_words() -> None:
    run = new_occurrence(process("daily", start=LAST), LAST, 1)
    with pytest.raises(CockpitError, match="2101-01-01 is outside"):
        run.snooze(date(2101, 1, 1), LAST, None)
    with pytest.raises(CockpitError, match="2101-01-01 is outside"):
        run.snooze_step(run.steps[0].step_id, date(2101, 1, 1), LAST, None)
