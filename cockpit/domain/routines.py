"""Routines: the figures of each recurring process that the Routines view and the review show.

The rules (what "on time" means per schedule, the routine strength, streaks in
the process's own period, slipping) are in `streaks`, with the one pass that
applies them; this module adds what a person needs around them: whether it is a
routine (strength at `threshold`, 80 % by default, or more) and whether its
stage should move to routine, the slipping message, the per-step figures, and
the explanation of the strength with the figures that produced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from cockpit.domain.model import WEEKDAYS, Process, Stage
from cockpit.domain.occurrence import Occurrence, OccurrenceStatus, StepStatus
from cockpit.domain.streaks import (
    RECENT_DAYS,
    Outcome,
    Rules,
    Standing,
    judged_runs,
    outcome,
    rules_for,
    standing_on,
    tally,
)

__all__ = [
    "SLIPPING_AFTER",
    "THRESHOLD",
    "Outcome",
    "RoutineFigures",
    "Rules",
    "Standing",
    "StepFigures",
    "explain",
    "outcome",
    "routine_figures",
    "routine_figures_all",
    "rules_for",
    "slipping_message",
    "standing_on",
]

THRESHOLD = 0.8  # a process is a routine from this strength
SLIPPING_AFTER = 3  # missed this many times in a row: slipping
STEP_WINDOW = 30  # the per-step figures look at this many latest judged runs


@dataclass(frozen=True, slots=True)
class StepFigures:
    """One step of a process over its latest judged runs."""

    step_id: str
    title: str
    estimate_minutes: int
    runs: int  # latest judged runs that had this step (whole-run skips left out)
    dropped: int  # of which it was left open or skipped
    median_minutes: float | None  # median of the minutes it took when done
    timed: int  # how many done runs gave minutes


@dataclass(frozen=True, slots=True)
class RoutineFigures:
    process_id: str
    name: str
    strength: float  # 0..1
    strength_4_weeks_ago: float
    current_streak: int
    best_streak: int
    streak_unit: str  # "days" | "weeks" | "months" | "runs"
    outcomes: Mapping[Outcome, int]  # counts over the whole history
    recent: tuple[tuple[date, Outcome], ...]  # the last 53 weeks, oldest first
    threshold: float
    is_routine: bool
    suggest_routine: bool  # a routine by strength, but not at the routine stage yet
    slipping: bool
    missed_in_a_row: int
    slipping_message: str  # "" unless slipping
    explanation: str  # why the strength is what it is, with the figures
    weakest_step: StepFigures | None  # the step most often left open or skipped
    steps: tuple[StepFigures, ...]  # every current step, in order

    @property
    def judged(self) -> int:
        return sum(n for o, n in self.outcomes.items() if o is not Outcome.OPEN)


def routine_figures(
    process: Process,
    occurrences: Iterable[Occurrence],
    today: date,
    *,
    threshold: float = THRESHOLD,
    slipping_after: int = SLIPPING_AFTER,
) -> RoutineFigures:
    """The routine figures of one process from its occurrences (any order, any version).

    Open runs dated today or later are ignored; open past runs are not judged yet.
    """
    rules = rules_for(process.schedule)
    runs = judged_runs(occurrences, today)
    found = tally(rules, runs, today - timedelta(days=28), today - timedelta(days=RECENT_DAYS))
    slipping = found.missed_in_a_row >= slipping_after
    is_routine = found.strength >= threshold
    steps = _step_figures(process, runs)
    weakest = max(steps, key=lambda s: s.dropped, default=None)
    return RoutineFigures(
        process_id=process.id,
        name=process.name,
        strength=found.strength,
        strength_4_weeks_ago=found.strength_then,
        current_streak=found.current_streak,
        best_streak=found.best_streak,
        streak_unit=rules.streak_unit,
        outcomes=found.outcomes,
        recent=found.recent,
        threshold=threshold,
        is_routine=is_routine,
        suggest_routine=is_routine and process.stage not in (Stage.ROUTINE, Stage.RETIRED),
        slipping=slipping,
        missed_in_a_row=found.missed_in_a_row,
        slipping_message=slipping_message(process.name, found.missed_in_a_row) if slipping else "",
        explanation=explain(rules, found.strength, found.last, threshold),
        weakest_step=weakest if weakest is not None and weakest.dropped > 0 else None,
        steps=steps,
    )


def routine_figures_all(
    processes: Iterable[Process],
    occurrences_by_process: Mapping[str, Sequence[Occurrence]],
    today: date,
    *,
    threshold: float = THRESHOLD,
    slipping_after: int = SLIPPING_AFTER,
) -> list[RoutineFigures]:
    """The figures of every recurring process, in the order given (on-demand ones left out)."""
    return [
        routine_figures(
            process,
            occurrences_by_process.get(process.id, ()),
            today,
            threshold=threshold,
            slipping_after=slipping_after,
        )
        for process in processes
        if process.schedule.recurring
    ]


def slipping_message(name: str, misses: int) -> str:
    return (
        f'"{name}" was missed {misses} times in a row: it keeps showing up and not getting '
        "done. Time to look at the process: is it still needed, too big for the time it "
        "gets, or on the wrong schedule?"
    )


def _step_figures(process: Process, runs: Sequence[Occurrence]) -> tuple[StepFigures, ...]:
    """Per current step, over the latest judged runs: how often dropped, minutes when done.

    A run skipped as a whole says nothing about one step and is left out. Steps a
    run had that the process no longer has are ignored.
    """
    window: list[Occurrence] = []
    for run in reversed(runs):
        if len(window) == STEP_WINDOW:
            break
        if run.is_open or (run.status is OccurrenceStatus.SKIPPED and run.done_count == 0):
            continue
        window.append(run)
    seen = dict.fromkeys((step.id for step in process.steps), 0)
    dropped = dict(seen)
    minutes: dict[str, list[int]] = {step_id: [] for step_id in seen}
    for run in window:
        for state in run.steps:
            step_id = state.step_id
            if step_id not in seen:
                continue
            seen[step_id] += 1
            if state.status is not StepStatus.DONE:
                dropped[step_id] += 1
            elif state.minutes is not None:
                minutes[step_id].append(state.minutes)
    return tuple(
        StepFigures(
            step_id=step.id,
            title=step.title,
            estimate_minutes=step.estimate_minutes,
            runs=seen[step.id],
            dropped=dropped[step.id],
            median_minutes=float(median(minutes[step.id])) if minutes[step.id] else None,
            timed=len(minutes[step.id]),
        )
        for step in process.steps
    )


_VALUES = {Outcome.ON_TIME: "1", Outcome.LATE: "1", Outcome.MISSED: "0"}


def percent(value: float) -> str:
    return f"{value * 100:.1f} %"


def explain(
    rules: Rules, score: float, last: Sequence[tuple[date, Outcome, float]], threshold: float
) -> str:
    """The formula, this process's figures, and the last runs with the score after each."""
    if rules.per_day <= 0:
        return "Started by hand only: runs on demand are not judged, so there is no strength."
    f, alpha, w = rules.per_day, rules.alpha, rules.weight
    lines = [
        f"Routine strength {percent(score)}: a moving average of the runs that weighs the "
        "latest most, as Loop Habit Tracker does.",
        "A run counts 1 when done (late too) and 0 when missed; a skipped run, or one not "
        "judged yet, leaves the score as it was. It starts at 0.",
        f"Runs per day f = {f:.2f}, so alpha = 0.5^(sqrt({f:.2f})/13) = {alpha:.3f} of the "
        "score kept per day.",
    ]
    if abs(rules.days_per_run - 1) > 1e-9:
        lines.append(
            f"A run stands for {rules.days_per_run:.1f} days, so it keeps "
            f"{alpha:.3f}^{rules.days_per_run:.1f} = {w:.3f} of the score."
        )
    lines.append(f"After each run: score = score × {w:.3f} + value × {1 - w:.3f}.")
    if last:
        lines.append("The last runs:")
        for day, result, after in last:
            shown = _VALUES.get(result, "frozen")
            lines.append(
                f"  {WEEKDAYS[day.weekday()].title()} {day.isoformat()}  {result.label:<14} "
                f"value {shown:<6} → {percent(after)}"
            )
    else:
        lines.append("No run has been judged yet.")
    needed = rules.runs_to_reach(score, threshold)
    bar = f"{threshold * 100:g} %"
    if needed == 0:
        lines.append(f"From {bar} a process counts as a routine: this one does.")
    elif needed is not None:
        runs = "run" if needed == 1 else "runs"
        lines.append(
            f"From {bar} a process counts as a routine: {needed} more {runs} done in a row "
            "would get it there."
        )
    return "\n".join(lines)
