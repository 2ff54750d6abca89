"""The bar at the top: the date, the role whose time block is now, the running timer."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from cockpit.domain.text import printable
from cockpit.tui.cockpit_app import cockpit_app
from cockpit.tui.widgets.sync_banner import SyncBanner

if TYPE_CHECKING:
    from cockpit.domain.focus import FocusSession
    from cockpit.domain.model import Role


def clock_text(span: timedelta) -> str:
    seconds = max(0, int(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def timer_text(session: FocusSession, now_: object) -> str:
    from datetime import datetime

    assert isinstance(now_, datetime)
    remaining = session.remaining(now_)
    if remaining is None:
        shown = clock_text(session.elapsed(now_))
    elif remaining < timedelta():  # overtime, as the Focus view shows it
        shown = "+" + clock_text(-remaining)
    else:
        shown = clock_text(remaining)
    state = " paused" if session.status.value == "paused" else ""
    return f"⏱ {shown}{state}"


class StatusBar(Static):
    """Refreshes itself every second from the app's clock and state."""

    def __init__(self, *, id: str | None = None) -> None:
        self.day: date | None = None
        self.roles: list[Role] = []
        # the text is there from the start, so the very first frame shows the date
        super().__init__(self.bar_text(), id=id)

    def on_mount(self) -> None:
        self.set_interval(1.0, self.update_bar)
        self.watch(self.app, "conflict_copies", self._conflict_copies, init=True)

    def _conflict_copies(self, names: tuple[str, ...]) -> None:
        """Mount the banner under the bar the first time there are conflict copies (it follows
        them from then on): no view pays for it before."""
        parent = self.parent
        if names and isinstance(parent, Widget) and not parent.query_children(SyncBanner):
            parent.mount(SyncBanner(), after=self)

    def show(self, day: date, roles: list[Role]) -> None:
        self.day = day
        self.roles = roles
        self.update_bar()

    def update_bar(self) -> None:
        self.update(self.bar_text())

    def bar_text(self) -> Text:
        app = cockpit_app(self.app)
        now = app.clock.now()
        day = self.day or now.date()
        text = Text.assemble(("Cockpit", "bold"), "  ", f"{day:%a %d %b %Y}")
        if day != now.date():
            text.append(f"  (today {now.date():%d %b})", style="italic")
        for role in self.roles or app.roles:
            block = role.block_at(now.date(), now.time())
            if block is not None:
                text.append("   ")
                text.append(f" {printable(role.name)} ", style=f"bold black on {role.colour}")
                text.append(f" until {block.end:%H:%M}")
                break
        session = app.focus_session
        if session is not None and session.active:
            text.append("   ")
            text.append(timer_text(session, now), style="bold")
        elif (rest := app.focus_break) is not None and rest.break_ends and rest.on_break(now):
            text.append("   ")
            text.append(f"☕ break {clock_text(rest.break_ends - now)}", style="bold")
        if app.cockpit is not None and app.cockpit.read_only:
            text.append("   read-only", style="bold reverse")
        return text
