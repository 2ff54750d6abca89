"""The banner for conflict copies: a sync client that saw both devices change the file at once
leaves a copy beside it; every view says so under its status bar until it is merged."""

from __future__ import annotations

from pathlib import Path

from cockpit.tui.widgets.sync_banner import SyncBanner, banner_text
from tests.functional.helpers import ready
from tests.functional.snapshot_support import Snap, quiet
from tests.functional.test_sync_support import looking_every
from tests.ui_support import SIZE, AppFactory, Driver, app_of, switch_mode, wait_until

COPY = "cockpit (Laptop's conflicted copy 2026-12-01).json"


def banners(pilot: Driver) -> list[SyncBanner]:
    return [banner for banner in pilot.app.screen.query(SyncBanner) if banner.display]


def banner_says(pilot: Driver) -> str:
    shown = banners(pilot)
    return str(shown[0].render()) if shown else ""


async def test_a_conflict_copy_dropped_beside_the_file_shows_on_every_view(
    make_app: AppFactory, data_path: Path
) -> None:
    app = looking_every(make_app(), 0.1)
    app.copies_check_seconds = 0.2
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause(0.3)
        assert banners(pilot) == []  # none until there is a copy

        data_path.with_name(COPY).write_bytes(data_path.read_bytes())
        await wait_until(pilot, lambda: COPY in banner_says(pilot), timeout=3)
        assert "1 conflict copy beside the data file" in banner_says(pilot)

        from cockpit.tui.screens.routines import RoutinesScreen

        await switch_mode(pilot, "3", RoutinesScreen, lambda screen: True)
        await wait_until(pilot, lambda: COPY in banner_says(pilot))

        second = data_path.with_name("cockpit.sync-conflict-20261201-101500-ABCDEFG.json")
        second.write_bytes(b"{}")
        await wait_until(pilot, lambda: "2 conflict copies" in banner_says(pilot), timeout=3)

        data_path.with_name(COPY).unlink()  # merged
        second.unlink()
        await wait_until(pilot, lambda: banners(pilot) == [], timeout=3)
        assert app_of(pilot).conflict_copies == ()


def test_the_banner_names_a_few_and_counts_the_rest() -> None:
    names = ("a.json", "b [/] .json", "c.json")
    text = banner_text(names).plain
    assert text == (
        "⚠ 3 conflict copies beside the data file: M merges them (or quit Cockpit, then "
        "cockpit merge FILE): a.json, b [/] .json, …"
    )


def test_banner_snapshot(snap_compare: Snap, make_app: AppFactory, data_path: Path) -> None:
    data_path.with_name(COPY).write_bytes(data_path.read_bytes())

    async def run_before(pilot: Driver) -> None:
        await ready(pilot)
        await wait_until(pilot, lambda: bool(banners(pilot)))
        await quiet(pilot)

    assert snap_compare(looking_every(make_app(), 0.1), terminal_size=SIZE, run_before=run_before)
