"""Snapshots of the timeline (v) on the demo business, Friday 2026-11-20 10:00 UTC.

Regenerate with `pytest tests/functional/test_timeline_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

from cockpit.tui.screens.timeline import TimelineScreen, open_timeline
from cockpit.tui.widgets.timeline_view import TimelineView
from tests.functional.helpers import ready
from tests.functional.snapshot_support import Snap, quiet
from tests.functional.test_timeline import squeeze_admin
from tests.ui_support import SIZE, AppFactory, Driver, app_of, wait_for_screen, wait_until


async def show_timeline(pilot: Driver) -> None:
    await ready(pilot)
    open_timeline(app_of(pilot))
    screen = await wait_for_screen(pilot, TimelineScreen)
    await wait_until(pilot, lambda: screen.found is not None)
    await quiet(pilot)


def test_timeline(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=show_timeline)


def test_timeline_80x24(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=show_timeline)


def test_timeline_overflow_80x24(snap_compare: Snap, make_app: AppFactory, data_path: Path) -> None:
    """Admin keeps only 08:30-09:00: its other steps are its overflow, the cursor on one."""
    squeeze_admin(data_path)

    async def run_before(pilot: Driver) -> None:
        await show_timeline(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, TimelineScreen) and screen.found is not None
        (load,) = [load for load in screen.found.timeline.loads if load.over]
        screen.query_one(TimelineView).move_to(load.overflow[0].key)
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
