"""The figures of a weekly review, computed from what the caller passes in.

A week is an ISO week ("2026-W47") starting on the configured first day of the
week (`review.week_days`). Everything is pure and linear in the occurrences.

Completion
    By role and by system (of the process as it is now): (done, due) over the
    scheduled runs dated in the week. Done counts late runs too; a skipped run is
    neither done nor due (it was decided not to be needed); missed and still-open
    runs are due and not done. Runs started by hand are left out, and so are runs
    dated after `today` when the week is not over yet.

Time per role
    Minutes of the logged focus sessions that started in the week (in the local
    dates `local_date` gives), against the role's daily budget times its working
    days: the days of the week on which it has time blocks, or its weekdays (5) if it
    has none. A week at the calendar's edges counts only its days inside it.

Estimates
    Per process and per step, for those done in the week (any run, hand-started
    too): the estimate, the median of the week's actual minutes, and the median
    of the last five actuals through the end of the week, which is the suggested
    new estimate (None while nothing was timed).

Slipped
    The week's runs that were missed or skipped, with the reasons given.

Tasks
    Tasks due in the week count as due work of their role and system, done or not, and
    the minutes typed when one was done count as its role's time (`task_week`); the
    tasks done in the week and those still open past their date are listed.

Routines gained and lost
    Processes whose routine strength crossed the threshold between the end of the
    previous week and the end of this one (see `routines`); slipping ones are those
    missed `slipping_after` times in a row at the end of the week.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import attrgetter
from statistics import median

from cockpit.domain.focus import FocusSession, FocusStatus
from cockpit.domain.model import Process, Role
from cockpit.domain.occurrence import Occurrence, OccurrenceStatus, StepStatus
from cockpit.domain.review import parse_week, require_calendar_days
from cockpit.domain.routines import SLIPPING_AFTER, THRESHOLD
from cockpit.domain.streaks import Outcome, outcome, rules_for, standing_in
from cockpit.domain.task_week import added, task_week
from cockpit.domain.tasks import Task

LAST_ACTUALS = 5  # a suggested estimate is the median of this many latest actuals
DEFAULT_WORKING_DAYS = 5  # for a role without time blocks: Monday to Friday
_BY_DATE = attrgetter("date")


@dataclass(frozen=True, slots=True)
class Estimate:
    """Estimate against actual for a process (step_id "") or one of its steps."""

    process_id: str
    step_id: str
    title: str  # the process's name, or the step's title
    estimate_minutes: int
    actual_median: float | None  # median of this week's actual minutes
    count: int  # timed runs this week
    last_five_median: float | None  # median of the last five actuals through the week
    suggested_estimate: int | None  # that median, rounded; None while nothing was timed


@dataclass(frozen=True, slots=True)
class Slip:
    """A run of the week that was missed or skipped, or is still open past its date."""

    process_id: str
    name: str
    date: date
    outcome: Outcome
    reason: str

    @property
    def label(self) -> str:
        return "still open" if self.outcome is Outcome.OPEN else self.outcome.label


@dataclass(frozen=True, slots=True)
class WeekFigures:
    week: str
    start: date
    end: date
    completion_by_role: dict[str, tuple[int, int]]  # role id -> (done, due)
    completion_by_system: dict[str, tuple[int, int]]  # system id -> (done, due)
    minutes_by_role: dict[str, int]  # focus minutes
    budget_by_role: dict[str, int]  # daily budget x working days
    process_estimates: tuple[Estimate, ...]
    step_estimates: tuple[Estimate, ...]
    slipped: tuple[Slip, ...]
    routines_gained: tuple[str, ...]  # process ids
    routines_lost: tuple[str, ...]
    slipping: tuple[str, ...]
    tasks_done: tuple[Task, ...] = ()  # done in the week
    tasks_slipped: tuple[Task, ...] = ()  # due in the week, still open after their date


def week_figures(
    week: str,
    first_weekday: int,
    processes: Sequence[Process],
    roles: Sequence[Role],
    occurrences: Iterable[Occurrence],
    focus_sessions: Iterable[FocusSession],
    local_date: Callable[[datetime], date],
    *,
    today: date | None = None,
    threshold: float = THRESHOLD,
    slipping_after: int = SLIPPING_AFTER,
    tasks: Iterable[Task] = (),
) -> WeekFigures:
    """The review figures of `week`.

    `occurrences` holds the runs of the week and the history before it (the
    strengths and the last five actuals need it; later runs are ignored);
    `focus_sessions` at least those of the week; `local_date` maps an aware
    instant to the owner's local date; `today` (if the week is not over) leaves
    out runs dated after it from what was due; `tasks` every task (those of other weeks
    are left out here).
    """
    week = parse_week(week)
    start, end = require_calendar_days(week, first_weekday)  # at the calendar's edges, clipped
    known = {process.id: process for process in processes}
    by_process: dict[str, list[Occurrence]] = {}
    for run in occurrences:
        if run.process_id in known and run.date <= end:
            by_process.setdefault(run.process_id, []).append(run)
    due_through = end if today is None else min(end, today)

    by_role: dict[str, list[int]] = {}
    by_system: dict[str, list[int]] = {}
    slipped: list[Slip] = []
    process_estimates: list[Estimate] = []
    step_estimates: list[Estimate] = []
    gained: list[str] = []
    lost: list[str] = []
    slipping: list[str] = []
    for process in processes:
        runs = by_process.get(process.id, [])
        runs.sort(key=_BY_DATE)
        first = _first_on_or_after(runs, start)
        week_runs = runs[first:]
        for run in week_runs:
            if run.manual or run.date > due_through:
                continue
            result = outcome(run, process)
            late = result is Outcome.OPEN and (today is None or run.date < today)
            if late or result in (Outcome.MISSED, Outcome.SKIPPED):
                slipped.append(Slip(process.id, process.name, run.date, result, _reason(run)))
            if result is Outcome.SKIPPED:
                continue
            for key, table in ((process.role, by_role), (process.system, by_system)):
                if key is not None:
                    counts = table.setdefault(key, [0, 0])
                    counts[0] += result.done
                    counts[1] += 1
        process_estimate, steps = _estimates(process, runs, start)
        if process_estimate is not None:
            process_estimates.append(process_estimate)
        step_estimates.extend(steps)
        if not process.schedule.recurring:
            continue
        rules = rules_for(process.schedule)
        before, after = standing_in(rules, runs, (start - timedelta(days=1), end))
        if before.strength < threshold <= after.strength:
            gained.append(process.id)
        elif after.strength < threshold <= before.strength:
            lost.append(process.id)
        if after.missed_in_a_row >= slipping_after:
            slipping.append(process.id)

    sessions = list(focus_sessions)
    minutes, budgets = _time_by_role(roles, sessions, local_date, start, end)
    focused = {s.task_uid for s in sessions if s.task_uid and s.status is FocusStatus.LOGGED}
    todo = task_week(tasks, start, end, local_date, today=today, focused=focused)
    for key, typed in todo.minutes_by_role.items():
        minutes[key] = minutes.get(key, 0) + typed
    slipped.sort(key=lambda slip: (slip.date, slip.name.lower()))
    return WeekFigures(
        week=week,
        start=start,
        end=end,
        completion_by_role=added({k: (d, t) for k, (d, t) in by_role.items()}, todo.by_role),
        completion_by_system=added({k: (d, t) for k, (d, t) in by_system.items()}, todo.by_system),
        minutes_by_role=minutes,
        budget_by_role=budgets,
        process_estimates=tuple(process_estimates),
        step_estimates=tuple(step_estimates),
        slipped=tuple(slipped),
        routines_gained=tuple(gained),
        routines_lost=tuple(lost),
        slipping=tuple(slipping),
        tasks_done=todo.done,
        tasks_slipped=todo.slipped,
    )


def _first_on_or_after(runs: Sequence[Occurrence], day: date) -> int:
    low, high = 0, len(runs)
    while low < high:
        middle = (low + high) // 2
        if runs[middle].date < day:
            low = middle + 1
        else:
            high = middle
    return low


def _reason(run: Occurrence) -> str:
    if run.reason:
        return run.reason
    reasons = (state.reason for state in run.steps if state.reason)
    return "; ".join(dict.fromkeys(reasons))


def _median(values: Sequence[int]) -> float | None:
    return float(median(values)) if values else None


def _suggested(values: Sequence[int]) -> int | None:
    middle = _median(values)
    return None if middle is None else int(middle + 0.5)


def _estimates(
    process: Process, runs: Sequence[Occurrence], start: date
) -> tuple[Estimate | None, list[Estimate]]:
    """Estimate against actual of a process and its current steps done in the week.

    Actuals are the minutes of done runs (a run's total counts when one of its
    steps was timed) and of done steps; the last five are looked up backwards
    from the end of the week.
    """
    done = OccurrenceStatus.DONE
    newest = next((run for run in reversed(runs) if run.status is done), None)
    if newest is None or newest.date < start:
        return None, []
    week_totals: list[int] = []
    last_totals: list[int] = []
    week_steps: dict[str, list[int]] = {step.id: [] for step in process.steps}
    last_steps: dict[str, list[int]] = {step.id: [] for step in process.steps}
    unfilled = len(last_steps) + 1  # lists of the last five not full yet
    for run in reversed(runs):
        if run.status is not done:
            continue
        in_week = run.date >= start
        if not in_week and unfilled == 0:
            break
        if _timed(run):
            if in_week:
                week_totals.append(run.minutes)
            if len(last_totals) < LAST_ACTUALS:
                last_totals.append(run.minutes)
                unfilled -= len(last_totals) == LAST_ACTUALS
        for state in run.steps:
            latest = last_steps.get(state.step_id)
            if latest is None or state.status is not StepStatus.DONE or state.minutes is None:
                continue
            if in_week:
                week_steps[state.step_id].append(state.minutes)
            if len(latest) < LAST_ACTUALS:
                latest.append(state.minutes)
                unfilled -= len(latest) == LAST_ACTUALS
    process_estimate = Estimate(
        process_id=process.id,
        step_id="",
        title=process.name,
        estimate_minutes=process.estimate_minutes,
        actual_median=_median(week_totals),
        count=len(week_totals),
        last_five_median=_median(last_totals),
        suggested_estimate=_suggested(last_totals),
    )
    steps = [
        Estimate(
            process_id=process.id,
            step_id=step.id,
            title=step.title,
            estimate_minutes=step.estimate_minutes,
            actual_median=_median(week_steps[step.id]),
            count=len(week_steps[step.id]),
            last_five_median=_median(last_steps[step.id]),
            suggested_estimate=_suggested(last_steps[step.id]),
        )
        for step in process.steps
        if week_steps[step.id]
    ]
    return process_estimate, steps


def _timed(run: Occurrence) -> bool:
    return any(state.minutes is not None for state in run.steps)


def _time_by_role(
    roles: Sequence[Role],
    sessions: Iterable[FocusSession],
    local_date: Callable[[datetime], date],
    start: date,
    end: date,
) -> tuple[dict[str, int], dict[str, int]]:
    minutes: dict[str, int] = {}
    for session in sessions:
        if session.status is not FocusStatus.LOGGED or not session.minutes:
            continue
        if start <= local_date(session.started_at) <= end:
            minutes[session.role] = minutes.get(session.role, 0) + session.minutes
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    budgets: dict[str, int] = {}
    for role in roles:
        if role.archived and role.id not in minutes:
            continue
        working = sum(1 for day in days if role.blocks_on(day))
        if not role.blocks:  # Monday to Friday: 5 days of a whole week
            working = sum(1 for day in days if day.weekday() < DEFAULT_WORKING_DAYS)
        budgets[role.id] = role.budget_minutes * working
        minutes.setdefault(role.id, 0)
    return minutes, budgets
