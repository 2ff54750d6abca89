"""Capturing a task on one line, and the days people type (domain, no clock: today is given)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.domain.capture import Capture, estimate_minutes, parse_capture, read_estimate
from cockpit.domain.errors import ValidationError
from cockpit.domain.tasks import Task, TaskStatus
from cockpit.domain.when import day_from_words, parse_day

FRIDAY = date(2026, 12, 4)
AT = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("today", FRIDAY),
        ("tomorrow", date(2026, 12, 5)),
        ("tmr", date(2026, 12, 5)),
        ("mon", date(2026, 12, 7)),
        ("Monday", date(2026, 12, 7)),
        ("thurs", date(2026, 12, 10)),
        ("fri", date(2026, 12, 11)),  # on a Friday: the next one, a week on
        ("sat", date(2026, 12, 5)),
        ("+3", date(2026, 12, 7)),
        ("+3d", date(2026, 12, 7)),
        ("+2w", date(2026, 12, 18)),
        ("+0", FRIDAY),
        ("2027-02-28", date(2027, 2, 28)),
    ],
)
def test_the_days_people_type(words: str, day: date) -> None:
    assert parse_day(words, FRIDAY) == day


def test_a_weekday_across_the_end_of_a_month_and_a_leap_day() -> None:
    assert parse_day("mon", date(2028, 2, 26)) == date(2028, 2, 28)  # a Saturday
    assert parse_day("tue", date(2028, 2, 28)) == date(2028, 2, 29)
    assert parse_day("wed", date(2028, 2, 28)) == date(2028, 3, 1)
    assert parse_day("fri", date(2026, 12, 31)) == date(2027, 1, 1)


@pytest.mark.parametrize(
    "words", ["2026-02-30", "+99999999", "+1000000000", "2101-01-01", "1999-12-31"]
)
def test_a_day_off_the_calendar_is_refused_by_name(words: str) -> None:
    with pytest.raises(ValidationError, match=words.replace("+", r"\+")):
        parse_day(words, FRIDAY)


@pytest.mark.parametrize("words", ["soon", "fr", "+", "+3x", "12/04", "next", "+٣", "+²"])
def test_words_that_are_no_day_say_what_works(words: str) -> None:
    assert day_from_words(words, FRIDAY) is None
    with pytest.raises(ValidationError, match="a weekday"):
        parse_day(words, FRIDAY)


@pytest.mark.parametrize(
    ("word", "minutes"),
    [("15m", 15), ("90min", 90), ("1h", 60), ("1h30", 90), ("1h30m", 90), ("2H", 120)],
)
def test_estimates(word: str, minutes: int) -> None:
    assert estimate_minutes(word) == minutes


@pytest.mark.parametrize("word", ["15", "m", "1.5h", "h", "15s"])
def test_words_that_are_no_estimate(word: str) -> None:
    assert estimate_minutes(word) is None


def test_an_estimate_over_a_day_is_refused() -> None:
    with pytest.raises(ValidationError, match="more than a day"):
        parse_capture("Write the book 1500m", FRIDAY)


def test_the_line_of_the_issue() -> None:
    assert parse_capture("Call the accountant fri #admin 15m", FRIDAY) == Capture(
        "Call the accountant", due=date(2026, 12, 11), role="admin", estimate=15
    )


def test_the_trailing_words_in_any_order_each_kind_once() -> None:
    assert parse_capture("Send the deck 1h @sales-kit tomorrow #Sales", FRIDAY) == Capture(
        "Send the deck", due=date(2026, 12, 5), role="Sales", system="sales-kit", estimate=60
    )
    # a second date word is a title word: only the last one is the due date
    assert parse_capture("Move the meeting from mon to fri", FRIDAY) == Capture(
        "Move the meeting from mon to", due=date(2026, 12, 11)
    )


def test_words_inside_the_title_stay() -> None:
    capture = parse_capture("Plan the 2h workshop for #growth people", FRIDAY)
    assert capture == Capture("Plan the 2h workshop for #growth people")
    assert capture.understood() == ["no date: to the inbox"]


def test_a_line_of_only_parts_has_no_title() -> None:
    with pytest.raises(ValidationError, match="needs a title"):
        parse_capture("fri #admin 15m", FRIDAY)
    with pytest.raises(ValidationError, match="needs a title"):
        parse_capture("   ", FRIDAY)


def test_markup_and_control_characters_in_a_title() -> None:
    assert parse_capture("Fix [bold]x[/] today", FRIDAY).title == "Fix [bold]x[/]"
    with pytest.raises(ValidationError, match="control character"):
        parse_capture("Ring \x1b[31mBob", FRIDAY)


def test_the_preview_says_what_was_understood() -> None:
    capture = parse_capture("Call the accountant fri #admin @books 15m", FRIDAY)
    assert capture.understood() == [
        "due Fri 11 Dec 2026",
        "role admin",
        "system books",
        "~15 min",
    ]


@given(
    title=st.text(alphabet="abcdefghij ", min_size=1, max_size=30).filter(str.strip),
    days=st.integers(min_value=0, max_value=400),
    minutes=st.integers(min_value=1, max_value=24 * 60),
)
def test_a_title_of_plain_words_comes_back_with_its_parts(
    title: str, days: int, minutes: int
) -> None:
    line = f"{title} +{days} {minutes}m #ops"
    capture = parse_capture(line, FRIDAY)
    assert capture.title == " ".join(title.split())
    assert capture.due == FRIDAY + timedelta(days=days)
    assert (capture.estimate, capture.role) == (minutes, "ops")


# -- the task ------------------------------------------------------------------------------


def test_a_task_without_a_date_is_in_the_inbox_until_it_gets_one() -> None:
    task = Task(1, "Call the accountant", AT)
    assert task.in_inbox and not task.due_on(FRIDAY)
    planned = task.moved_to(FRIDAY)
    assert not planned.in_inbox and planned.due_on(FRIDAY) and planned.first_due == FRIDAY
    assert planned.due_on(FRIDAY + timedelta(days=3))  # overdue is still due


def test_moving_a_task_keeps_its_first_due_date_so_carrying_over_shows() -> None:
    task = Task(1, "Renew the domain", AT, due=FRIDAY, first_due=FRIDAY)
    later = task.moved_to(FRIDAY + timedelta(days=7)).moved_to(FRIDAY + timedelta(days=14))
    assert later.first_due == FRIDAY
    assert later.carried_days(FRIDAY + timedelta(days=21)) == 21
    assert later.done(AT).carried_days(FRIDAY + timedelta(days=21)) == 0
    assert Task(2, "Later", AT, due=FRIDAY, first_due=FRIDAY).carried_days(FRIDAY) == 0


def test_closing_and_reopening() -> None:
    task = Task(1, "Call", AT, due=FRIDAY)
    done = task.done(AT, minutes=12)
    assert (done.status, done.minutes, done.is_open) == (TaskStatus.DONE, 12, False)
    skipped = task.skipped(AT, "  not needed  ")
    assert (skipped.status, skipped.reason) == (TaskStatus.SKIPPED, "not needed")
    with pytest.raises(ValidationError, match="needs a reason"):
        task.skipped(AT, " ")
    assert done.reopened() == task


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": 0}, "task id"),
        ({"title": " "}, "needs a title"),
        ({"estimate": -5}, "negative"),
        ({"due": date(2101, 1, 1)}, "outside"),
        ({"status": TaskStatus.DONE}, "closing time"),
        ({"closed_at": AT}, "open task has no closing"),
    ],
)
def test_a_bad_task_is_refused_by_its_field(changes: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"id": 1, "title": "Call", "created_at": AT} | changes
    with pytest.raises(ValidationError, match=message):
        Task(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("0m", '"0m" is no estimate: give at least a minute'),
        ("99999m", "more than a day"),
        ("1h75", '"1h75": the minutes after the hours go up to 59'),
        ("9" * 5000 + "m", "more than a day"),
    ],
)
def test_an_estimate_word_that_cannot_be_is_refused_not_kept_in_the_title(
    word: str, said: str
) -> None:
    """ "Est 99999m" kept the word in the title while 1441m was refused; 0m was taken as no
    estimate; 1h75 as 2h15 (found by the outside tester)."""
    with pytest.raises(ValidationError, match=said):
        parse_capture(f"Est {word}", FRIDAY)


@pytest.mark.parametrize(("typed", "minutes"), [("15", 15), (" 1h30 ", 90), ("45min", 45)])
def test_an_estimate_typed_on_its_own(typed: str, minutes: int) -> None:
    assert read_estimate(typed) == minutes


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("0", '"0" is no estimate'),
        ("lots", '"lots" is not an estimate'),
        ("1441", "1441 minutes is more than a day"),
        ("-5", '"-5" is not an estimate'),
        ("9" * 5000, "more than a day"),
    ],
)
def test_an_estimate_typed_on_its_own_that_is_none(typed: str, said: str) -> None:
    with pytest.raises(ValidationError, match=said):
        read_estimate(typed)


def test_a_number_after_a_hash_is_part_of_the_title() -> None:
    """`Fix bug #123` is an issue number, not a role called 123."""
    assert parse_capture("Fix bug #123", FRIDAY) == Capture("Fix bug #123")
    assert parse_capture("Fix bug #123 #dev", FRIDAY) == Capture("Fix bug #123", role="dev")


def test_a_part_given_by_an_option_stays_in_the_title() -> None:
    """`cockpit add Est fri --due mon`: the option gives the day, so "fri" is a title word
    (it was dropped without a word)."""
    both = frozenset({"due", "estimate", "role", "system"})
    assert parse_capture("Est fri 15m @web #admin", FRIDAY, both) == Capture(
        "Est fri 15m @web #admin"
    )
    assert parse_capture("Est fri 15m", FRIDAY, frozenset({"due"})) == Capture(
        "Est fri", estimate=15
    )
