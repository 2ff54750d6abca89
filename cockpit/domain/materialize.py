"""Creating occurrences up to a date, exactly once, and finding the missed ones.

Cockpit may not be opened for days. When it is, every scheduled date since the
last time is created (nothing missing), and no date twice (nothing doubled):
each process carries a *horizon*, the last date already created, and only
dates after it are made. An occurrence that is still open when the next one of
its process falls due becomes *missed*, unless the owner chose to keep it.

Runs started by hand: an on-demand process's runs (`manual`) are never missed, since
nothing was due; they stay until done or skipped. A scheduled process started by hand
gets its next run early (`next_run_date`, `started_early`): a normal run on its own
date whose steps are due from the day it was started, missed like any other. A
`manual` run of a calendar process (an older Cockpit made them) is missed when the
next scheduled date after it falls due.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from cockpit.domain.model import LAST_DAY, Process, require_day
from cockpit.domain.occurrence import Occurrence, OccurrenceStatus, StepState
from cockpit.domain.schedule import ScheduleKind


@dataclass(slots=True)
class Materialized:
    """What materializing changed: new occurrences, missed ones, moved horizons."""

    created: list[Occurrence] = field(default_factory=list)
    missed: list[Occurrence] = field(default_factory=list)
    horizons: dict[str, date] = field(default_factory=dict)
    next_no: int = 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.missed or self.horizons)


def new_occurrence(
    process: Process, on: date, no: int, *, manual: bool = False, uid: str = ""
) -> Occurrence:
    """A new run, every step open; a run started by hand comes with its ULID (`uid`).
    Never dated outside the calendar (a file holding one would be refused)."""
    require_day(on, f'a run of "{process.name}" on', "date")
    return Occurrence(
        no=no,
        process_id=process.id,
        process_version=process.version,
        date=on,
        steps=tuple(StepState(step.id) for step in process.steps),
        manual=manual,
        uid=uid,
    )


def next_run_date(process: Process, horizon: date | None, closed_on: date | None) -> date | None:
    """The date of the run `materialize` would create next for a process with no open run.

    `horizon` is the last date already created, `closed_on` the day the last run was
    closed (after-done schedules count from it); None when no run is to come.
    """
    kind = process.schedule.kind
    if kind is ScheduleKind.CALENDAR:
        before = process.start - timedelta(days=1)
        return process.schedule.next_after(process.start, max(before, horizon or before))
    if kind is ScheduleKind.AFTER_DONE:
        if horizon is None:
            return process.start
        if closed_on is None:
            return None
        return max(process.schedule.next_after_done(closed_on), horizon + timedelta(days=1))
    return None


def started_early(occurrence: Occurrence, process: Process, today: date) -> Occurrence:
    """A run started by hand before its steps fall due: each is due `today` instead."""
    offsets = {step.id: step.offset_days for step in process.steps}
    steps = tuple(
        replace(state, snoozed_to=today)
        if occurrence.date + timedelta(days=offsets.get(state.step_id, 0)) > today
        else state
        for state in occurrence.steps
    )
    return replace(occurrence, steps=steps)


def next_due(process: Process, after: date) -> date | None:
    """The date of the next calendar occurrence after `after` (None if there is none)."""
    if process.schedule.kind is not ScheduleKind.CALENDAR:
        return None
    return process.schedule.next_after(process.start, after)


def materialize(
    processes: Iterable[Process],
    open_by_process: Mapping[str, list[Occurrence]],
    last_closed_on: Mapping[str, date],
    horizons: Mapping[str, date],
    through: date,
    now: datetime,
    next_no: int,
    missed_through: date | None = None,
) -> Materialized:
    """Create the occurrences due through `through` and mark the missed ones.

    `open_by_process` holds each process's open occurrences; `last_closed_on`
    the local date its latest occurrence was closed (after-completion schedules
    count from it); `horizons` the last date already created per process.
    Occurrences whose first step falls due before their date (a reminder the
    day before) are created that many days ahead. Runs are only found missed
    up to `missed_through` (default `through`): looking ahead at a later day
    must not miss today's runs.
    """
    missed_through = missed_through or through
    result = Materialized(next_no=next_no)
    for process in processes:
        if not process.active or not process.steps:
            continue
        opened = list(open_by_process.get(process.id, ()))
        kind = process.schedule.kind
        if kind is ScheduleKind.CALENDAR:
            dates = _calendar_dates(process, horizons.get(process.id), through)
        elif kind is ScheduleKind.AFTER_DONE:
            dates = _after_done_dates(
                process, opened, last_closed_on.get(process.id), horizons.get(process.id), through
            )
        else:
            dates = []
        for on in dates:
            occurrence = new_occurrence(process, on, result.next_no)
            result.next_no += 1
            result.created.append(occurrence)
            opened.append(occurrence)
        if dates:
            result.horizons[process.id] = dates[-1]
        if kind is ScheduleKind.CALENDAR:
            result.missed.extend(_missed(process, opened, min(through, missed_through), now))
    return result


def _calendar_dates(process: Process, horizon: date | None, through: date) -> list[date]:
    first = process.start if horizon is None else max(process.start, horizon + timedelta(days=1))
    last = min(through + timedelta(days=process.lead_days), LAST_DAY)  # the calendar's end
    if first > last:
        return []
    return process.schedule.dates_between(process.start, first, last)


def _after_done_dates(
    process: Process,
    opened: list[Occurrence],
    closed_on: date | None,
    horizon: date | None,
    through: date,
) -> list[date]:
    if any(not occurrence.manual for occurrence in opened):
        return []
    if horizon is None:
        candidate = process.start
    elif closed_on is None:
        return []
    else:
        candidate = max(process.schedule.next_after_done(closed_on), horizon + timedelta(days=1))
    if candidate > min(through + timedelta(days=process.lead_days), LAST_DAY):
        return []
    return [candidate]


def superseded_on(process: Process, occurrence: Occurrence) -> date | None:
    """The day an open run of a calendar process is missed, its next run falling due (None
    if it never is: kept on the list, closed, started by hand, or no next run)."""
    if process.schedule.kind is not ScheduleKind.CALENDAR:
        return None
    if occurrence.kept or occurrence.status is not OccurrenceStatus.OPEN:
        return None
    return next_due(process, occurrence.date)


def _missed(
    process: Process, opened: list[Occurrence], through: date, now: datetime
) -> list[Occurrence]:
    missed = []
    for occurrence in opened:
        following = superseded_on(process, occurrence)
        if following is not None and following <= through:
            missed.append(occurrence.miss(now, following))
    return missed
