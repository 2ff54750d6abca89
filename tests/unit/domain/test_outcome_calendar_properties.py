"""Properties of day states, weekly shares and sparklines over any outcomes (hypothesis).

The days lean on the awkward spots: month and year ends, ISO weeks across New Year,
and the leap days of 2024 and 2028.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.outcome_calendar import (
    SPARKS,
    process_cells,
    role_cells,
    spark_text,
    week_start,
    weekly_shares,
)
from cockpit.domain.streaks import Outcome

FAST = settings(max_examples=150, deadline=None)
Run = tuple[date, Outcome]

_EDGES = [date(year, 1, 1) for year in range(2024, 2030)]  # year ends (and month ends)
_EDGES += [date(2026, month, 1) for month in range(2, 13)]  # month ends of one year
_EDGES += [date(2024, 3, 1), date(2028, 3, 1)]  # leap days
EDGE_DAYS = sorted({edge + timedelta(days=k) for edge in _EDGES for k in range(-4, 4)})
WORST_FIRST = {"missed": 0, "open": 1, "late": 2, "skipped": 3, "on_time": 4}
JUDGED = {Outcome.ON_TIME, Outcome.LATE, Outcome.MISSED}
DONE = {Outcome.ON_TIME, Outcome.LATE}

days = st.one_of(st.sampled_from(EDGE_DAYS), st.dates(date(2023, 12, 1), date(2030, 1, 31)))
outcomes = st.sampled_from(list(Outcome))


@st.composite
def crowded_runs(draw: st.DrawFn) -> list[Run]:
    """Runs on a handful of days, so that days often hold several."""
    pool = draw(st.lists(days, min_size=1, max_size=6, unique=True))
    return draw(st.lists(st.tuples(st.sampled_from(pool), outcomes), max_size=30))


@st.composite
def windows(draw: st.DrawFn) -> tuple[list[Run], date, int]:
    """Runs around a window of `weeks` weeks ending with the week of a day, some outside."""
    last = draw(days)
    weeks = draw(st.integers(0, 60))
    near = st.integers(-7 * (weeks + 2), 14).map(lambda offset: last + timedelta(days=offset))
    runs = draw(st.lists(st.tuples(near, outcomes), max_size=60))
    return runs, last, weeks


@st.composite
def split(draw: st.DrawFn, runs: list[Run]) -> list[list[Run]]:
    """The runs dealt out among a few processes."""
    groups: list[list[Run]] = [[] for _ in range(draw(st.integers(1, 4)))]
    for run in runs:
        groups[draw(st.integers(0, len(groups) - 1))].append(run)
    return groups


# -- week_start --------------------------------------------------------------------------


@FAST
@given(days)
def test_week_start_is_the_monday_of_the_same_iso_week(day: date) -> None:
    monday = week_start(day)
    assert monday.weekday() == 0
    assert 0 <= (day - monday).days <= 6
    assert monday.isocalendar()[:2] == day.isocalendar()[:2]


# -- process_cells -----------------------------------------------------------------------


@FAST
@given(st.data())
def test_the_worst_state_of_a_day_wins_whatever_the_order(data: st.DataObject) -> None:
    runs = data.draw(crowded_runs())
    cells = process_cells(runs)
    assert cells == process_cells(data.draw(st.permutations(runs)))
    assert cells.keys() == {day for day, _ in runs}
    for day, state in cells.items():
        states = [str(outcome) for when, outcome in runs if when == day]
        assert state == min(states, key=WORST_FIRST.__getitem__)


# -- role_cells --------------------------------------------------------------------------


def expected_role_state(runs: list[Run], day: date) -> str | None:
    seen = [outcome for when, outcome in runs if when == day and outcome is not Outcome.OPEN]
    judged = [outcome for outcome in seen if outcome in JUDGED]
    if not seen:
        return None
    if not judged:
        return "skipped"
    done = sum(outcome in DONE for outcome in judged)
    return "all_done" if done == len(judged) else "some_done" if done else "none_done"


@FAST
@given(st.data())
def test_a_role_day_is_all_done_iff_every_judged_run_that_day_was_done(
    data: st.DataObject,
) -> None:
    runs = data.draw(crowded_runs())
    cells = role_cells(data.draw(split(runs)))
    for day in {when for when, _ in runs}:
        judged = [outcome for when, outcome in runs if when == day and outcome in JUDGED]
        assert (cells.get(day) == "all_done") == (bool(judged) and set(judged) <= DONE)
        assert (cells.get(day) == "none_done") == (bool(judged) and not set(judged) & DONE)
        assert cells.get(day) == expected_role_state(runs, day)
    assert cells.keys() <= {when for when, _ in runs}


@FAST
@given(st.data())
def test_how_runs_are_split_among_processes_does_not_matter(data: st.DataObject) -> None:
    runs = data.draw(crowded_runs())
    assert role_cells(data.draw(split(runs))) == role_cells([runs])


@FAST
@given(crowded_runs(), st.lists(days, max_size=6))
def test_skips_never_count_as_judged(runs: list[Run], skipped_on: list[date]) -> None:
    cells = role_cells([runs])
    with_skips = role_cells([runs, [(day, Outcome.SKIPPED) for day in skipped_on]])
    for day, state in with_skips.items():
        assert state == cells.get(day, "skipped")


# -- weekly_shares -----------------------------------------------------------------------


@FAST
@given(windows())
def test_shares_are_none_exactly_for_weeks_without_judged_runs(
    window: tuple[list[Run], date, int],
) -> None:
    runs, last, weeks = window
    shares = weekly_shares(runs, last, weeks)
    assert len(shares) == weeks
    for index, share in enumerate(shares):
        monday = week_start(last) - timedelta(weeks=weeks - 1 - index)
        week = [o for day, o in runs if monday <= day <= monday + timedelta(days=6)]
        judged = [outcome for outcome in week if outcome in JUDGED]
        if not judged:
            assert share is None
        else:
            assert share is not None
            assert 0.0 <= share <= 1.0
            assert share == sum(outcome in DONE for outcome in judged) / len(judged)


@FAST
@given(windows(), st.lists(st.tuples(days, st.sampled_from([Outcome.SKIPPED, Outcome.OPEN]))))
def test_skips_and_open_runs_leave_the_shares_alone(
    window: tuple[list[Run], date, int], unjudged: list[Run]
) -> None:
    runs, last, weeks = window
    assert weekly_shares(runs + unjudged, last, weeks) == weekly_shares(runs, last, weeks)


@FAST
@given(windows(), st.integers(0, 6))
def test_any_day_of_the_last_week_gives_the_same_shares(
    window: tuple[list[Run], date, int], weekday: int
) -> None:
    runs, last, weeks = window
    same_week = week_start(last) + timedelta(days=weekday)
    assert weekly_shares(runs, same_week, weeks) == weekly_shares(runs, last, weeks)


# -- spark_text --------------------------------------------------------------------------


@FAST
@given(windows())
def test_a_spark_line_has_one_character_per_week(window: tuple[list[Run], date, int]) -> None:
    runs, last, weeks = window
    shares = weekly_shares(runs, last, weeks)
    text = spark_text(shares)
    assert len(text) == weeks
    for share, spark in zip(shares, text, strict=True):
        assert (spark == " ") == (share is None)


shares = st.one_of(st.none(), st.floats(0.0, 1.0))


@FAST
@given(st.lists(shares, max_size=60))
def test_sparks_grow_with_the_share_done(values: list[float | None]) -> None:
    text = spark_text(values)
    assert len(text) == len(values)
    known = [(v, SPARKS.index(c)) for v, c in zip(values, text, strict=True) if v is not None]
    assert all(c == " " for v, c in zip(values, text, strict=True) if v is None)
    for share, level in known:
        assert abs(level / (len(SPARKS) - 1) - share) <= 0.5 / (len(SPARKS) - 1) + 1e-9
    for (_, lower), (_, higher) in pairwise(sorted(known)):
        assert lower <= higher
