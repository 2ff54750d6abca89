"""Routine figures: outcomes, strength, streaks, slipping, per-step figures, explanation.

The expected numbers are worked out by hand: for a daily process each run keeps
w = 0.5 ** (1/13) = 0.948078 of the score and adds 1 - w = 0.051922 when done.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

import pytest

from cockpit.domain.model import Process, Stage, Step
from cockpit.domain.occurrence import Occurrence, OccurrenceStatus, StepState, StepStatus
from cockpit.domain.routines import (
    Outcome,
    outcome,
    routine_figures,
    routine_figures_all,
    rules_for,
    standing_on,
)
from tests.unit.domain.builders import at, process

START = date(2026, 11, 2)  # a Monday
W = 0.5 ** (1 / 13)  # the daily weight
_numbers = itertools.count(1)


def days(first: date, count: int, step: int = 1) -> list[date]:
    return [first + timedelta(days=n * step) for n in range(count)]


def done(
    proc: Process,
    day: date,
    *,
    on: date | None = None,
    minutes: Sequence[int | None] = (),
    dropped: Sequence[str] = (),
    steps: Sequence[str] = (),
    manual: bool = False,
) -> Occurrence:
    """A done run of `day`, done `on` (the same day unless said); `dropped` steps skipped."""
    on = on or day
    ids = list(steps) or [step.id for step in proc.steps]
    mins = list(minutes) or [None] * len(ids)
    states = tuple(
        StepState(i, StepStatus.SKIPPED, at(on), reason="not needed")
        if i in dropped
        else StepState(i, StepStatus.DONE, at(on), m)
        for i, m in zip(ids, mins, strict=True)
    )
    return Occurrence(
        next(_numbers),
        proc.id,
        proc.version,
        day,
        states,
        OccurrenceStatus.DONE,
        at(on),
        on,
        manual=manual,
    )


def missed(
    proc: Process, day: date, *, done_steps: Sequence[str] = (), steps: Sequence[str] = ()
) -> Occurrence:
    """A missed run: its steps left open, except `done_steps`."""
    ids = list(steps) or [step.id for step in proc.steps]
    states = tuple(
        StepState(i, StepStatus.DONE, at(day), 5) if i in done_steps else StepState(i) for i in ids
    )
    after = day + timedelta(days=1)
    return Occurrence(
        next(_numbers),
        proc.id,
        proc.version,
        day,
        states,
        OccurrenceStatus.MISSED,
        at(after),
        after,
    )


def skipped(proc: Process, day: date, reason: str = "client on holiday") -> Occurrence:
    states = tuple(
        StepState(step.id, StepStatus.SKIPPED, at(day), reason=reason) for step in proc.steps
    )
    return Occurrence(
        next(_numbers),
        proc.id,
        proc.version,
        day,
        states,
        OccurrenceStatus.SKIPPED,
        at(day),
        day,
        reason=reason,
    )


def opened(proc: Process, day: date, *, manual: bool = False) -> Occurrence:
    states = tuple(StepState(step.id) for step in proc.steps)
    return Occurrence(next(_numbers), proc.id, proc.version, day, states, manual=manual)


def figures(proc: Process, runs: Sequence[Occurrence], today: date | None = None, **options):
    today = today or max(run.date for run in runs) + timedelta(days=1)
    return routine_figures(proc, runs, today, **options)


# -- strength -------------------------------------------------------------------------------


def test_a_perfect_daily_process_reaches_80_percent_in_30_days_and_96_in_60() -> None:
    proc = process("daily", start=START)
    month = [done(proc, day) for day in days(START, 30)]
    two = [done(proc, day) for day in days(START, 60)]
    assert 0.79 <= figures(proc, month).strength <= 0.81
    assert 0.95 <= figures(proc, two).strength <= 0.97
    assert figures(proc, month).strength == pytest.approx(0.798017, abs=1e-6)  # 1 - 0.5^(30/13)
    assert figures(proc, two).strength == pytest.approx(0.959203, abs=1e-6)  # 1 - 0.5^(60/13)


def test_the_first_done_run_gives_one_minus_alpha_and_a_miss_keeps_alpha() -> None:
    proc = process("daily", start=START)
    first = done(proc, START)
    assert figures(proc, [first]).strength == pytest.approx(0.051922, abs=1e-6)
    after_miss = figures(proc, [first, missed(proc, START + timedelta(days=1))])
    assert after_miss.strength == pytest.approx(0.049227, abs=1e-6)  # 0.051922 * 0.948078


def test_a_skip_freezes_the_score() -> None:
    proc = process("daily", start=START)
    d1, d2, d3, d4 = days(START, 4)
    two = [done(proc, d1), done(proc, d2)]
    before = figures(proc, two).strength
    with_skip = figures(proc, [*two, skipped(proc, d3)]).strength
    after = figures(proc, [*two, skipped(proc, d3), done(proc, d4)]).strength
    assert before == pytest.approx(0.101149, abs=1e-6)  # 1 - w^2
    assert with_skip == before  # exactly: the skip changed nothing
    assert after == pytest.approx(0.147820, abs=1e-6)  # 1 - w^3: as if the skip never was


def test_late_counts_as_done_for_the_strength() -> None:
    proc = process("daily", start=START)
    on_time = figures(proc, [done(proc, START)])
    late = figures(proc, [done(proc, START, on=START + timedelta(days=2))])
    assert late.strength == on_time.strength
    assert late.outcomes[Outcome.LATE] == 1 and on_time.outcomes[Outcome.ON_TIME] == 1


def test_a_weekly_run_weighs_a_week_of_daily_decay() -> None:
    proc = process("weekly on mon", start=START)
    rules = rules_for(proc.schedule)
    assert rules.alpha == pytest.approx(0.980049, abs=1e-6)  # 0.5^(sqrt(1/7)/13)
    assert rules.weight == pytest.approx(0.868430, abs=1e-6)  # 0.980049^7
    runs = [done(proc, day) for day in days(START, 12, 7)]
    assert figures(proc, runs).strength == pytest.approx(1 - 0.868430**12, abs=1e-5)  # 0.815
    assert figures(proc, runs[:11]).strength < 0.8  # 12 weeks to become a routine


def test_open_runs_from_today_are_ignored_and_past_open_runs_not_judged() -> None:
    proc = process("daily", start=START)
    today = START + timedelta(days=3)
    runs = [
        done(proc, START),
        opened(proc, START + timedelta(days=1)),  # a past run, kept open: not judged yet
        done(proc, START + timedelta(days=2)),
        opened(proc, today),
        opened(proc, today + timedelta(days=1)),
    ]
    result = routine_figures(proc, runs, today)
    assert result.strength == pytest.approx(1 - W**2)
    assert result.outcomes[Outcome.OPEN] == 1
    assert result.judged == 2
    assert [o for _, o in result.recent] == [Outcome.ON_TIME, Outcome.OPEN, Outcome.ON_TIME]
    assert result.current_streak == 2


def test_runs_started_by_hand_are_not_judged() -> None:
    proc = process("daily", start=START)
    runs = [done(proc, START), missed(proc, START + timedelta(days=1))]
    extra = replace(done(proc, START + timedelta(days=1)), manual=True)
    assert figures(proc, [*runs, extra]) == figures(proc, runs)


def test_strength_four_weeks_ago() -> None:
    proc = process("daily", start=START)
    runs = [done(proc, day) for day in days(START, 60)]
    today = START + timedelta(days=60)
    result = routine_figures(proc, runs, today)
    # runs dated on or before today - 28 = START + 32: 33 runs
    assert result.strength_4_weeks_ago == pytest.approx(0.827874, abs=1e-6)  # 1 - w^33


def test_runs_are_taken_in_date_order_whatever_order_they_come_in() -> None:
    proc = process("daily", start=START)
    runs = [done(proc, START), missed(proc, START + timedelta(days=1))]
    assert figures(proc, runs[::-1]) == figures(proc, runs)


# -- outcomes -------------------------------------------------------------------------------


def test_a_daily_run_is_on_time_the_same_day_and_late_the_next() -> None:
    proc = process("daily", start=START)
    assert outcome(done(proc, START), proc) is Outcome.ON_TIME
    assert outcome(done(proc, START, on=START + timedelta(days=1)), proc) is Outcome.LATE
    assert outcome(done(proc, START, on=START - timedelta(days=1)), proc) is Outcome.ON_TIME


def test_weekdays_are_daily_ish() -> None:
    proc = process("weekdays", start=START)
    assert outcome(done(proc, START, on=START + timedelta(days=1)), proc) is Outcome.LATE


def test_a_weekly_run_is_on_time_through_the_sunday_of_its_week() -> None:
    proc = process("weekly on wed", start=START)
    wednesday = date(2026, 11, 4)
    sunday, monday = date(2026, 11, 8), date(2026, 11, 9)
    assert outcome(done(proc, wednesday, on=sunday), proc) is Outcome.ON_TIME
    assert outcome(done(proc, wednesday, on=monday), proc) is Outcome.LATE


def test_a_twice_weekly_and_a_fortnightly_run_have_their_week_too() -> None:
    twice = process("every mon, thu", start=START)
    assert outcome(done(twice, START, on=date(2026, 11, 8)), twice) is Outcome.ON_TIME
    fortnight = process("every 2 weeks on fri", start=START)
    friday = date(2026, 11, 6)
    assert outcome(done(fortnight, friday, on=date(2026, 11, 8)), fortnight) is Outcome.ON_TIME
    assert outcome(done(fortnight, friday, on=date(2026, 11, 9)), fortnight) is Outcome.LATE


@pytest.mark.parametrize(
    ("phrase", "grace"),
    [
        ("every 3 days", 2),  # before the next one falls due
        ("monthly on the 15th", 7),  # a quarter of 30 days
        ("quarterly", 22),  # a quarter of 91 days
        ("3 days after done", 2),
        ("2 weeks after done", 13),
    ],
)
def test_longer_periods_have_a_grace_in_days(phrase: str, grace: int) -> None:
    proc = process(phrase, start=START)
    day = START
    assert outcome(done(proc, day, on=day + timedelta(days=grace)), proc) is Outcome.ON_TIME
    assert outcome(done(proc, day, on=day + timedelta(days=grace + 1)), proc) is Outcome.LATE


def test_skipped_missed_and_open_runs() -> None:
    proc = process("daily", start=START)
    assert outcome(skipped(proc, START), proc) is Outcome.SKIPPED
    assert outcome(missed(proc, START), proc) is Outcome.MISSED
    assert outcome(opened(proc, START), proc) is Outcome.OPEN


# -- streaks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [
        ("daily", "days"),
        ("weekly on fri", "weeks"),
        ("weekly", "weeks"),
        ("monthly on the 15th", "months"),
        ("monthly on the last weekday", "months"),
        ("weekdays", "runs"),
        ("every mon, thu", "runs"),
        ("every 2 weeks on fri", "runs"),
        ("every 3 days", "runs"),
        ("quarterly", "runs"),
        ("3 days after done", "runs"),
        ("1 week after done", "runs"),
    ],
)
def test_the_streak_unit_follows_the_schedule(phrase: str, unit: str) -> None:
    assert rules_for(process(phrase).schedule).streak_unit == unit


def test_a_weekly_streak_passes_over_a_skip() -> None:
    proc = process("weekly on mon", start=START)
    mondays = days(START, 5, 7)
    runs = [done(proc, d) for d in mondays[:2]]
    runs += [skipped(proc, mondays[2])]
    runs += [done(proc, d, on=d + timedelta(days=3)) for d in mondays[3:]]  # on time: same week
    result = figures(proc, runs)
    assert (result.current_streak, result.best_streak, result.streak_unit) == (4, 4, "weeks")
    assert result.outcomes[Outcome.ON_TIME] == 4 and result.outcomes[Outcome.SKIPPED] == 1


def test_best_and_current_streak() -> None:
    proc = process("daily", start=START)
    d = days(START, 7)
    runs = [
        done(proc, d[0]),
        done(proc, d[1], on=d[2]),  # late still counts
        done(proc, d[2]),
        missed(proc, d[3]),
        done(proc, d[4]),
        skipped(proc, d[5]),
        done(proc, d[6]),
    ]
    result = figures(proc, runs)
    assert (result.current_streak, result.best_streak) == (2, 3)
    assert figures(proc, runs[:4]).current_streak == 0


# -- slipping -------------------------------------------------------------------------------


def test_slipping_after_three_misses_in_a_row() -> None:
    proc = process("weekly on fri", start=START, name="Update bookkeeping")
    fridays = days(date(2026, 11, 6), 5, 7)
    two = [done(proc, fridays[0]), missed(proc, fridays[1]), missed(proc, fridays[2])]
    assert not figures(proc, two).slipping
    assert figures(proc, two).missed_in_a_row == 2
    assert figures(proc, two).slipping_message == ""
    three = [*two, missed(proc, fridays[3])]
    result = figures(proc, three)
    assert result.slipping and result.missed_in_a_row == 3
    assert "Update bookkeeping" in result.slipping_message
    assert "missed 3 times in a row" in result.slipping_message
    assert "keeps showing up and not getting done" in result.slipping_message
    assert "time to look at the process" in result.slipping_message.lower()
    reset = figures(proc, [*three, done(proc, fridays[4])])
    assert not reset.slipping and reset.missed_in_a_row == 0


def test_skips_between_misses_are_passed_over_and_the_count_is_configurable() -> None:
    proc = process("daily", start=START)
    d = days(START, 4)
    runs = [missed(proc, d[0]), skipped(proc, d[1]), missed(proc, d[2]), missed(proc, d[3])]
    assert figures(proc, runs).slipping
    assert not figures(proc, runs[:3]).slipping
    assert figures(proc, runs[:3], slipping_after=2).slipping


# -- routine or not -------------------------------------------------------------------------


def test_a_strong_process_not_yet_at_the_routine_stage_is_suggested() -> None:
    testing = process("daily", start=START, stage=Stage.TESTING)
    runs = [done(testing, day) for day in days(START, 31)]
    result = figures(testing, runs)
    assert result.is_routine and result.suggest_routine
    routine = process("daily", start=START, stage=Stage.ROUTINE)
    assert not figures(routine, runs).suggest_routine
    retired = process("daily", start=START, stage=Stage.RETIRED)
    assert not figures(retired, runs).suggest_routine
    short = figures(testing, runs[:20])
    assert not short.is_routine and not short.suggest_routine
    assert figures(testing, runs[:20], threshold=0.6).suggest_routine  # 1 - w^20 = 0.656


# -- per step -------------------------------------------------------------------------------


def test_the_weakest_step_is_the_one_most_often_dropped() -> None:
    proc = process("daily", start=START, steps=3)
    d = days(START, 6)
    runs = [
        done(proc, d[0], dropped=["s2"]),
        done(proc, d[1], dropped=["s2", "s3"]),
        missed(proc, d[2], done_steps=["s1"]),  # s2 and s3 left open
        skipped(proc, d[3]),  # skipped as a whole: says nothing about one step
        done(proc, d[4]),
        opened(proc, d[5]),  # not judged yet
    ]
    result = figures(proc, runs)
    assert result.weakest_step is not None
    assert (result.weakest_step.step_id, result.weakest_step.title) == ("s2", "Step 2")
    assert [(s.step_id, s.dropped, s.runs) for s in result.steps] == [
        ("s1", 0, 4),
        ("s2", 3, 4),
        ("s3", 2, 4),
    ]


def test_no_weakest_step_when_nothing_was_dropped() -> None:
    proc = process("daily", start=START)
    assert figures(proc, [done(proc, START)]).weakest_step is None


def test_step_median_minutes_against_the_estimate() -> None:
    proc = process("daily", start=START, steps=2)  # estimates 10 and 20
    d = days(START, 4)
    runs = [
        done(proc, d[0], minutes=[10, 25]),
        done(proc, d[1], minutes=[12, None]),  # the second step not timed
        done(proc, d[2], minutes=[30, 15]),
        done(proc, d[3], minutes=[8, 40]),
    ]
    s1, s2 = figures(proc, runs).steps
    assert (s1.estimate_minutes, s1.median_minutes, s1.timed) == (10, 11.0, 4)  # 8 10 12 30
    assert (s2.estimate_minutes, s2.median_minutes, s2.timed) == (20, 25.0, 3)  # 15 25 40


def test_a_process_edited_mid_history_counts_every_run_and_its_current_steps() -> None:
    v1 = process("daily", start=START, steps=2)
    v2 = v1.edited(
        steps=(v1.steps[0], Step(id="s3", title="Check totals", estimate_minutes=15)),
    )
    d = days(START, 7)
    runs = [done(v1, day, minutes=[10, 20]) for day in d[:3]]
    runs += [done(v2, day, minutes=[14, 6]) for day in d[3:]]
    assert {run.process_version for run in runs} == {1, 2}
    result = figures(v2, runs)
    assert result.strength == pytest.approx(1 - W**7)
    assert result.current_streak == 7
    assert [(s.step_id, s.title, s.timed, s.median_minutes) for s in result.steps] == [
        ("s1", "Step 1", 7, 14.0),  # 10 10 10 14 14 14 14
        ("s3", "Check totals", 4, 6.0),  # s2 is gone: not reported
    ]


# -- explanation ----------------------------------------------------------------------------


def test_the_explanation_shows_the_formula_and_the_last_runs() -> None:
    proc = process("daily", start=START)
    d = days(START, 10)
    runs = [done(proc, day) for day in d[:7]]
    runs += [missed(proc, d[7]), skipped(proc, d[8]), done(proc, d[9])]
    text = figures(proc, runs).explanation
    assert "alpha = 0.5^(sqrt(1.00)/13) = 0.948" in text
    assert "score = score × 0.948 + value × 0.052" in text
    lines = text.splitlines()
    shown = [line for line in lines if line.startswith("  ")]
    assert len(shown) == 8  # the last eight runs, oldest first
    assert shown[0].startswith("  Wed 2026-11-04  done on time")
    assert "value 1" in shown[0] and shown[0].endswith("→ 14.8 %")  # 1 - w^3
    assert "missed" in shown[5] and "value 0" in shown[5]
    assert shown[5].endswith("→ 29.5 %")  # (1 - w^7) * w = 0.3115 * 0.9481
    assert "skipped" in shown[6] and "value frozen" in shown[6] and shown[6].endswith("→ 29.5 %")
    assert shown[7].startswith("  Wed 2026-11-11") and shown[7].endswith("→ 33.2 %")
    assert "Routine strength 33.2 %" in lines[0]  # 0.2953 * 0.9481 + 0.0519
    assert "From 80 % a process counts as a routine" in text
    assert "more runs done in a row" in text


def test_the_explanation_of_a_weekly_process_shows_the_weight_of_a_run() -> None:
    proc = process("weekly on mon", start=START)
    text = figures(proc, [done(proc, START)]).explanation
    assert "alpha = 0.5^(sqrt(0.14)/13) = 0.980" in text
    assert "A run stands for 7.0 days, so it keeps 0.980^7.0 = 0.868 of the score" in text
    assert "score = score × 0.868 + value × 0.132" in text


def test_the_explanation_of_a_routine_says_so() -> None:
    proc = process("daily", start=START)
    text = figures(proc, [done(proc, day) for day in days(START, 40)]).explanation
    assert "this one does" in text


def test_the_explanation_before_any_run() -> None:
    proc = process("daily", start=START)
    result = routine_figures(proc, [], START)
    assert result.strength == 0 and "No run has been judged yet" in result.explanation
    assert "31 more runs" in result.explanation  # 1 - w^31 = 0.809


# -- many processes, standings --------------------------------------------------------------


def test_figures_of_all_recurring_processes_in_order() -> None:
    daily = process("daily", start=START, name="Inbox zero")
    weekly = process("weekly on mon", start=START, name="Plan the week")
    manual = process("on demand", start=START, name="Qualify a lead")
    occurrences = {
        daily.id: [done(daily, START)],
        manual.id: [done(manual, START, manual=True)],
    }
    result = routine_figures_all([weekly, manual, daily], occurrences, START + timedelta(days=1))
    assert [f.process_id for f in result] == [weekly.id, daily.id]
    assert result[0].strength == 0 and result[0].judged == 0
    assert result[1].strength == pytest.approx(1 - W)


def test_recent_outcomes_cover_the_last_53_weeks() -> None:
    proc = process("daily", start=START)
    runs = [done(proc, day) for day in days(START, 400)]
    today = START + timedelta(days=400)
    result = routine_figures(proc, runs, today)
    assert len(result.recent) == 371
    assert result.recent[0][0] == today - timedelta(days=371)
    assert result.recent[-1] == (today - timedelta(days=1), Outcome.ON_TIME)


def test_standing_on_given_days() -> None:
    proc = process("daily", start=START)
    d = days(START, 5)
    runs = [done(proc, d[0]), done(proc, d[1]), missed(proc, d[2]), missed(proc, d[3])]
    before, first, later = standing_on(proc, runs, [START - timedelta(days=1), d[0], d[4]])
    assert (before.strength, before.missed_in_a_row) == (0.0, 0)
    assert first.strength == pytest.approx(1 - W)
    assert later.strength == pytest.approx((1 - W**2) * W**2)
    assert later.missed_in_a_row == 2
