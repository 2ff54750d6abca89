"""The one way the app runs work off the UI thread: `run_in_thread`, and `run_service` for a
use case on the open data file.

Every view calls the services through `run_service`: the call runs in a thread worker, its
result is handed to `done` on the UI thread, and a refusal or an error is said (a
notification, or `refused` when the caller shows it itself) instead of failing silently.
Writes (group "write") are recorded for undo. The opening of the data file, the look at the
disk, the welcome's first file and the theme kept in the config go through `run_in_thread`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.app import App
from textual.notifications import SeverityLevel

from cockpit.domain.errors import CockpitError
from cockpit.domain.text import printable, printable_lines

if TYPE_CHECKING:
    from cockpit.services.context import Cockpit

T = TypeVar("T")
STILL_OPENING = "Still opening the data file…"


def is_conflict(error: BaseException) -> bool:
    """A write refused because another device changed the same records, after which the store
    holds the disk's data: every view must redraw (not so when the file could not be read)."""
    from cockpit.services.sync import StoreConflictError

    return isinstance(error, StoreConflictError) and error.reloaded


class ServiceBridgeApp(App[None]):
    """The app's bridge to the services (the data file itself is opened by the app)."""

    cockpit: Cockpit | None = None

    def run_service(
        self,
        job: Callable[[Cockpit], T],
        done: Callable[[T], None] | None = None,
        *,
        group: str = "service",
        failed: Callable[[], None] | None = None,
    ) -> None:
        """Run a use case on the open data file in a thread worker; errors become
        notifications (and `failed` is called). Every write can be undone."""
        cockpit = self.cockpit
        if cockpit is None:
            self.notify(STILL_OPENING, severity="warning")
            return
        if group == "write":  # every change made in the app can be undone
            from cockpit.tui import undo_keys

            job = undo_keys.recorded(self, job)

        def work() -> T:
            return job(cockpit)

        self.run_in_thread(work, done, group=group, failed=failed)

    def says_read_only(self) -> bool:
        """Before a form is filled in: if the data file cannot be written here (another
        Cockpit holds it, or its folder or permissions forbid it), say so now and True,
        rather than refuse the save after the owner typed it all."""
        cockpit = self.cockpit
        if cockpit is None or not cockpit.read_only:
            return False
        reason = cockpit.read_only_reason or "the data file cannot be written"
        self.notify(f"Read-only: {reason}; nothing can be changed here.", severity="warning")
        return True

    def run_in_thread(
        self,
        work: Callable[[], T],
        done: Callable[[T], None] | None = None,
        *,
        group: str = "service",
        failed: Callable[[], None] | None = None,
        refused: Callable[[str], None] | None = None,
        exclusive: bool = False,
    ) -> None:
        """Run `work` in a thread worker and hand its result to `done` on the UI thread.
        A refusal (CockpitError, OSError) is said by `refused` (a notification by default),
        an unexpected error is logged and said; then `failed` is called."""

        def report(message: str) -> None:
            if refused is not None:
                self.call_from_thread(refused, message)
            else:
                self.call_from_thread(self.notify, message, severity="error", timeout=8)
            if failed is not None:
                self.call_from_thread(failed)

        def run() -> None:
            try:
                result = work()
            except CockpitError as error:
                report(str(error))
                if is_conflict(error):  # the store holds the disk's data now
                    self.call_from_thread(self.conflict_refused)
                return
            except OSError as error:
                report(error.strerror or str(error))
                return
            except Exception as error:  # a bug: say so rather than fail silently
                self.log.error("work off the UI thread failed", error)
                report(f"Unexpected error: {error!r}")
                return
            if done is not None:
                try:
                    self.call_from_thread(done, result)
                except Exception as error:
                    self.log.error("updating the screen failed", error)
                    self.call_from_thread(
                        self.notify, f"Unexpected error: {error!r}", severity="error"
                    )

        self.run_worker(run, thread=True, group=group, exclusive=exclusive, exit_on_error=False)

    def conflict_refused(self) -> None:
        """A write was refused as a conflict (the disk watch redraws every view)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a toast. Its words are text, never markup: messages name processes and steps,
        and repeat what was typed (`Widget.notify` asks for markup; it is never read)."""
        super().notify(
            printable_lines(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
