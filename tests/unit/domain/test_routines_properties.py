"""Properties of routine strength and streaks over any history, on several schedules."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.model import Process
from cockpit.domain.occurrence import Occurrence
from cockpit.domain.routines import Outcome, RoutineFigures, routine_figures, standing_on
from tests.unit.domain.builders import process
from tests.unit.domain.test_routines import done, missed, opened, skipped

START = date(2026, 11, 2)
PHRASES = ("daily", "weekdays", "weekly on mon", "every 3 days", "monthly on the 15th",
           "quarterly", "2 weeks after done")  # fmt: skip
PROCESSES = {phrase: process(phrase, start=START) for phrase in PHRASES}
KINDS = ("on_time", "late", "missed", "skipped", "open")

schedules = st.sampled_from(PHRASES)
histories = st.lists(st.sampled_from(KINDS), max_size=60)


def dates(proc: Process, count: int) -> list[date]:
    if proc.schedule.recurring and proc.schedule.rule:
        return proc.schedule.dates_between(proc.start, proc.start, START + timedelta(days=81 * 92))[
            :count
        ]
    return [START + timedelta(days=14 * n) for n in range(count)]  # after done: every 2 weeks


def make(proc: Process, kind: str, day: date) -> Occurrence:
    if kind == "on_time":
        return done(proc, day)
    if kind == "late":
        return done(proc, day, on=day + timedelta(days=120))
    if kind == "missed":
        return missed(proc, day)
    if kind == "skipped":
        return skipped(proc, day)
    return opened(proc, day)


def history(phrase: str, kinds: list[str]) -> tuple[Process, list[Occurrence]]:
    proc = PROCESSES[phrase]
    days = dates(proc, len(kinds))
    return proc, [make(proc, kind, day) for kind, day in zip(kinds, days, strict=True)]


def figures_of(proc: Process, runs: list[Occurrence]) -> RoutineFigures:
    today = (max(run.date for run in runs) if runs else START) + timedelta(days=1)
    return routine_figures(proc, runs, today)


@settings(max_examples=150, deadline=None)
@given(schedules, histories)
def test_strength_stays_between_0_and_1(phrase: str, kinds: list[str]) -> None:
    proc, runs = history(phrase, kinds)
    result = figures_of(proc, runs)
    assert 0.0 <= result.strength <= 1.0
    assert 0.0 <= result.strength_4_weeks_ago <= 1.0


@settings(max_examples=60, deadline=None)
@given(schedules, st.integers(min_value=1, max_value=80))
def test_a_history_of_done_runs_never_lowers_the_score(phrase: str, count: int) -> None:
    proc, runs = history(phrase, ["on_time"] * count)
    scores = [s.strength for s in standing_on(proc, runs, [run.date for run in runs])]
    assert all(later >= earlier for earlier, later in itertools.pairwise(scores))
    assert scores[0] > 0


@settings(max_examples=150, deadline=None)
@given(schedules, histories)
def test_appending_a_skip_never_changes_the_score(phrase: str, kinds: list[str]) -> None:
    proc, runs = history(phrase, kinds)
    _, longer = history(phrase, [*kinds, "skipped"])
    assert figures_of(proc, longer).strength == figures_of(proc, runs).strength


@settings(max_examples=150, deadline=None)
@given(schedules, histories)
def test_appending_a_miss_never_raises_the_score(phrase: str, kinds: list[str]) -> None:
    proc, runs = history(phrase, kinds)
    _, longer = history(phrase, [*kinds, "missed"])
    assert figures_of(proc, longer).strength <= figures_of(proc, runs).strength


@settings(max_examples=150, deadline=None)
@given(schedules, histories, st.sampled_from(["on_time", "late"]))
def test_appending_a_done_run_never_lowers_the_score(
    phrase: str, kinds: list[str], last: str
) -> None:
    proc, runs = history(phrase, kinds)
    _, longer = history(phrase, [*kinds, last])
    assert figures_of(proc, longer).strength >= figures_of(proc, runs).strength


@settings(max_examples=150, deadline=None)
@given(schedules, histories)
def test_streaks_and_counts_agree_with_the_history(phrase: str, kinds: list[str]) -> None:
    proc, runs = history(phrase, kinds)
    result = figures_of(proc, runs)
    done_count = kinds.count("on_time") + kinds.count("late")
    assert 0 <= result.current_streak <= result.best_streak <= done_count
    assert result.missed_in_a_row <= kinds.count("missed")
    assert sum(result.outcomes.values()) == len(kinds)
    assert result.outcomes[Outcome.MISSED] == kinds.count("missed")
    assert result.outcomes[Outcome.ON_TIME] + result.outcomes[Outcome.LATE] == done_count
    assert result.is_routine == (result.strength >= 0.8)
    judged = [kind for kind in kinds if kind not in ("skipped", "open")]  # passed over
    done_since_miss = misses_at_end = 0
    for kind in reversed(judged):
        if kind == "missed":
            break
        done_since_miss += 1
    for kind in reversed(judged):
        if kind != "missed":
            break
        misses_at_end += 1
    assert result.current_streak == done_since_miss
    assert result.missed_in_a_row == misses_at_end
    assert result.slipping == (misses_at_end >= 3)
