"""The phrase language on its own: normalizing, reading phrases, and checking raw RRULEs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.errors import ScheduleError
from cockpit.domain.schedule import ScheduleKind, parse_schedule
from cockpit.domain.schedule_phrases import (
    EXAMPLES,
    ON_DEMAND_PHRASES,
    checked_rrule,
    is_raw_rrule,
    normalized,
    read_after_done,
    read_calendar,
)


def test_normalized_lowers_and_tidies_spaces_and_commas() -> None:
    assert normalized("  Every  MON ,thu\t") == "every mon, thu"
    assert normalized("\n\t ") == ""


@pytest.mark.parametrize(
    ("phrase", "raw"),
    [("rrule:freq=daily", True), ("freq=weekly", True), ("daily;dtstart=20260101", True),
     ("daily", False), ("every 2 weeks on fri", False)],
)  # fmt: skip
def test_is_raw_rrule(phrase: str, raw: bool) -> None:
    assert is_raw_rrule(phrase) is raw


def test_read_calendar() -> None:
    assert read_calendar("every other week on fri") == (
        "every 2 weeks on fri",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
    )
    assert read_calendar("every 1 day") == ("daily", "FREQ=DAILY")
    assert read_calendar("yearly on 02-29") == (
        "yearly on 02-29",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
    )
    assert read_calendar("every blursday") is None
    assert read_calendar("3 days after done") is None


def test_read_after_done() -> None:
    assert read_after_done("every 1 weeks after completion") == ("1 week after done", 1, "weeks")
    assert read_after_done("3 months after done") == ("3 months after done", 3, "months")
    assert read_after_done("weekly") is None
    with pytest.raises(ScheduleError, match="from 1 to 999"):
        read_after_done("0 days after done")


def test_checked_rrule_normalizes_or_says_why_not() -> None:
    assert checked_rrule(" rrule: freq=weekly; byday=tu ;") == "FREQ=WEEKLY;BYDAY=TU"
    with pytest.raises(ScheduleError, match="dates, not times"):
        checked_rrule("FREQ=HOURLY")
    with pytest.raises(ScheduleError, match="never falls on a date"):
        checked_rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")


def test_every_example_is_read_by_one_rule_of_the_language() -> None:
    for example in EXAMPLES:
        phrase = normalized(example)
        readers = [
            is_raw_rrule(phrase),
            phrase in ON_DEMAND_PHRASES,
            read_after_done(phrase) is not None,
            read_calendar(phrase) is not None,
        ]
        assert readers.count(True) == 1, example


PHRASES = st.sampled_from(
    ["daily", "weekdays", "every mon and thu", "biweekly on fri", "every 3 weeks",
     "monthly on the 31st", "every 2 months on the last weekday", "quarterly on the last day",
     "annually on 12-31", "every sat, sun", "every tue, mon"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(PHRASES, st.sampled_from(["", " ", "  "]), st.booleans())
def test_parse_schedule_builds_what_read_calendar_reads(phrase: str, pad: str, upper: bool) -> None:
    typed = pad + (phrase.upper() if upper else phrase) + pad
    found = read_calendar(normalized(typed))
    assert found is not None
    schedule = parse_schedule(typed)
    assert schedule.kind is ScheduleKind.CALENDAR
    assert (schedule.text, schedule.rule) == found
    assert read_calendar(schedule.text) == found  # the canonical phrase reads the same
