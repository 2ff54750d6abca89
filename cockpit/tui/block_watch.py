"""Role blocks as the day goes: a notification when a role's block starts, and the role's
focus session (`F`) started as Today starts it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from textual.app import App

from cockpit.domain.day_clock import minute_of
from cockpit.domain.text import counted

if TYPE_CHECKING:
    from cockpit.domain.timeline import PlacedBlock
    from cockpit.services.context import Cockpit
    from cockpit.tui.focus_alarm import FocusAlarmApp


def start_role_focus(app: FocusAlarmApp, role: str) -> None:
    """A pomodoro for a role (no step), then the Focus view, as Today's `F`."""
    from cockpit.domain.focus import FocusKind, FocusSession

    minutes = app.settings.focus.pomodoro_minutes

    def job(cockpit: Cockpit) -> FocusSession:
        from cockpit.services.focus import start_focus

        return start_focus(cockpit, FocusKind.POMODORO, role=role, minutes=minutes)

    def started(session: FocusSession) -> None:
        from cockpit.tui.screens.timeline import TimelineScreen

        if isinstance(app.screen, TimelineScreen):  # opened from Focus it would stay on top
            app.screen.dismiss(None)
        app.focus_started(session)

    app.run_service(job, started, group="write")


@dataclass
class _Watch:
    last: tuple[date, int] | None = None  # the wall-clock minute of the last look
    told: set[tuple[date, str, int]] = field(default_factory=set)  # (day, role, start)


_WATCHES: WeakKeyDictionary[App[Any], _Watch] = WeakKeyDictionary()
NAMED = 2  # steps named in a notification; the rest as "…"


def check_block_start(app: FocusAlarmApp, now: datetime) -> None:
    """Called every second: a role block that started since the last look (and still runs)
    is announced once, with its steps. A first look counts from a minute before."""
    if app.cockpit is None:
        return
    watch = _WATCHES.setdefault(app, _Watch())
    local = now.astimezone(ZoneInfo(app.clock.tz))
    here = (local.date(), local.hour * 60 + local.minute)
    last = watch.last if watch.last is not None else (here[0], here[1] - 1)
    watch.last = here
    if here <= last:
        return
    from cockpit.domain.timeline import merged_blocks  # here: the first frame needs none

    for role in app.roles:
        for block in merged_blocks(role.blocks_on(here[0])):  # overlapping ones start once
            start, end = minute_of(block.start), minute_of(block.end)
            told = (here[0], role.id, start)
            if last < (here[0], start) <= here and here[1] < end and told not in watch.told:
                watch.told.add(told)
                _announce(app, here[0], role.id, start)


def _announce(app: FocusAlarmApp, day: date, role: str, start: int) -> None:
    """Find the block's steps on the day's timeline, then say so."""

    def job(cockpit: Cockpit) -> PlacedBlock | None:
        from cockpit.services.timeline import day_timeline

        blocks = day_timeline(cockpit, day).timeline.role_blocks(role)
        return next((placed for placed in blocks if placed.start == start), None)

    def found(placed: PlacedBlock | None) -> None:
        if placed is None:
            return
        from cockpit.tui.screens.timeline import TimelineScreen

        screen = app.screen
        shown = isinstance(screen, TimelineScreen)
        if shown:
            assert isinstance(screen, TimelineScreen)
            screen.block_started(placed)
        app.notify(block_start_text(placed, timeline_shown=shown), title="Role block", timeout=15)

    app.run_service(job, found, group="block")


def block_start_text(placed: PlacedBlock, *, timeline_shown: bool) -> str:
    """Sales 09:00-10:30 starts: 3 steps (Call leads, Send proposal, …). F starts a Sales
    focus session."""
    titles = [slot.work.title for slot in placed.slots]
    if titles:
        named = ", ".join(titles[:NAMED]) + (", …" if len(titles) > NAMED else "")
        steps = f"{counted(len(titles), 'step', 'steps')} ({named})"
    else:
        steps = "no steps placed in it"
    how = "F starts" if timeline_shown else "v, then F, starts"
    return f"{placed.label} starts: {steps}. {how} a {placed.role.name} focus session."
