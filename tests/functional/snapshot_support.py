"""What the snapshot tests share: the invoice step, a countdown on it, and a quiet screen.

A snapshot must never depend on timing: `quiet` lets the workers and the Markdown
viewers finish, and redraws the clocks so no real-time tick shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Markdown

from cockpit.clock import FixedClock
from cockpit.domain.focus import FocusKind
from cockpit.services.context import Cockpit
from cockpit.services.focus import start_focus
from cockpit.tui.screens.focus import FocusScreen
from tests.functional.helpers import open_focus
from tests.ui_support import Driver, app_settings, quiet_status, settle

Snap = Callable[..., bool]
INVOICE = "325.3"  # Invoice clients › Create invoices in QuickBooks (20 min)


def start_invoice_countdown(path: Path, clock: FixedClock) -> None:
    """A countdown on "Create invoices in QuickBooks" (20 min), stored before the app starts."""
    with Cockpit.open(path, clock, app_settings()) as ctx:
        start_focus(ctx, FocusKind.COUNTDOWN, ref=INVOICE)


async def markdown_shown(viewer: Markdown) -> None:
    """Wait until the viewer shows its document. A viewer parses and mounts it in a task of
    its own (not a worker: settle does not wait for it); the same text again queues behind
    that task on the viewer's lock, so once it is done the document is the one on screen."""
    await viewer.update(viewer.source)


async def quiet(pilot: Driver) -> None:
    """Let the workers and the Markdown finish; the clocks show the present at once.

    The status bar and the Focus clock refresh on real-time intervals: redraw them now
    so a snapshot never depends on whether a tick fell before it.
    """
    await settle(pilot)
    for viewer in pilot.app.screen.query(Markdown).results(Markdown):
        if viewer.display:
            await markdown_shown(viewer)
    quiet_status(pilot)
    if isinstance(pilot.app.screen, FocusScreen):
        pilot.app.screen.tick()
    await pilot.pause()


async def show_focus(pilot: Driver) -> None:
    """Switch to the Focus mode and wait until it shows the session's step."""
    await open_focus(pilot)
    await quiet(pilot)
