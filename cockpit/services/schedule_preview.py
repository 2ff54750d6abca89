"""A schedule phrase as the process form previews it: its next dates, or why it is refused."""

from __future__ import annotations

from datetime import date, timedelta

from cockpit.domain.errors import ScheduleError
from cockpit.domain.schedule import Schedule, ScheduleKind, parse_schedule
from cockpit.services.context import Cockpit

PREVIEW_COUNT = 5


def read_schedule(ctx: Cockpit, text: str) -> Schedule:
    """The schedule a phrase means in the business's time zone; ScheduleError, with phrases
    that work, for one it does not understand."""
    return parse_schedule(text, ctx.settings.timezone)


def schedule_preview(ctx: Cockpit, text: str, start: date | None = None) -> list[date]:
    """The next five dates from today of a schedule phrase (none for on demand and "after
    done"); ScheduleError, with phrases that work, for one it does not understand."""
    return _next_dates(read_schedule(ctx, text), ctx.today(), start)


def _next_dates(schedule: Schedule, today: date, start: date | None) -> list[date]:
    anchor = start or today
    dates: list[date] = []
    day = today - timedelta(days=1)
    while len(dates) < PREVIEW_COUNT:
        found = schedule.next_after(anchor, day)
        if found is None:
            break
        dates.append(found)
        day = found
    return dates


def describe_schedule(ctx: Cockpit, text: str, start: date | None = None) -> str:
    """The preview in words, or the error: what a form shows under the schedule input."""
    try:
        schedule = read_schedule(ctx, text)
        dates = _next_dates(schedule, ctx.today(), start)
    except ScheduleError as error:
        return str(error)
    if schedule.kind is ScheduleKind.ON_DEMAND:
        return "on demand: runs are started by hand"
    if schedule.kind is ScheduleKind.AFTER_DONE:
        return f"{schedule.text}: the next run counts from when the last one is done"
    if not dates:
        return f"{schedule.text}: no more dates"
    return "next: " + ", ".join(f"{day:%a %d %b %Y}" for day in dates)
