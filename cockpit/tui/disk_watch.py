"""The running app and the other devices: a look at the data file every 1.5 seconds.

A sync client (Dropbox, Syncthing, Nextcloud) may replace the data file at any
moment: another device completed steps or started a run. A thread worker looks:
one stat when nothing changed; otherwise the services read the file again (every
check) and every view redraws from it, each keeping its cursor on the same thing.
A file that changed but cannot be read is said once; the app keeps what it shows.

The same look makes a read-only app the writer when the Cockpit that held the
lock has closed, and every ten seconds counts the conflict copies a sync client
left beside the file, for the banner (widgets/sync_banner.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING

from textual.notifications import SeverityLevel
from textual.reactive import reactive

from cockpit.domain.errors import CockpitError
from cockpit.tui.messages import CockpitReady, FocusChanged
from cockpit.tui.service_bridge import ServiceBridgeApp

if TYPE_CHECKING:
    from cockpit.domain.focus import FocusSession
    from cockpit.services.context import Cockpit
    from cockpit.services.sync import DiskNews

TOOK_OVER = "Now the writer: the other Cockpit closed; changes are saved again."
CONFLICT_REDRAW_GAP = 2.0  # seconds
READ_ONLY = "Read-only: {reason}; changes can't be saved."


@dataclass(frozen=True, slots=True)
class Look:
    """What one look at the disk found (made in the worker, shown by the app)."""

    news: DiskNews | None = None
    took_over: bool = False
    copies: tuple[str, ...] | None = None  # the conflict copies' names; None: not counted
    session: FocusSession | None = None  # the running focus session, read again
    failure: str | None = None  # the look itself failed (said once)

    @property
    def reloaded(self) -> bool:
        """What the store holds changed: every view must redraw."""
        return self.took_over or (self.news is not None and not self.news.problem)


def look_at_disk(cockpit: Cockpit, count_copies: bool) -> Look:
    """Take over the lock if it is free (read-only), take in a changed file, count copies."""
    from cockpit.services.sync import check_disk

    took_over = cockpit.read_only and _take_over(cockpit)
    news = check_disk(cockpit)
    # a sync that brought news may have brought a conflict copy with it: count now
    copies = _conflict_copies(cockpit) if count_copies or news is not None else None
    session = None
    if took_over or (news is not None and not news.problem):
        from cockpit.services.focus import active_focus

        session = active_focus(cockpit)
    return Look(news, took_over, copies, session)


def _take_over(cockpit: Cockpit) -> bool:
    return cockpit.try_take_over()


def _conflict_copies(cockpit: Cockpit) -> tuple[str, ...]:
    from cockpit.services.merge import conflict_copies

    return tuple(sorted(path.name for path in conflict_copies(cockpit)))


def merge_all_copies(cockpit: Cockpit) -> tuple[list[str], tuple[str, ...]]:
    """Each conflict copy merged (a refused one says why): what to say, and the copies left."""
    from cockpit.services.merge import conflict_copies, merge_file
    from cockpit.services.merge_text import merge_lines

    said = []
    copies = conflict_copies(cockpit)
    if not copies:
        said.append("No conflict copies beside the data file.")
    for path in copies:
        try:
            done = merge_file(cockpit, path)
        except CockpitError as error:
            said.append(f"{path.name} was not merged: {error}")
            continue
        said.append("\n".join([*merge_lines(done, cockpit.store.path, False), *done.warnings]))
    return said, _conflict_copies(cockpit)


class DiskWatchingApp(ServiceBridgeApp):
    """The app's side of the disk: the timer, the worker, and what the app shows of a look."""

    disk_check_seconds = 1.5  # the look: one stat when nothing changed
    copies_check_seconds = 10.0  # the conflict copies: a directory listing
    conflict_copies: reactive[tuple[str, ...]] = reactive(())

    focus_session: FocusSession | None  # the running session (focus_alarm.py)

    def watch_the_disk(self) -> None:
        """Start looking (once the data file is open: until then each tick does nothing)."""
        self._looking = False
        self._copies_due = 0.0
        self._failure: str | None = None
        self._conflict_redrawn = -CONFLICT_REDRAW_GAP
        self.set_interval(self.disk_check_seconds, self.look_now)

    def look_now(self) -> None:
        cockpit = self.cockpit
        if cockpit is None or self._looking:
            return
        count = monotonic() >= self._copies_due
        if count:
            self._copies_due = monotonic() + self.copies_check_seconds
        self._looking = True
        self.run_in_thread(lambda: self._look(cockpit, count), self.show_look, group="disk")

    def _look(self, cockpit: Cockpit, count_copies: bool) -> Look:
        """The look, in the worker: a failure is a look too (said once, not every 1.5 s)."""
        try:
            return look_at_disk(cockpit, count_copies)
        except (CockpitError, OSError) as error:
            return Look(failure=f"Cannot look at the data file: {error}")
        except Exception as error:  # a bug: say so once rather than fail silently
            self.log.error("looking at the disk failed", error)
            return Look(failure=f"Unexpected error while looking at the data file: {error!r}")

    def show_look(self, look: Look) -> None:
        self._looking = False
        if look.failure != self._failure and look.failure is not None:
            self.notify(look.failure, severity="warning", timeout=10)
        self._failure = look.failure
        if look.copies is not None:
            self.conflict_copies = look.copies
        if look.took_over:
            self.notify(TOOK_OVER, timeout=8)
            for warning in self.cockpit.warnings if self.cockpit is not None else ():
                self.notify(warning, severity="warning", timeout=15)  # the new writer's opening
        news = look.news
        if news is not None:
            severity: SeverityLevel = "error" if news.problem else "information"
            self.notify(news.message, severity=severity, timeout=20 if news.problem else 6)
        if look.reloaded:
            self.refresh_views()
            if look.session != self.focus_session:
                self.post_message(FocusChanged(look.session))

    def action_merge_copies(self) -> None:
        """Merge every conflict copy beside the data file (as `cockpit merge` does each):
        this app holds the writer lock, so the command line cannot while it runs. It looks
        for them itself: a copy may be there before the count every 10 s has seen it."""
        self.run_service(merge_all_copies, self._copies_merged, group="write")

    def _copies_merged(self, merged: tuple[list[str], tuple[str, ...]]) -> None:
        from cockpit.tui import undo_keys

        said, left = merged
        kept = undo_keys.stacks(self)
        if kept.undo or kept.redo:  # undoing across a merge is not worth the surprise: said
            said = [*said, "The changes before the merge can no longer be undone (u)."]
        for message in said:
            self.notify(message, timeout=12)
        self.conflict_copies = left
        undo_keys.forget(self)
        self.refresh_views()

    def conflict_refused(self) -> None:
        """A write was refused as a conflict: redraw, but never twice in a row, as a view's
        redraw may write (Review saves typed notes) and meet the same refusal."""
        if monotonic() - self._conflict_redrawn >= CONFLICT_REDRAW_GAP:
            self._conflict_redrawn = monotonic()
            self.refresh_views()

    def refresh_views(self) -> None:
        """What the store holds changed: every view loads again (as when the file opened)."""
        self.post_message(CockpitReady())
        from cockpit.tui.widgets.status_bar import StatusBar

        for bar in self.screen.query(StatusBar).results(StatusBar):
            bar.update_bar()

    def announce_opening(self, cockpit: Cockpit) -> None:
        """Say once what the opening found: read-only, and warnings (a backup not written)."""
        if cockpit.read_only:
            reason = cockpit.read_only_reason or "the data file cannot be written"
            self.notify(READ_ONLY.format(reason=reason), severity="warning", timeout=8)
        for warning in cockpit.warnings:
            self.notify(str(warning), severity="warning", timeout=15)
