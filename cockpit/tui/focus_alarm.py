"""The app's clock of focus work: the running session and the pomodoro break, the tick every
second that rings when a session's time is up or a break is over, and the end of a session
(logged, logged with its step done, or discarded)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cockpit.tui.disk_watch import DiskWatchingApp
from cockpit.tui.messages import DayChanged, FocusChanged

if TYPE_CHECKING:
    from cockpit.clock import Clock
    from cockpit.config import Settings
    from cockpit.domain.focus import FocusSession
    from cockpit.domain.model import Role


class FocusAlarmApp(DiskWatchingApp):
    """The focus session and its break, as the app keeps them between the views."""

    clock: Clock
    settings: Settings
    roles: list[Role]  # the roles of the day shown (for the block watch)
    focus_session: FocusSession | None = None
    focus_break: FocusSession | None = None  # the pomodoro whose break runs (stored)
    _alarmed: int | None = None  # the session whose time-up was rung

    def on_focus_changed(self, message: FocusChanged) -> None:
        self.focus_session = message.session
        self._alarmed = None
        self._announce_overdue_session()
        # the Focus screen reloads its target on this; passed on as a message so the
        # start (which posts one) needn't import that screen
        for screen in self.screen_stack:
            screen.post_message(FocusChanged(message.session))

    def _announce_overdue_session(self) -> None:
        session = self.focus_session
        if session is not None and session.active and session.is_over(self.clock.now()):
            self._ring(session)

    def _tick(self) -> None:
        rest = self.focus_break
        if rest is not None and not rest.on_break(self.clock.now()):
            self.focus_break = None
            self.bell()
            self.notify("The break is over.", title="Pomodoro", timeout=10)
        session = self.focus_session
        if session is not None and session.active and session.is_over(self.clock.now()):
            self._ring(session)
        from cockpit.tui.block_watch import check_block_start

        check_block_start(self, self.clock.now())

    def _ring(self, session: FocusSession) -> None:
        if self._alarmed == session.id:
            return
        self._alarmed = session.id
        self.bell()
        self.notify("Time is up.", title="Focus session", timeout=10)
        import shutil
        import subprocess

        notify_send = shutil.which("notify-send")
        if notify_send:
            try:
                subprocess.Popen(
                    [notify_send, "Cockpit", "Focus session: time is up"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                pass
        self.ask_to_finish(session, time_up=True)

    def ask_to_finish(self, session: FocusSession, *, time_up: bool) -> None:
        from cockpit.tui.screens.focus_end import FocusEndScreen

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.finish_focus(choice)

        self.push_screen(FocusEndScreen(session, self.clock.now(), time_up=time_up), chosen)

    def finish_focus(self, choice: str) -> None:
        """Log ("log"), log and complete the step ("done"), or discard the session."""
        from cockpit.services.focus import finish_focus

        keep, step_done = choice != "discard", choice == "done"

        def finished(session: FocusSession) -> None:
            self.post_message(FocusChanged(None))
            if keep:
                self.notify(f"Logged {session.minutes} min.", timeout=4)
                if session.break_ends is not None and session.ended_at is not None:
                    self.focus_break = session  # stored with it: a restart keeps the break
                    pause = round((session.break_ends - session.ended_at).total_seconds() / 60)
                    self.notify(f"Take a {pause}-minute break.", title="Pomodoro", timeout=8)
            for screen in self.screen_stack:
                screen.post_message(DayChanged())

        self.run_service(
            lambda c: finish_focus(c, keep=keep, step_done=step_done), finished, group="write"
        )

    def says_session_runs(self) -> bool:
        """A focus session runs (a second cannot start): say so, and how to reach it."""
        running = self.focus_session
        if running is None or not running.active:
            return False
        self.notify(
            f"A focus session is running (since {running.started_at:%H:%M}): "
            "2 shows it, s there stops it.",
            severity="warning",
            timeout=5,
        )
        return True

    def skip_break(self, *, then: Callable[[], None]) -> None:
        """End the break running now before its time (space or s in Focus)."""
        from cockpit.services.focus import skip_break

        def skipped(_: object) -> None:
            self.focus_break = None
            self.notify("Break skipped.", timeout=3)
            then()

        self.run_service(skip_break, skipped, group="write")

    def focus_started(self, session: FocusSession) -> None:
        """A session started (Today's f or F, the timeline's F): the Focus view shows it."""
        self.focus_session = session  # before the Focus screen shows
        self.post_message(FocusChanged(session))
        self.switch_mode("focus")
