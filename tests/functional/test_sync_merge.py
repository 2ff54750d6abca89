"""Merging conflict copies from the running app (`M`, or "Merge conflict copies" in the
palette): the app holds the writer lock, so `cockpit merge` cannot run beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

from cockpit.domain.occurrence import StepStatus
from cockpit.services import actions
from cockpit.tui.app import CockpitApp
from cockpit.tui.widgets.sync_banner import SyncBanner
from tests.functional.helpers import ready, shown_keys, stored_step
from tests.functional.test_sync_support import looking_every, noted, on_device, other_device, sync
from tests.ui_support import SIZE, AppFactory, Driver, app_of, errors, wait_until

COPY = "cockpit (Desktop's conflicted copy 2026-11-20).json"


def banner_shown(pilot: Driver) -> bool:
    return any(banner.display for banner in pilot.app.screen.query(SyncBanner))


def counting_rarely(app: CockpitApp) -> CockpitApp:
    app.copies_check_seconds = 3600  # only the first look and news count the copies
    return looking_every(app, 0.2)


async def test_m_merges_the_copies_and_the_other_devices_work_shows(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    async with counting_rarely(make_app()).run_test(size=SIZE) as pilot:
        await ready(pilot)
        keys = shown_keys(pilot)
        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            for key in keys[:3]:
                actions.complete(ctx, key)
        laptop_step = keys[5]
        # the sync client: the other device's file arrives as a conflict copy, and the data
        # file is changed by a third device at the same time (news, which counts the copies)
        shutil.copyfile(desktop, data_path.with_name(COPY))
        third = other_device(data_path, tmp_path / "third")
        with on_device(third) as ctx:
            actions.complete(ctx, laptop_step)
        sync(third, data_path)
        await wait_until(pilot, lambda: banner_shown(pilot), timeout=3)  # with the news

        await pilot.press("M")
        await wait_until(pilot, lambda: noted(pilot, "Merged "), timeout=5)
        await wait_until(pilot, lambda: not banner_shown(pilot), timeout=3)
        await wait_until(pilot, lambda: not set(keys[:3]) & set(shown_keys(pilot)))
        assert errors(pilot) == []
        assert app_of(pilot).conflict_copies == ()
    for key in [*keys[:3], laptop_step]:
        assert stored_step(data_path, key).status is StepStatus.DONE, key
    assert not data_path.with_name(COPY).exists()
    assert (data_path.parent / "backups" / "merged" / COPY).exists()


async def test_m_without_copies_says_so(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("M")
        await wait_until(pilot, lambda: noted(pilot, "No conflict copies"))


async def test_m_looks_for_copies_itself_before_the_count_finds_them(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    async with counting_rarely(make_app()).run_test(size=SIZE) as pilot:
        await ready(pilot)
        keys = shown_keys(pilot)
        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            actions.complete(ctx, keys[0])
        shutil.copyfile(desktop, data_path.with_name(COPY))  # no news: nothing counts it
        await pilot.press("M")
        await wait_until(pilot, lambda: noted(pilot, "Merged "), timeout=5)
        assert not noted(pilot, "No conflict copies")
    assert stored_step(data_path, keys[0]).status is StepStatus.DONE


async def test_m_says_the_changes_before_it_can_no_longer_be_undone(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    """Tester: after M, `u` said "Nothing to undo." for the change made just before."""
    async with counting_rarely(make_app()).run_test(size=SIZE) as pilot:
        await ready(pilot)
        first = shown_keys(pilot)[0]
        await pilot.press("x")  # a change that could be undone
        await wait_until(pilot, lambda: first not in shown_keys(pilot))
        desktop = other_device(data_path, tmp_path / "desktop")
        shutil.copyfile(desktop, data_path.with_name(COPY))
        await pilot.press("M")
        await wait_until(pilot, lambda: noted(pilot, "can no longer be undone"), timeout=5)
