"""Focus: a large clock, a progress bar, and the step's instructions beside it.

The clock is computed from the stored instants of the session and the app's
clock on every tick, never counted, so a restart or a suspended laptop shows
the right time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Label, Markdown, ProgressBar

from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus, break_left
from cockpit.services.actions import complete
from cockpit.services.focus import (
    FocusTarget,
    extend_focus,
    focus_target,
    pause_focus,
    resume_focus,
)
from cockpit.tui.messages import CockpitReady, FocusChanged
from cockpit.tui.plain import markdown_parser, markdown_source, plain
from cockpit.tui.screens.base import CockpitScreen
from cockpit.tui.widgets.footer import CockpitFooter
from cockpit.tui.widgets.opening_note import OpeningNote
from cockpit.tui.widgets.status_bar import StatusBar, clock_text

if TYPE_CHECKING:
    from cockpit.services.context import Cockpit


def same_role_step(old: FocusTarget | None, index: int, new: FocusTarget) -> int:
    """Where the role's step under the marker is in a new target, by its run and step (the
    first step when it is gone)."""
    if old is None or not old.role_steps:
        return 0
    current = old.role_steps[min(index, len(old.role_steps) - 1)]
    wanted = (current.occurrence.identity, current.step.id)
    found = (
        i
        for i, due in enumerate(new.role_steps)
        if (due.occurrence.identity, due.step.id) == wanted
    )
    return next(found, 0)


class FocusScreen(CockpitScreen[None]):
    """The running focus session, or how to start one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause", "Pause/resume", id="focus.pause"),
        Binding("plus,equals_sign", "extend", "+5 min", id="focus.extend"),
        Binding("s", "stop", "Stop", id="focus.stop"),
        # the same keys during a pomodoro's break, named for what they do then
        Binding("space,s", "skip_break", "Skip break", id="focus.skip_break"),
        Binding("x", "step_done", "Step done", id="focus.done"),
        Binding("n", "next_step", "Next step", id="focus.next", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.target: FocusTarget | None = None
        self.role_index = 0

    @property
    def session(self) -> FocusSession | None:
        session = self.cockpit_app.focus_session
        return session if session is not None and session.active else None

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield OpeningNote(id="focus-opening", only_on_failure=True)
        with Horizontal(id="focus-body"):
            with Vertical(id="focus-clock"):
                yield Label("", id="focus-title")
                yield Digits("--:--", id="clock")
                yield ProgressBar(total=100, show_eta=False, id="progress")
                yield Label("", id="focus-state")
            with VerticalScroll(id="focus-side"):
                yield Label("", id="focus-role-steps")
                yield Markdown("", id="focus-instructions", parser_factory=markdown_parser)
        yield CockpitFooter()

    def on_mount(self) -> None:
        self.set_interval(0.25, self.tick)
        self.load_target()

    def on_screen_resume(self) -> None:
        self.load_target()

    def on_focus_changed(self, message: FocusChanged) -> None:
        self.load_target()

    def on_cockpit_ready(self, message: CockpitReady) -> None:
        self.load_target()  # the data changed (another device): the role's steps too

    def load_target(self) -> None:
        session = self.session
        if session is None:
            self.target = None
            self.show_target()
            return
        self.cockpit_app.run_service(lambda c: focus_target(c, session), self._target_loaded)

    def _target_loaded(self, target: FocusTarget) -> None:
        self.role_index = same_role_step(self.target, self.role_index, target)
        self.target = target
        self.show_target()

    def show_target(self) -> None:
        self.refresh_bindings()
        target = self.target
        title = self.query_one("#focus-title", Label)
        steps = self.query_one("#focus-role-steps", Label)
        body = self.query_one("#focus-instructions", Markdown)
        if target is None:
            title.update("Break" if self._break() is not None else "No focus session")
            steps.update("")
            body.update(
                "Start one from **Today**: `f` on a step (countdown to its estimate, pomodoro "
                "or stopwatch), or `F` for a block of time on a role's steps, one by one."
            )
            self.tick()
            return
        session = self.session
        kind = session.kind.value if session else ""
        title.update(plain(f"{target.role_name} · {kind} · {target.title}"))
        if target.role_steps:
            lines = []
            for index, due in enumerate(target.role_steps):
                marker = "▶" if index == self.role_index else " "
                lines.append(plain(f"{marker} {due.id:<7} {due.process.name} › {due.step.title}"))
            steps.update(Content("\n").join(lines))
            current = target.role_steps[min(self.role_index, len(target.role_steps) - 1)]
            body.update(markdown_source(f"### {current.step.title}\n\n{current.step.instructions}"))
        else:
            steps.update("")
            body.update(markdown_source(target.instructions or "_No instructions for this step._"))
        self.tick()

    def tick(self) -> None:
        session = self.session
        clock = self.query_one("#clock", Digits)
        bar = self.query_one("#progress", ProgressBar)
        state = self.query_one("#focus-state", Label)
        if session is None:
            title = self.query_one("#focus-title", Label)
            left = self._break()
            if left is not None:
                rest, length = left
                clock.update(clock_text(rest))
                bar.update(total=length.total_seconds(), progress=(length - rest).total_seconds())
                title.update("Break")
                state.update("break — step away from the screen · space or s skips it")
            else:
                if str(title.render()) == "Break":
                    title.update("No focus session")
                    self.refresh_bindings()  # the break is over: no "Skip break" key
                clock.update("--:--")
                state.update("space, +, s and x work while a session runs")
                bar.update(total=100, progress=0)
            return
        now: datetime = self.cockpit_app.clock.now()
        remaining = session.remaining(now)
        elapsed = session.elapsed(now)
        if remaining is None:
            clock.update(clock_text(elapsed))
            bar.update(total=None)
        else:
            shown = remaining if remaining > timedelta() else -remaining
            clock.update(("+" if remaining < timedelta() else "") + clock_text(shown))
            bar.update(total=session.planned_seconds, progress=elapsed.total_seconds())
        paused = session.status is FocusStatus.PAUSED
        label = "paused — space resumes" if paused else f"{clock_text(elapsed)} worked"
        if session.kind is FocusKind.POMODORO:
            label += " · pomodoro"
        state.update(label)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that do nothing now are not offered: without a session, none of the session's;
        during a break, space and s skip it and the footer says so."""
        if action == "skip_break":
            return self.session is None and self._break() is not None
        if self.session is None:
            return action not in ("extend", "step_done", "next_step", "pause", "stop")
        return True

    def _break(self) -> tuple[timedelta, timedelta] | None:
        """(left, length) of the pomodoro break running now, if any."""
        rest = self.cockpit_app.focus_break
        return None if rest is None else break_left(rest, self.cockpit_app.clock.now())

    def _skip_break(self) -> bool:
        """Skip a running break (space or s with no session); False when none runs."""
        if self.session is not None or self._break() is None:
            return False
        self.cockpit_app.skip_break(then=self.show_target)
        return True

    # -- keys ------------------------------------------------------------------------------

    def _update(self, job: Callable[[Cockpit], FocusSession]) -> None:
        def done(session: FocusSession) -> None:
            self.app.post_message(FocusChanged(session))

        self.cockpit_app.run_service(job, done, group="write")

    def action_skip_break(self) -> None:
        self._skip_break()

    def action_pause(self) -> None:
        session = self.session
        if session is None:
            return
        if session.status is FocusStatus.PAUSED:
            self._update(resume_focus)
        else:
            self._update(pause_focus)

    def action_extend(self) -> None:
        if self.session is not None and self.session.planned_seconds is not None:
            self._update(lambda c: extend_focus(c, 300))

    def action_stop(self) -> None:
        session = self.session
        if session is not None:
            self.cockpit_app.ask_to_finish(session, time_up=False)

    def action_step_done(self) -> None:
        session, target = self.session, self.target
        if session is None or target is None:
            return
        if target.role_steps:
            current = target.role_steps[min(self.role_index, len(target.role_steps) - 1)]

            def done(_: object) -> None:
                self.notify(f"done: {current.step.title}", timeout=3)
                self.load_target()

            self.cockpit_app.run_service(lambda c: complete(c, current.id), done, group="write")
        else:
            self.cockpit_app.finish_focus("done")

    def action_next_step(self) -> None:
        target = self.target
        if target is not None and target.role_steps:
            self.role_index = (self.role_index + 1) % len(target.role_steps)
            self.show_target()
