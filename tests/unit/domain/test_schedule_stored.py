"""A schedule read back from a file is re-parsed by the phrase parser and must agree with it."""

from __future__ import annotations

import pytest

from cockpit.domain.errors import ScheduleError, ValidationError
from cockpit.domain.schedule import ScheduleKind, parse_schedule, stored_schedule


def test_a_stored_schedule_that_agrees_with_its_phrase_is_read() -> None:
    assert stored_schedule("daily", "calendar", "FREQ=DAILY") == parse_schedule("daily")
    after = stored_schedule("3 days after done", "after_done", "", 3, "days", "Europe/Berlin")
    assert (after.kind, after.every, after.tz) == (ScheduleKind.AFTER_DONE, 3, "Europe/Berlin")


def test_a_phrase_in_other_words_is_read_in_canonical_ones() -> None:
    assert stored_schedule("Every Day", "calendar", "FREQ=DAILY").text == "daily"


@pytest.mark.parametrize(
    ("stored", "field", "words"),
    [
        (("daily", "calendar", "FREQ=BOGUS"), "rule", "unknown frequency BOGUS"),
        (("daily", "calendar", "FREQ=SECONDLY"), "rule", "dates, not times"),
        (("daily", "calendar", "FREQ=DAILY;BYHOUR=9"), "rule", "dates, not times"),
        (("every blue moon", "calendar", "FREQ=DAILY"), "text", 'unknown schedule "every blue'),
        (("daily", "calendar", "FREQ=WEEKLY"), "rule", "'FREQ=WEEKLY' does not match the phrase"),
        (("daily", "on_demand", ""), "kind", "'on_demand' does not match the phrase \"daily\""),
        (("3 days after done", "after_done", "", 4, "days"), "every", "4 does not match"),
        (("daily", "calendar", "FREQ=DAILY", 0, "", "Mars/Base"), "tz", 'unknown time zone "Mars'),
        (("x" * 201, "calendar", "FREQ=DAILY"), "text", "at most 200 characters"),
        (("daily\x1b", "calendar", "FREQ=DAILY"), "text", "control character (U+001B)"),
    ],
)
def test_a_stored_schedule_that_cannot_work_names_its_field(
    stored: tuple[object, ...], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        stored_schedule(*stored)
    assert refused.value.field == field
    assert words in str(refused.value)


@pytest.mark.parametrize(
    ("phrase", "words"),
    [
        ("RRULE:FREQ=MINUTELY", "dates, not times"),
        ("RRULE:FREQ=HOURLY;INTERVAL=24", "dates, not times"),
        ("RRULE:FREQ=", "unknown frequency (none)"),
        ("RRULE:FREQ=WEEKLY;FREQ=DAILY", "FREQ is given twice"),
    ],
)
def test_typed_rules_finer_than_a_day_or_doubled_are_refused(phrase: str, words: str) -> None:
    with pytest.raises(ScheduleError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse_schedule(phrase)


def test_a_pasted_rule_may_span_lines_but_hold_no_other_control_character() -> None:
    assert parse_schedule("RRULE:FREQ=WEEKLY;\n\tBYDAY=TU").rule == "FREQ=WEEKLY;BYDAY=TU"
    with pytest.raises(ScheduleError, match=r"control character \(U\+0007\)"):
        parse_schedule("weekly\x07")
