"""Schedules: every phrase, its canonical text and rule, and the concrete dates it gives."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import pytest

from cockpit.domain.errors import ScheduleError
from cockpit.domain.schedule import EXAMPLES, Schedule, ScheduleKind, parse_schedule


def d(text: str) -> date:
    return date.fromisoformat(text)


def ds(*texts: str) -> list[date]:
    return [d(text) for text in texts]


def between(phrase: str, anchor: str, start: str, end: str) -> list[date]:
    return parse_schedule(phrase).dates_between(d(anchor), d(start), d(end))


# -- phrases -----------------------------------------------------------------------------

CALENDAR_PHRASES = [
    # (phrase as typed, canonical text, rule)
    ("daily", "daily", "FREQ=DAILY"),
    ("every day", "daily", "FREQ=DAILY"),
    ("  Daily  ", "daily", "FREQ=DAILY"),
    ("weekdays", "weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    ("every weekday", "weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    ("every mon, thu", "every mon, thu", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("every monday and thursday", "every mon, thu", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("every mon,thu", "every mon, thu", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("Every  THU ,  mon", "every mon, thu", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("every sun, mon, and wed", "every mon, wed, sun", "FREQ=WEEKLY;BYDAY=MO,WE,SU"),
    ("weekly", "weekly", "FREQ=WEEKLY"),
    ("every week", "weekly", "FREQ=WEEKLY"),
    ("weekly on fri", "weekly on fri", "FREQ=WEEKLY;BYDAY=FR"),
    ("weekly on friday", "weekly on fri", "FREQ=WEEKLY;BYDAY=FR"),
    ("weekly on mon, wed", "weekly on mon, wed", "FREQ=WEEKLY;BYDAY=MO,WE"),
    ("every 2 weeks on fri", "every 2 weeks on fri", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("biweekly on fri", "every 2 weeks on fri", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("every other week on friday", "every 2 weeks on fri", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("every 2 weeks", "every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
    ("every 1 week on fri", "weekly on fri", "FREQ=WEEKLY;BYDAY=FR"),
    ("every 3 days", "every 3 days", "FREQ=DAILY;INTERVAL=3"),
    ("every other day", "every 2 days", "FREQ=DAILY;INTERVAL=2"),
    ("every 1 days", "daily", "FREQ=DAILY"),
    ("monthly", "monthly", "FREQ=MONTHLY"),
    ("every month", "monthly", "FREQ=MONTHLY"),
    ("monthly on the 15th", "monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("monthly on day 15", "monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("monthly on the 1st", "monthly on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1"),
    ("monthly on the first day", "monthly on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1"),
    ("monthly on the 22nd", "monthly on the 22nd", "FREQ=MONTHLY;BYMONTHDAY=22"),
    ("monthly on the 11th", "monthly on the 11th", "FREQ=MONTHLY;BYMONTHDAY=11"),
    (
        "every 2 months on the 15th",
        "every 2 months on the 15th",
        "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15",
    ),
    ("every other month", "every 2 months", "FREQ=MONTHLY;INTERVAL=2"),
    ("monthly on the 28th", "monthly on the 28th", "FREQ=MONTHLY;BYMONTHDAY=28"),
    ("monthly on the 29th", "monthly on the 29th", "FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1"),
    (
        "monthly on the 30th",
        "monthly on the 30th",
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
    ),
    (
        "monthly on the 31st",
        "monthly on the 31st",
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
    ),
    ("monthly on the last day", "monthly on the last day", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("monthly on the last fri", "monthly on the last fri", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("monthly on the last friday", "monthly on the last fri", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("monthly on the 2nd tue", "monthly on the 2nd tue", "FREQ=MONTHLY;BYDAY=+2TU"),
    ("monthly on the second tuesday", "monthly on the 2nd tue", "FREQ=MONTHLY;BYDAY=+2TU"),
    ("monthly on the first monday", "monthly on the 1st mon", "FREQ=MONTHLY;BYDAY=+1MO"),
    ("monthly on the 4th sat", "monthly on the 4th sat", "FREQ=MONTHLY;BYDAY=+4SA"),
    (
        "monthly on the last weekday",
        "monthly on the last weekday",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    ),
    (
        "monthly on the first weekday",
        "monthly on the first weekday",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
    ),
    ("quarterly", "quarterly", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1"),
    (
        "quarterly on the last day",
        "quarterly on the last day",
        "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
    ),
    ("yearly on 01-31", "yearly on 01-31", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31"),
    ("yearly on 1-31", "yearly on 01-31", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31"),
    ("yearly on 02-29", "yearly on 02-29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"),
    ("yearly on 12-31", "yearly on 12-31", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"),
    ("yearly", "yearly", "FREQ=YEARLY"),
    ("annually", "yearly", "FREQ=YEARLY"),
    ("RRULE:FREQ=WEEKLY;BYDAY=TU", "RRULE:FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU"),
    ("rrule: freq=weekly; byday=tu;", "RRULE:FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU"),
    ("FREQ=MONTHLY;COUNT=3", "RRULE:FREQ=MONTHLY;COUNT=3", "FREQ=MONTHLY;COUNT=3"),
    ("RRULE:FREQ=DAILY;;INTERVAL=2", "RRULE:FREQ=DAILY;INTERVAL=2", "FREQ=DAILY;INTERVAL=2"),
]


@pytest.mark.parametrize(("phrase", "text", "rule"), CALENDAR_PHRASES)
def test_a_calendar_phrase_parses_to_its_canonical_text_and_rule(
    phrase: str, text: str, rule: str
) -> None:
    schedule = parse_schedule(phrase, "Europe/Berlin")
    assert (schedule.text, schedule.kind, schedule.rule) == (text, ScheduleKind.CALENDAR, rule)
    assert (schedule.every, schedule.unit, schedule.tz) == (0, "", "Europe/Berlin")
    assert schedule.recurring
    assert parse_schedule(schedule.text, schedule.tz) == schedule


@pytest.mark.parametrize(
    ("phrase", "text", "every", "unit"),
    [
        ("3 days after done", "3 days after done", 3, "days"),
        ("every 3 days after done", "3 days after done", 3, "days"),
        ("1 day after done", "1 day after done", 1, "days"),
        ("2 weeks after done", "2 weeks after done", 2, "weeks"),
        ("1 month after done", "1 month after done", 1, "months"),
        ("1 months after done", "1 month after done", 1, "months"),
        ("6 months after completion", "6 months after done", 6, "months"),
    ],
)
def test_an_after_done_phrase_keeps_its_amount_and_unit(
    phrase: str, text: str, every: int, unit: str
) -> None:
    schedule = parse_schedule(phrase)
    assert schedule == Schedule(text, ScheduleKind.AFTER_DONE, every=every, unit=unit)
    assert schedule.recurring
    assert parse_schedule(schedule.text) == schedule


@pytest.mark.parametrize("phrase", ["on demand", "On-Demand", "manual", "  on   demand "])
def test_on_demand_is_started_by_hand_only(phrase: str) -> None:
    schedule = parse_schedule(phrase, "America/New_York")
    assert schedule == Schedule("on demand", ScheduleKind.ON_DEMAND, tz="America/New_York")
    assert not schedule.recurring
    assert schedule.dates_between(d("2026-01-01"), d("2026-01-01"), d("2026-12-31")) == []
    assert schedule.next_after(d("2026-01-01"), d("2026-06-01")) is None


def test_the_default_zone_is_utc() -> None:
    assert parse_schedule("daily").tz == "UTC"


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_parses_to_itself(example: str) -> None:
    assert parse_schedule(example).text == example


# -- concrete dates ------------------------------------------------------------------------


def test_daily_gives_every_date_and_none_before_the_anchor() -> None:
    got = between("daily", "2026-03-10", "2026-03-01", "2026-03-13")
    assert got == ds("2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13")


def test_weekdays_skip_the_weekend() -> None:
    got = between("weekdays", "2026-11-01", "2026-11-13", "2026-11-17")
    assert got == ds("2026-11-13", "2026-11-16", "2026-11-17")


def test_every_mon_thu() -> None:
    got = between("every mon, thu", "2026-11-01", "2026-11-01", "2026-11-13")
    assert got == ds("2026-11-02", "2026-11-05", "2026-11-09", "2026-11-12")


def test_weekly_takes_the_anchors_weekday() -> None:
    got = between("weekly", "2026-11-18", "2026-11-01", "2026-12-03")  # a Wednesday
    assert got == ds("2026-11-18", "2026-11-25", "2026-12-02")


def test_weekly_on_given_days() -> None:
    assert between("weekly on fri", "2026-11-18", "2026-11-18", "2026-11-30") == ds(
        "2026-11-20", "2026-11-27"
    )
    assert between("weekly on mon, wed", "2026-11-17", "2026-11-17", "2026-11-25") == ds(
        "2026-11-18", "2026-11-23", "2026-11-25"
    )


def test_every_2_weeks_on_fri_counts_weeks_from_the_anchors_week() -> None:
    # anchored on a Wednesday: the Friday of the same week is the first date
    assert between("every 2 weeks on fri", "2026-01-07", "2026-01-01", "2026-02-28") == ds(
        "2026-01-09", "2026-01-23", "2026-02-06", "2026-02-20"
    )
    # anchored on a Saturday: that week's Friday is gone, so two weeks later
    assert between("every 2 weeks on fri", "2026-01-10", "2026-01-01", "2026-02-28") == ds(
        "2026-01-23", "2026-02-06", "2026-02-20"
    )


def test_every_2_weeks_takes_the_anchors_weekday() -> None:
    assert between("every 2 weeks", "2026-01-06", "2026-01-01", "2026-02-10") == ds(
        "2026-01-06", "2026-01-20", "2026-02-03"
    )


def test_every_3_days_counts_from_the_anchor_across_a_month_end() -> None:
    assert between("every 3 days", "2026-02-26", "2026-02-20", "2026-03-08") == ds(
        "2026-02-26", "2026-03-01", "2026-03-04", "2026-03-07"
    )


def test_monthly_takes_the_anchors_day_and_clamps_it_to_the_month_end() -> None:
    assert between("monthly", "2027-01-15", "2027-01-01", "2027-03-31") == ds(
        "2027-01-15", "2027-02-15", "2027-03-15"
    )
    assert between("monthly", "2027-01-31", "2027-01-01", "2027-05-31") == ds(
        "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"
    )
    assert between("every 2 months", "2027-12-31", "2027-12-01", "2028-04-30") == ds(
        "2027-12-31", "2028-02-29", "2028-04-30"
    )


def test_monthly_on_the_15th_and_every_2_months() -> None:
    assert between("monthly on the 15th", "2026-11-20", "2026-11-01", "2027-01-31") == ds(
        "2026-12-15", "2027-01-15"
    )
    assert between("every 2 months on the 15th", "2026-01-01", "2026-01-01", "2026-06-30") == ds(
        "2026-01-15", "2026-03-15", "2026-05-15"
    )


def test_monthly_on_the_31st_falls_on_the_last_day_of_shorter_months() -> None:
    assert between("monthly on the 31st", "2027-01-01", "2027-01-01", "2027-12-31") == ds(
        "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30",
        "2027-07-31", "2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31",
    )  # fmt: skip
    assert between("monthly on the 31st", "2027-01-01", "2028-02-01", "2028-04-30") == ds(
        "2028-02-29", "2028-03-31", "2028-04-30"
    )


def test_monthly_on_the_30th_and_29th_in_february() -> None:
    assert between("monthly on the 30th", "2027-01-01", "2027-01-01", "2027-03-31") == ds(
        "2027-01-30", "2027-02-28", "2027-03-30"
    )
    assert between("monthly on the 30th", "2028-01-01", "2028-02-01", "2028-02-29") == ds(
        "2028-02-29"
    )
    assert between("monthly on the 29th", "2027-01-01", "2027-01-01", "2027-03-31") == ds(
        "2027-01-29", "2027-02-28", "2027-03-29"
    )
    assert between("monthly on the 29th", "2028-01-01", "2028-02-01", "2028-02-29") == ds(
        "2028-02-29"
    )


def test_a_raw_rrule_is_taken_literally_and_skips_short_months() -> None:
    got = between("RRULE:FREQ=MONTHLY;BYMONTHDAY=31", "2027-01-01", "2027-01-01", "2027-05-31")
    assert got == ds("2027-01-31", "2027-03-31", "2027-05-31")


def test_monthly_on_the_last_day() -> None:
    assert between("monthly on the last day", "2028-01-01", "2028-01-01", "2028-04-30") == ds(
        "2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"
    )


def test_monthly_on_the_last_fri_and_the_2nd_tue() -> None:
    assert between("monthly on the last fri", "2026-01-01", "2026-01-01", "2026-03-31") == ds(
        "2026-01-30", "2026-02-27", "2026-03-27"
    )
    assert between("monthly on the 2nd tue", "2026-01-01", "2026-01-01", "2026-03-31") == ds(
        "2026-01-13", "2026-02-10", "2026-03-10"
    )


def test_monthly_on_the_last_weekday_steps_back_over_a_weekend() -> None:
    got = between("monthly on the last weekday", "2026-01-01", "2026-01-01", "2026-05-31")
    # Jan 31 and Feb 28 are Saturdays, May 31 a Sunday; Mar 31 and Apr 30 are weekdays
    assert got == ds("2026-01-30", "2026-02-27", "2026-03-31", "2026-04-30", "2026-05-29")


def test_monthly_on_the_first_weekday_steps_over_a_weekend() -> None:
    got = between("monthly on the first weekday", "2026-01-01", "2026-01-01", "2026-03-31")
    assert got == ds("2026-01-01", "2026-02-02", "2026-03-02")  # Feb 1 and Mar 1 are Sundays


def test_quarterly() -> None:
    assert between("quarterly", "2026-11-20", "2026-11-01", "2027-12-31") == ds(
        "2027-01-01", "2027-04-01", "2027-07-01", "2027-10-01"
    )
    assert between("quarterly on the last day", "2027-01-01", "2027-01-01", "2027-12-31") == ds(
        "2027-03-31", "2027-06-30", "2027-09-30", "2027-12-31"
    )


def test_yearly() -> None:
    assert between("yearly on 01-31", "2026-02-01", "2026-01-01", "2028-12-31") == ds(
        "2027-01-31", "2028-01-31"
    )
    assert between("yearly on 02-29", "2027-01-01", "2027-01-01", "2029-12-31") == ds(
        "2027-02-28", "2028-02-29", "2029-02-28"
    )
    assert between("yearly", "2026-06-15", "2026-01-01", "2028-12-31") == ds(
        "2026-06-15", "2027-06-15", "2028-06-15"
    )
    assert between("yearly", "2028-02-29", "2028-01-01", "2030-12-31") == ds(
        "2028-02-29", "2029-02-28", "2030-02-28"
    )


def test_an_rrule_with_count_ends() -> None:
    schedule = parse_schedule("RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2")
    anchor = d("2026-11-01")
    assert schedule.dates_between(anchor, anchor, d("2027-12-31")) == ds("2026-11-03", "2026-11-10")
    assert schedule.next_after(anchor, d("2026-11-03")) == d("2026-11-10")
    assert schedule.next_after(anchor, d("2026-11-10")) is None


def test_an_rrule_with_until_ends() -> None:
    schedule = parse_schedule("RRULE:FREQ=DAILY;UNTIL=20261103T000000Z")
    anchor = d("2026-11-01")
    assert schedule.dates_between(anchor, anchor, d("2026-12-31")) == ds(
        "2026-11-01", "2026-11-02", "2026-11-03"
    )
    assert schedule.next_after(anchor, d("2026-11-03")) is None


def test_an_empty_or_reversed_window_has_no_dates() -> None:
    schedule = parse_schedule("daily")
    assert schedule.dates_between(d("2026-01-01"), d("2026-02-02"), d("2026-02-01")) == []
    assert schedule.dates_between(d("2026-03-01"), d("2026-01-01"), d("2026-02-28")) == []


def test_a_returned_list_is_the_callers_own() -> None:
    schedule = parse_schedule("daily")
    first = schedule.dates_between(d("2026-01-01"), d("2026-01-01"), d("2026-01-03"))
    first.clear()
    assert len(schedule.dates_between(d("2026-01-01"), d("2026-01-01"), d("2026-01-03"))) == 3


# -- next dates --------------------------------------------------------------------------


def test_next_after_is_strictly_after_the_day() -> None:
    schedule = parse_schedule("weekly on fri")
    anchor = d("2026-11-01")
    assert schedule.next_after(anchor, d("2026-11-19")) == d("2026-11-20")
    assert schedule.next_after(anchor, d("2026-11-20")) == d("2026-11-27")


def test_next_after_never_goes_before_the_anchor() -> None:
    schedule = parse_schedule("weekly on fri")
    assert schedule.next_after(d("2026-11-23"), d("2026-01-01")) == d("2026-11-27")


def test_next_after_crosses_month_ends_and_leap_days() -> None:
    schedule = parse_schedule("monthly on the 31st")
    assert schedule.next_after(d("2027-01-01"), d("2028-01-31")) == d("2028-02-29")
    assert schedule.next_after(d("2027-01-01"), d("2028-02-29")) == d("2028-03-31")


def test_after_done_and_on_demand_have_no_calendar_dates() -> None:
    schedule = parse_schedule("3 days after done")
    assert schedule.dates_between(d("2026-01-01"), d("2026-01-01"), d("2026-12-31")) == []
    assert schedule.next_after(d("2026-01-01"), d("2026-01-01")) is None


@pytest.mark.parametrize(
    ("phrase", "done_on", "expected"),
    [
        ("3 days after done", "2026-02-27", "2026-03-02"),
        ("1 day after done", "2026-12-31", "2027-01-01"),
        ("2 weeks after done", "2026-12-24", "2027-01-07"),
        ("1 month after done", "2026-11-20", "2026-12-20"),
        ("1 month after done", "2027-01-31", "2027-02-28"),
        ("1 month after done", "2028-01-31", "2028-02-29"),
        ("3 months after done", "2027-11-30", "2028-02-29"),
        ("12 months after done", "2028-02-29", "2029-02-28"),
    ],
)
def test_next_after_done(phrase: str, done_on: str, expected: str) -> None:
    assert parse_schedule(phrase).next_after_done(d(done_on)) == d(expected)


@pytest.mark.parametrize("phrase", ["daily", "on demand", "RRULE:FREQ=DAILY"])
def test_next_after_done_is_only_for_after_done_schedules(phrase: str) -> None:
    with pytest.raises(ValueError, match="does not count from when it was done"):
        parse_schedule(phrase).next_after_done(d("2026-01-01"))


# -- frequency and period ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "per_day", "period_days"),
    [
        ("daily", 1.0, 1),
        ("weekdays", 5 / 7, 7),
        ("every mon, thu", 2 / 7, 7),
        ("weekly", 1 / 7, 7),
        ("weekly on mon, wed", 2 / 7, 7),
        ("every 2 weeks on fri", 1 / 14, 14),
        ("every 2 weeks", 1 / 14, 14),
        ("every 3 days", 1 / 3, 3),
        ("monthly", 12 / 365.25, 30),
        ("monthly on the 31st", 12 / 365.25, 30),
        ("monthly on the last weekday", 12 / 365.25, 30),
        ("monthly on the 2nd tue", 12 / 365.25, 30),
        ("every 2 months on the 15th", 6 / 365.25, 60),
        ("quarterly", 4 / 365.25, 91),
        ("quarterly on the last day", 4 / 365.25, 91),
        ("yearly", 1 / 365.25, 365),
        ("yearly on 02-29", 1 / 365.25, 365),
        ("3 days after done", 1 / 3, 3),
        ("2 weeks after done", 1 / 14, 14),
        ("1 month after done", 12 / 365.25, 30),
        ("on demand", 0.0, 0),
        ("RRULE:FREQ=WEEKLY;BYDAY=TU", 1 / 7, 7),  # estimated over 28 years: exact here
        ("RRULE:FREQ=DAILY;INTERVAL=2", 1 / 2, 2),
        ("RRULE:FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1", 2 / 365.25, 182),
    ],
)
def test_per_day_and_period_days(phrase: str, per_day: float, period_days: int) -> None:
    schedule = parse_schedule(phrase)
    assert schedule.per_day == pytest.approx(per_day, rel=1e-3)
    assert schedule.period_days == period_days


# -- errors ------------------------------------------------------------------------------


def error_of(phrase: str, tz: str = "UTC") -> str:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(phrase, tz)
    assert caught.value.field == "schedule"
    return str(caught.value)


@pytest.mark.parametrize("phrase", ["fortnightly", "every blue moon", "weekly on funday", "42"])
def test_an_unknown_phrase_lists_the_phrases_that_work(phrase: str) -> None:
    message = error_of(phrase)
    assert message.startswith(f'unknown schedule "{phrase}"; phrases that work: daily · weekdays ·')
    assert " · every mon, thu · " in message  # a phrase with a comma stays one phrase
    assert all(example in message for example in EXAMPLES)


@pytest.mark.parametrize("phrase", ["", "   "])
def test_an_empty_schedule_is_refused(phrase: str) -> None:
    assert error_of(phrase).startswith("a schedule is needed")


@pytest.mark.parametrize(
    ("phrase", "words"),
    [
        ("monthly on the 32nd", "a month has at most 31 days"),
        ("monthly on the 0th", "from the 1st to the 31st"),
        ("monthly on the 5th fri", "from the 1st to the 4th, or last"),
        ("yearly on 02-30", '"02-30" is not a date'),
        ("yearly on 13-01", '"13-01" is not a date'),
        ("yearly on 04-31", '"04-31" is not a date'),
        ("every 0 days", "an interval goes from 1 to 999, not 0"),
        ("every 1000 weeks", "an interval goes from 1 to 999, not 1000"),
        ("0 days after done", "an interval goes from 1 to 999, not 0"),
        ("RRULE:FREQ=DAILY;DTSTART=20260101", "must not carry DTSTART"),
        ("DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "must not carry DTSTART"),
        ("RRULE:FREQ=FOO", "unknown frequency FOO; use DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("RRULE:FREQ=WEEKLY;BYDAY=XX", "broken RRULE \"FREQ=WEEKLY;BYDAY=XX\": invalid 'BYDAY'"),
        ("RRULE:FREQ=DAILY;BOGUS=1", "unknown parameter 'BOGUS'"),
        ("RRULE:FREQ=DAILY;FOO", '"FOO" is not NAME=VALUE'),
        ("RRULE:BYDAY=MO", "FREQ is missing"),
        ("RRULE:", "FREQ is missing"),
        ("RRULE:FREQ=DAILY;INTERVAL=0", "INTERVAL must be at least 1"),
        ("RRULE:FREQ=DAILY;COUNT=0", "COUNT must be at least 1"),
        ("RRULE:FREQ=DAILY;COUNT=2;UNTIL=20270101", "use COUNT or UNTIL, not both"),
        ("RRULE:FREQ=DAILY;INTERVAL=x", "invalid 'INTERVAL'"),
        ("RRULE:FREQ=HOURLY", "dates, not times"),
        ("RRULE:FREQ=DAILY;BYHOUR=9", "dates, not times"),
        ("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never falls on a date"),
    ],
)
def test_a_broken_schedule_says_what_is_wrong(phrase: str, words: str) -> None:
    assert words in error_of(phrase)


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../etc/passwd", "europe/berlin"])
def test_an_unknown_time_zone_is_named(zone: str) -> None:
    assert error_of("daily", zone) == (
        f'unknown time zone "{zone}"; use an IANA name like "Europe/Berlin"'
    )


# -- time zones and daylight saving time --------------------------------------------------

DST_WEEKS = [
    ("Europe/Berlin", "2026-03-29"),
    ("Europe/Berlin", "2026-10-25"),
    ("America/New_York", "2026-03-08"),
    ("America/New_York", "2026-11-01"),
]


@pytest.mark.parametrize(("zone", "change"), DST_WEEKS)
def test_a_daylight_saving_change_never_moves_or_doubles_a_date(zone: str, change: str) -> None:
    schedule = parse_schedule("daily", zone)
    start, end = d(change) - timedelta(days=7), d(change) + timedelta(days=7)
    got = schedule.dates_between(start, start, end)
    assert got == [start + timedelta(days=n) for n in range(15)]
    assert d(change) in got
    local = ZoneInfo(zone)
    for day in got:
        noon = datetime.combine(day, clock_time(12), tzinfo=local)
        assert noon.astimezone(ZoneInfo("UTC")).astimezone(local).date() == day


@pytest.mark.parametrize(("zone", "change"), DST_WEEKS)
def test_a_weekly_date_on_the_change_day_stays_on_it(zone: str, change: str) -> None:
    schedule = parse_schedule("weekly on sun", zone)
    anchor = d(change) - timedelta(days=14)
    got = schedule.dates_between(anchor, anchor, d(change) + timedelta(days=7))
    assert got == [d(change) + timedelta(days=n) for n in (-14, -7, 0, 7)]


# -- speed -------------------------------------------------------------------------------


def test_five_years_of_a_daily_rule_take_well_under_five_milliseconds() -> None:
    schedule = parse_schedule("daily")
    anchor, end = d("2024-01-01"), d("2028-12-31")
    started = time.perf_counter()
    assert len(schedule.dates_between(anchor, anchor, end)) == 1827
    first = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(100):
        schedule.dates_between(anchor, anchor, end)
    again = (time.perf_counter() - started) / 100
    assert first < 0.05
    assert again < 0.001
