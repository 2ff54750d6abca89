"""Properties of schedules over random phrases, anchors and windows (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.schedule import Schedule, ScheduleKind, parse_schedule

SHORT = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FULL = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"]
ORDINALS = ["1st", "2nd", "3rd", "4th", "first", "second", "third", "fourth", "last"]

FAST = settings(max_examples=150, deadline=None)


@st.composite
def day_lists(draw: st.DrawFn) -> str:
    picked = draw(st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True))
    names = [draw(st.sampled_from([SHORT[i], FULL[i]])) for i in picked]
    if len(names) > 1 and draw(st.booleans()):
        return ", ".join(names[:-1]) + " and " + names[-1]
    return draw(st.sampled_from([", ", ",", " , "])).join(names)


@st.composite
def weekly_phrases(draw: st.DrawFn) -> str:
    interval = draw(st.integers(1, 5))
    head = "weekly" if interval == 1 else f"every {interval} weeks"
    return head + draw(st.one_of(st.just(""), day_lists().map(lambda days: f" on {days}")))


@st.composite
def monthly_phrases(draw: st.DrawFn) -> str:
    interval = draw(st.integers(1, 6))
    head = "monthly" if interval == 1 else f"every {interval} months"
    on = draw(
        st.one_of(
            st.just(""),
            st.integers(1, 31).map(lambda day: f" on the {day}th"),
            st.integers(1, 31).map(lambda day: f" on day {day}"),
            st.sampled_from([" on the last day", " on the last weekday", " on the first weekday"]),
            st.builds(
                lambda nth, day: f" on the {nth} {day}",
                st.sampled_from(ORDINALS),
                st.sampled_from(SHORT + FULL),
            ),
        )
    )
    return head + on


RAW_RULES = [
    "RRULE:FREQ=WEEKLY;BYDAY=TU",
    "RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,FR",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=31",
    "RRULE:FREQ=MONTHLY;BYDAY=-2WE",
    "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "RRULE:FREQ=DAILY;INTERVAL=10;COUNT=20",
    "RRULE:FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20300101",
    "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
]

CALENDAR_PHRASES = st.one_of(
    st.sampled_from(["daily", "every day", "weekdays", "quarterly", "quarterly on the last day"]),
    st.sampled_from(["yearly", "monthly on the last day", "monthly on the last weekday"]),
    day_lists().map(lambda days: f"every {days}"),
    weekly_phrases(),
    st.integers(1, 40).map(lambda n: f"every {n} days"),
    monthly_phrases(),
    st.dates(date(2000, 1, 1), date(2000, 12, 31)).map(lambda day: f"yearly on {day:%m-%d}"),
    st.sampled_from(RAW_RULES),
)
ALL_PHRASES = st.one_of(
    CALENDAR_PHRASES,
    st.builds(
        lambda n, unit: f"{n} {unit} after done",
        st.integers(1, 30),
        st.sampled_from(["days", "weeks", "months"]),
    ),
    st.sampled_from(["on demand", "manual"]),
)

# windows start anywhere, or just before a month end or a leap day
EDGES = [date(year, month, 1) - timedelta(days=back) for year in (2000, 2024, 2028, 2036)
         for month in (1, 3, 5, 12) for back in (0, 1, 2)]  # fmt: skip
ANCHORS = st.dates(date(1999, 1, 1), date(2040, 12, 31))


@st.composite
def windows(draw: st.DrawFn) -> tuple[date, date, date]:
    """An anchor and a window of up to 3 years around it."""
    anchor = draw(ANCHORS)
    start = draw(
        st.one_of(
            st.integers(-400, 400).map(lambda days: anchor + timedelta(days=days)),
            st.sampled_from(EDGES),
        )
    )
    end = start + timedelta(days=draw(st.integers(0, 3 * 366)))
    return anchor, start, end


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month touching [first, last], even past `last`."""
    found, day = [], first.replace(day=1)
    while day <= last:
        following = (day + timedelta(days=32)).replace(day=1)
        found.append(following - timedelta(days=1))
        day = following
    return found


@FAST
@given(phrase=ALL_PHRASES, zone=st.sampled_from(ZONES))
def test_a_canonical_schedule_parses_back_to_itself(phrase: str, zone: str) -> None:
    schedule = parse_schedule(phrase, zone)
    assert parse_schedule(schedule.text, schedule.tz) == schedule
    assert schedule.tz == zone


@FAST
@given(phrase=CALENDAR_PHRASES, window=windows())
def test_dates_are_increasing_and_inside_the_window(
    phrase: str, window: tuple[date, date, date]
) -> None:
    anchor, start, end = window
    got = parse_schedule(phrase).dates_between(anchor, start, end)
    assert all(earlier < later for earlier, later in pairwise(got))
    assert all(max(start, anchor) <= day <= end for day in got)


@FAST
@given(phrase=CALENDAR_PHRASES, window=windows(), cut=st.floats(0, 1))
def test_a_split_window_loses_and_doubles_nothing(
    phrase: str, window: tuple[date, date, date], cut: float
) -> None:
    anchor, start, end = window
    schedule = parse_schedule(phrase)
    middle = start + timedelta(days=int((end - start).days * cut))
    whole = schedule.dates_between(anchor, start, end)
    left = schedule.dates_between(anchor, start, middle)
    right = schedule.dates_between(anchor, middle + timedelta(days=1), end)
    assert whole == left + right


@FAST
@given(phrase=CALENDAR_PHRASES, anchor=ANCHORS, offset=st.integers(-100, 1200))
def test_next_after_is_the_first_date_after_the_day(phrase: str, anchor: date, offset: int) -> None:
    schedule = parse_schedule(phrase)
    day = anchor + timedelta(days=offset)
    horizon = day + timedelta(days=800)  # longer than any gap of these phrases
    following = schedule.dates_between(anchor, day + timedelta(days=1), horizon)
    found = schedule.next_after(anchor, day)
    if following:
        assert found == following[0]
    else:
        assert found is None or found > horizon


@FAST
@given(window=windows())
def test_monthly_on_the_last_day_falls_once_a_month_on_its_last_day(
    window: tuple[date, date, date],
) -> None:
    anchor, start, end = window
    got = parse_schedule("monthly on the last day").dates_between(anchor, start, end)
    first = max(start, anchor)
    assert got == [last for last in month_ends(first, end) if first <= last <= end]


@FAST
@given(window=windows(), day=st.integers(1, 31))
def test_monthly_on_day_n_falls_on_it_or_on_a_shorter_months_last_day(
    window: tuple[date, date, date], day: int
) -> None:
    anchor, start, end = window
    got = parse_schedule(f"monthly on the {day}th").dates_between(anchor, start, end)
    first = max(start, anchor)
    expected = [last.replace(day=min(day, last.day)) for last in month_ends(first, end)]
    assert got == [one for one in expected if first <= one <= end]


@FAST
@given(window=windows())
def test_daily_gives_every_date(window: tuple[date, date, date]) -> None:
    anchor, start, end = window
    first = max(start, anchor)
    expected = [first + timedelta(days=n) for n in range((end - first).days + 1)]
    assert parse_schedule("daily").dates_between(anchor, start, end) == expected


@FAST
@given(window=windows(), every=st.integers(1, 40))
def test_every_n_days_counts_from_the_anchor(window: tuple[date, date, date], every: int) -> None:
    anchor, start, end = window
    got = parse_schedule(f"every {every} days").dates_between(anchor, start, end)
    first = max(start, anchor)
    expected = [anchor + timedelta(days=n * every) for n in range((end - anchor).days // every + 1)]
    assert got == [one for one in expected if first <= one <= end]


@FAST
@given(window=windows(), days=st.sets(st.integers(0, 6), min_size=1))
def test_every_given_weekday_falls_on_exactly_those_weekdays(
    window: tuple[date, date, date], days: set[int]
) -> None:
    anchor, start, end = window
    phrase = "every " + ", ".join(SHORT[i] for i in sorted(days))
    got = parse_schedule(phrase).dates_between(anchor, start, end)
    first = max(start, anchor)
    every_day = [first + timedelta(days=n) for n in range((end - first).days + 1)]
    assert got == [one for one in every_day if one.weekday() in days]


@FAST
@given(
    done_on=st.dates(date(1999, 1, 1), date(2040, 12, 31)),
    every=st.integers(1, 24),
    unit=st.sampled_from(["days", "weeks", "months"]),
)
def test_after_done_counts_from_the_day_it_was_done(done_on: date, every: int, unit: str) -> None:
    schedule = parse_schedule(f"{every} {unit} after done")
    assert schedule == Schedule(schedule.text, ScheduleKind.AFTER_DONE, every=every, unit=unit)
    following = schedule.next_after_done(done_on)
    if unit == "months":
        months = (following.year - done_on.year) * 12 + following.month - done_on.month
        assert months == every
        assert following.day == min(done_on.day, month_ends(following, following)[0].day)
    else:
        assert (following - done_on).days == every * (7 if unit == "weeks" else 1)
