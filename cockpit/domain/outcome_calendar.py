"""The judged outcomes of routine runs, regrouped by calendar day and by week.

These rules feed the Routines heatmaps and sparklines. They only regroup what
`streaks` judged (on time, late, skipped, missed, open); they judge nothing
themselves.

Day states
    A process's day is the state of its run that day, the worst if it had several
    (missed, then open, late, skipped, on time). A role's day says how much of the
    judged runs of all its processes were done: "all_done", "some_done" or
    "none_done"; a skip counts neither way, so a day of skips only is "skipped";
    open runs are left out, and a day of open runs only has no state.

Weekly shares
    Per ISO week (Monday to Sunday), the share of the judged runs (on time, late
    or missed) that were done; None for a week without any. `spark_text` draws
    them as ▁..█, a space for a week with nothing judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from cockpit.domain.streaks import Outcome

SPARKS = "▁▂▃▄▅▆▇█"
_WORST_FIRST = ("missed", "open", "late", "skipped", "on_time")
_OUTCOME_STATE = {
    Outcome.ON_TIME: "on_time",
    Outcome.LATE: "late",
    Outcome.SKIPPED: "skipped",
    Outcome.MISSED: "missed",
    Outcome.OPEN: "open",
}
_JUDGED = (Outcome.ON_TIME, Outcome.LATE, Outcome.MISSED)


def week_start(day: date) -> date:
    """The Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def process_cells(recent: Iterable[tuple[date, Outcome]]) -> dict[date, str]:
    """The state of each day a process had a run (the worst, if it had several)."""
    cells: dict[date, str] = {}
    for day, result in recent:
        state = _OUTCOME_STATE[result]
        known = cells.get(day)
        if known is None or _WORST_FIRST.index(state) < _WORST_FIRST.index(known):
            cells[day] = state
    return cells


def role_cells(recents: Iterable[Sequence[tuple[date, Outcome]]]) -> dict[date, str]:
    """Per day, how much of a role's runs were done: all, some or none of the judged ones
    (a skip counts neither way; a day of skips only is "skipped")."""
    done: dict[date, int] = {}
    judged: dict[date, int] = {}
    for recent in recents:
        for day, result in recent:
            if result is Outcome.OPEN:
                continue
            done[day] = done.get(day, 0) + result.done
            judged[day] = judged.get(day, 0) + (result is not Outcome.SKIPPED)
    cells: dict[date, str] = {}
    for day, total in judged.items():
        if total == 0:
            cells[day] = "skipped"
        elif done[day] == total:
            cells[day] = "all_done"
        else:
            cells[day] = "some_done" if done[day] else "none_done"
    return cells


def weekly_shares(
    recent: Iterable[tuple[date, Outcome]], last_week: date, weeks: int
) -> list[float | None]:
    """Per week (oldest first, ending with the week of `last_week`): the share of its judged
    runs that were done; None for a week without any (skips are left out)."""
    end = week_start(last_week)
    first = end - timedelta(weeks=weeks - 1)
    done = [0] * weeks
    judged = [0] * weeks
    for day, result in recent:
        index = (week_start(day) - first).days // 7
        if 0 <= index < weeks and result in _JUDGED:
            judged[index] += 1
            done[index] += result.done
    return [d / j if j else None for d, j in zip(done, judged, strict=True)]


def spark_text(shares: Sequence[float | None]) -> str:
    """▁..█ per week by the share done, a space for a week with nothing judged."""
    top = len(SPARKS) - 1
    return "".join(" " if s is None else SPARKS[round(s * top)] for s in shares)
