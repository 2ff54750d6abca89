"""The timeline (`v`): the day Today shows, as the roles' time blocks with the steps in them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from cockpit.domain.day_clock import clock_text, duration_text
from cockpit.domain.text import printable
from cockpit.tui.cockpit_app import cockpit_app
from cockpit.tui.dismiss_once import DismissOnce
from cockpit.tui.messages import CockpitReady
from cockpit.tui.screens.base import CockpitScreen
from cockpit.tui.widgets.footer import CockpitFooter
from cockpit.tui.widgets.status_bar import StatusBar
from cockpit.tui.widgets.timeline_view import TimelineView

if TYPE_CHECKING:
    from textual.app import App

    from cockpit.domain.due import DueStep
    from cockpit.domain.timeline import PlacedBlock, Work
    from cockpit.services.context import Cockpit
    from cockpit.services.timeline import BlockMove, DayTimeline

NOW_EVERY = 15.0  # seconds between moves of the now line


def wall_clock(now: datetime, tz: str) -> time:
    return now.astimezone(ZoneInfo(tz)).time()


def shown_day(app: App[Any]) -> date | None:
    """The date Today shows (after `[`/`]` too); None: today."""
    plan = cockpit_app(app).day_plan
    return plan.date if plan is not None else None


def open_timeline(app: App[Any]) -> None:
    """Show the timeline of the day Today shows (the app's `v`)."""
    if isinstance(app.screen, TimelineScreen):
        return
    app.push_screen(TimelineScreen(shown_day(app)))


def no_blocks_text(day: date, steps: bool) -> str:
    when = f"{day:%a %d %b}"
    if not steps:
        return f"Nothing due, and no role has a time block on {when}."
    return (
        f"No role has a time block on {when}: the steps wait below. Roles get their blocks "
        'in the business file: [roles.blocks] mon = ["09:00-10:30"].'
    )


class TimelineScreen(DismissOnce, CockpitScreen[None]):
    """The day's role blocks in time order, the steps placed in them, now and free time."""

    CSS_PATH = "../timeline.tcss"  # loaded when the timeline is first shown, not at start

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "detail", "Detail", id="timeline.detail", show=False),
        Binding("J", "move_block(1)", "Later block", id="timeline.later"),
        Binding("K", "move_block(-1)", "Earlier block", id="timeline.earlier"),
        Binding("z", "snooze", "Snooze", id="timeline.snooze"),
        Binding("Z", "next_day", "Next day", id="timeline.next_day", show=False),
        Binding("F", "focus_role", "Role focus", id="timeline.role_focus", show=False),
        Binding("escape,v", "close", "Close", id="timeline.close"),
    ]

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.day = day
        self.found: DayTimeline | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static("Loading the day…", id="timeline-summary")
        yield Static(id="timeline-empty")
        yield TimelineView(id="timeline")
        yield CockpitFooter()

    def on_mount(self) -> None:
        self.query_one(TimelineView).focus()
        self.set_interval(NOW_EVERY, self.move_now)
        if self.cockpit_app.cockpit is not None:
            self.load()

    def on_cockpit_ready(self, message: CockpitReady) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.found is not None and self.cockpit_app.cockpit is not None:
            self.load()

    # -- loading -------------------------------------------------------------------------

    def load(self, cursor: str | None = None) -> None:
        day = self.day

        def job(cockpit: Cockpit) -> DayTimeline:
            from cockpit.services.timeline import day_timeline

            return day_timeline(cockpit, day)

        self.cockpit_app.run_service(job, lambda found: self.show(found, cursor), group="load")

    def show(self, found: DayTimeline, cursor: str | None = None) -> None:
        self.found = found
        self.day = found.plan.date
        line = found.timeline
        self.query_one(StatusBar).show(found.plan.date, found.plan.roles)
        self.query_one(TimelineView).show(line, cursor)
        self.query_one("#timeline-summary", Static).update(self.summary())
        empty = self.query_one("#timeline-empty", Static)
        empty.display = not line.blocks
        empty.update(no_blocks_text(line.day, bool(line.steps)))

    def summary(self) -> str:
        if self.found is None:
            return ""
        line = self.found.timeline
        parts = [f"Timeline {line.day:%a %d %b}"]
        if line.now is not None:
            parts.append(f"now {clock_text(line.now)}")
        over = [load.role.name for load in line.loads if load.over]
        if over:
            parts.append(f"over: {', '.join(over)}")
        blocks = len(line.blocks)
        parts.append(f"{blocks} block{'s' if blocks != 1 else ''}")
        used = sum(placed.used for placed in line.blocks)
        size = sum(placed.size for placed in line.blocks)
        parts.append(f"{duration_text(used)} of {duration_text(size)} in blocks used")
        outside = sum(free.minutes for free in line.free)
        parts.append(f"{duration_text(outside)} free outside blocks")
        return printable(" · ".join(parts))

    def move_now(self) -> None:
        """The now line follows the clock between loads (a new day: load it)."""
        found = self.found
        if found is None or found.timeline.now is None:
            return
        app = self.cockpit_app
        now = app.clock.now()
        if now.date() != found.timeline.day:
            self.load()
            return
        from dataclasses import replace

        minute = wall_clock(now, app.clock.tz)
        timeline = replace(found.timeline, now=minute.hour * 60 + minute.minute)
        if timeline.now != found.timeline.now:
            self.show(replace(found, timeline=timeline), self.query_one(TimelineView).cursor)

    # -- acting --------------------------------------------------------------------------

    def current(self) -> DueStep | None:
        """The step under the cursor (None: none, or a task)."""
        key = self.query_one(TimelineView).cursor
        if self.found is None or key is None:
            return None
        return self.found.find(key)

    def current_work(self) -> Work | None:
        """The step or task under the cursor, as the timeline placed it."""
        key = self.query_one(TimelineView).cursor
        if self.found is None or key is None:
            return None
        return self.found.timeline.find(key)

    def action_detail(self) -> None:
        due = self.current()
        if due is not None:
            from cockpit.tui.screens.step_detail import StepDetailScreen

            self.app.push_screen(StepDetailScreen(due))
        elif (work := self.current_work()) is not None:
            self.notify(f"{work.key} is a task: Today shows its facts beside the list", timeout=3)

    def action_move_block(self, delta: int) -> None:
        """The step under the cursor to the next (J) or previous (K) block of its role."""
        work = self.current_work()
        if work is None or self.found is None:
            return
        if self.current() is None:  # a task: placed by its role's room, never pinned
            from cockpit.services.timeline import task_not_moved

            self.notify(task_not_moved(work.key), severity="warning", timeout=5)
            return
        day, key = self.found.timeline.day, work.key

        def job(cockpit: Cockpit) -> BlockMove:
            from cockpit.services.timeline import move_to_block

            return move_to_block(cockpit, day, key, delta)

        def moved(move: BlockMove) -> None:
            self.notify(move.message, timeout=3)
            self.load(key)

        self.cockpit_app.run_service(job, moved, group="write")

    def action_snooze(self) -> None:
        """The step or task under the cursor to another day (the snooze dialog, as on
        Today)."""
        work = self.current_work()
        if work is None or self.found is None:
            return
        from cockpit.tui.screens.snooze import SnoozeScreen

        def chosen(to: date | None) -> None:
            if to is not None:
                self._snooze(work, to)

        self.app.push_screen(SnoozeScreen(work.key, work.title, self.found.plan.today), chosen)

    def action_next_day(self) -> None:
        """The step or task under the cursor to the day after the one shown (after today at
        least)."""
        work = self.current_work()
        if work is not None and self.found is not None:
            plan = self.found.plan
            self._snooze(work, max(plan.date, plan.today) + timedelta(days=1))

    def _snooze(self, work: Work, to: date) -> None:
        key = work.key
        keys = self.query_one(TimelineView).keys
        after = keys[keys.index(key) + 1 :] if key in keys else []
        before = keys[: keys.index(key)] if key in keys else []
        then = next(iter(after), before[-1] if before else None)

        def job(cockpit: Cockpit) -> object:
            from cockpit.services.actions import snooze

            return snooze(cockpit, key, to)

        def done(change: object) -> None:
            message = getattr(change, "message", None)
            if isinstance(message, str):
                self.notify(message, timeout=3)
            self.load(then)

        self.cockpit_app.run_service(job, done, group="write")

    def action_focus_role(self) -> None:
        """A pomodoro for the role of the step under the cursor (or of the block it is now)."""
        if self.found is None:
            return
        work = self.current_work()
        line = self.found.timeline
        known = {role.id for role in self.found.plan.every_role}  # not the "No role" lane
        role = work.role if work is not None and work.role in known else None
        if role is None and line.current is not None:
            role = line.current.role.id
        if role is None and line.blocks:
            role = line.blocks[0].role.id
        if role is not None:
            from cockpit.tui.block_watch import start_role_focus

            start_role_focus(self.cockpit_app, role)

    def block_started(self, placed: PlacedBlock) -> None:
        """A role block started (the block watch): the cursor to its first step, so F starts
        that role's session, and the now line to it."""
        self.load(placed.slots[0].work.key if placed.slots else None)

    def action_close(self) -> None:
        self.dismiss(None)
