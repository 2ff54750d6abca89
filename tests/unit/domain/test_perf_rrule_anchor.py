"""A schedule begun years ago is counted from a later start, one the rule cannot tell from
its first day (issue 13: the day counted every daily process out from its first date, five
years of dates on the heavy data set). Whatever the rule, the anchor and the window, the
dates from the later start are the dates from the anchor: checked against dateutil counting
from the anchor itself, across month ends, leap days and every period a rule can have."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.rrule import rrule, rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.rrule_dates import (
    _anchored,
    dates_between,
    first_after,
    later_anchor,
    rule_parts,
)

PHRASES = [  # Cockpit's own rules, completed from the anchor like "monthly" and "yearly"
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,WE;WKST=SU",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;INTERVAL=2",
    "FREQ=MONTHLY;BYMONTHDAY=15",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=+2TU",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=YEARLY",
    "FREQ=YEARLY;INTERVAL=2",
    "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1",
    "FREQ=YEARLY;BYWEEKNO=1,27;BYDAY=MO",
]
LITERAL = [  # raw RRULEs taken as written: their start gives what they leave out
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=MONTHLY;INTERVAL=5",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=YEARLY",
    "FREQ=YEARLY;INTERVAL=4",
    "FREQ=DAILY;INTERVAL=10;BYMONTH=2",
    "FREQ=DAILY;COUNT=40",
    "FREQ=WEEKLY;UNTIL=20240229T000000;BYDAY=TH",
]
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


def _rule(body: str, anchor: date) -> rrule:
    found = rrulestr(
        body if "WKST=" in body else f"{body};WKST=MO",
        dtstart=datetime(anchor.year, anchor.month, anchor.day),
        ignoretz=True,
    )
    assert isinstance(found, rrule)
    return found


def _from_anchor(body: str, anchor: date, start: date, end: date) -> list[date]:
    rule = _rule(body, anchor)
    found = rule.between(
        datetime.combine(start, datetime.min.time()),
        datetime.combine(end, datetime.min.time()),
        inc=True,
    )
    return [moment.date() for moment in found]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from([(rule, False) for rule in PHRASES] + [(rule, True) for rule in LITERAL]),
    days,
    st.integers(0, 6000),
    st.integers(0, 800),
)
def test_dates_from_a_later_start_are_the_dates_from_the_anchor(
    rule_and_kind: tuple[str, bool], anchor: date, after: int, span: int
) -> None:
    rule, literal = rule_and_kind
    start = anchor + timedelta(days=after)
    end = start + timedelta(days=span)
    body = rule if literal else _anchored(rule, anchor)
    assert dates_between(rule, anchor, literal, start, end) == _from_anchor(
        body, anchor, start, end
    )
    following = _rule(body, anchor).after(datetime.combine(start, datetime.min.time()))
    assert first_after(rule, anchor, literal, start) == (following and following.date())


@settings(deadline=None)
@given(st.sampled_from(PHRASES + LITERAL), days, days)
def test_the_later_start_is_the_anchor_moved_by_whole_periods(
    rule: str, anchor: date, before: date
) -> None:
    moved = later_anchor(rule, anchor, before)
    assert anchor <= moved <= max(anchor, before)
    if moved == anchor:
        return
    parts = rule_parts(rule)
    assert "COUNT" not in parts
    every = int(parts.get("INTERVAL", "1"))
    if parts["FREQ"] in ("DAILY", "WEEKLY"):
        assert (moved - anchor).days % (every * (7 if parts["FREQ"] == "WEEKLY" else 1)) == 0
    else:
        months = (moved.year - anchor.year) * 12 + moved.month - anchor.month
        assert moved.day == anchor.day <= 28
        assert months % (every * (12 if parts["FREQ"] == "YEARLY" else 1)) == 0


def test_a_daily_schedule_of_five_years_is_counted_from_the_last_days_only() -> None:
    anchor, today = date(2021, 11, 20), date(2026, 11, 20)
    moved = later_anchor("FREQ=DAILY", anchor, today)
    assert today - timedelta(days=3) <= moved < today
    assert later_anchor("FREQ=MONTHLY;BYMONTHDAY=31", date(2021, 1, 31), today) == date(2021, 1, 31)
    assert later_anchor("FREQ=DAILY;COUNT=3000", anchor, today) == anchor
