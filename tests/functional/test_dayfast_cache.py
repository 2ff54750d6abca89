"""The day kept from the last run (day_cache): drawn in the first frame as a picture, replaced
by the live day, never acted on; kept privately in the cache folder, never beside the data."""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cockpit.domain.occurrence import StepStatus
from cockpit.services import actions
from cockpit.services.cache_files import cache_folder
from cockpit.services.context import Cockpit
from cockpit.tui.app import CockpitApp, build_app
from cockpit.tui.day_cache import DayCache
from cockpit.tui.widgets.cached_day import CachedDay
from tests.functional.helpers import ready, shown_keys, stored_step, today_screen
from tests.ui_support import (
    DAY,
    SIZE,
    Driver,
    app_settings,
    errors,
    fixed_clock,
    open_cockpit,
    record_notes,
    screen_lines,
    settle,
    wait_until,
)


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "cockpit"


def keeping_app(path: Path) -> CockpitApp:
    return record_notes(build_app(path, fixed_clock(), app_settings(), keep_day=True))


def held_open(app: CockpitApp) -> threading.Event:
    """The data file opens only once the returned event is set (the picture stays till then)."""
    gate = threading.Event()
    opener: Callable[[], Cockpit] = app.opener

    def slow() -> Cockpit:
        assert gate.wait(10)
        return opener()

    app.opener = slow
    return gate


def picture(pilot: Driver) -> str | None:
    """The text of the kept picture, if Today shows one."""
    found = [shown for shown in today_screen(pilot).query(CachedDay) if shown.display]
    return str(found[0].render()) if found else None


async def keep_a_day(path: Path) -> list[str]:
    """Run the app once until it has kept its day; the keys it showed."""
    async with keeping_app(path).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: DayCache(cache_folder(), path).file.exists())
        await pilot.app.workers.wait_for_complete()
        return shown_keys(pilot)


async def test_the_kept_day_is_drawn_first_and_no_key_acts_on_it(data_path: Path) -> None:
    keys = await keep_a_day(data_path)
    first = keys[0]
    app = keeping_app(data_path)
    gate = held_open(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = picture(pilot)
        assert shown is not None and first in shown  # the steps, before the data is open
        await pilot.press("x", "s", "z", "p")  # nothing to act on: a picture
        assert today_screen(pilot).plan is None
        gate.set()
        await ready(pilot)
        await pilot.app.workers.wait_for_complete()
        assert picture(pilot) is None
        assert shown_keys(pilot) == keys
        assert stored_step(data_path, first).status is StepStatus.OPEN
        await pilot.press("x")  # on the live list, the same step
        await wait_until(pilot, lambda: stored_step(data_path, first).status is StepStatus.DONE)


async def test_a_file_changed_after_the_day_was_kept_is_never_drawn(data_path: Path) -> None:
    keys = await keep_a_day(data_path)
    with open_cockpit(data_path) as cockpit:  # another run, after the day was kept
        actions.complete(cockpit, keys[0])
    app = keeping_app(data_path)
    gate = held_open(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert picture(pilot) is None  # kept for the file as it was: not shown
        gate.set()
        await ready(pilot)
        assert shown_keys(pilot) == keys[1:]


async def test_the_live_day_replaces_the_picture_before_any_key_acts(data_path: Path) -> None:
    """The picture matched at start, then the file changed before it was read: the keys
    act on the live day, which no longer holds the step the picture shows first."""
    keys = await keep_a_day(data_path)
    app = keeping_app(data_path)
    gate = held_open(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = picture(pilot)
        assert shown is not None and keys[0] in shown
        with open_cockpit(data_path) as cockpit:  # another device, while the picture shows
            actions.complete(cockpit, keys[0])
        await pilot.press("x")  # the picture's first step: not acted on
        gate.set()
        await ready(pilot)
        await pilot.app.workers.wait_for_complete()
        assert picture(pilot) is None
        assert shown_keys(pilot) == keys[1:]
        assert stored_step(data_path, keys[1]).status is StepStatus.OPEN
        await pilot.press("x")  # the live list's first step
        await wait_until(pilot, lambda: stored_step(data_path, keys[1]).status is StepStatus.DONE)


async def test_the_day_is_kept_privately_in_the_cache_folder(
    data_path: Path, cache_home: Path
) -> None:
    await keep_a_day(data_path)
    kept = list(cache_home.iterdir())
    assert len(kept) == 1
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    assert sorted(p.name for p in data_path.parent.iterdir() if p.name.startswith("day-")) == []
    assert json.loads(kept[0].read_bytes())["key"]["date"] == DAY.isoformat()


async def test_pictures_of_data_not_opened_for_a_month_are_deleted(
    data_path: Path, cache_home: Path
) -> None:
    """A data file moved or deleted left its picture in the cache folder for ever: a picture
    not rewritten for 30 days goes when another is kept; other files there are not touched."""
    cache_home.mkdir(parents=True, mode=0o700)
    old, recent, other = (
        cache_home / "day-old.json",
        cache_home / "day-recent.json",
        cache_home / "demo-x",
    )
    for made in (old, recent, other):
        made.write_text("{}")
    month_ago = time.time() - 31 * 86400
    for aged in (old, other):
        os.utime(aged, (month_ago, month_ago))
    await keep_a_day(data_path)
    assert not old.exists()
    assert recent.exists() and other.exists()
    assert DayCache(cache_folder(), data_path).file.exists()


BAD_STYLE = {"plain": "x", "style": "no such style", "spans": []}


@pytest.mark.parametrize("rows", [None, 1, [1], [{"plain": "x"}], [BAD_STYLE]])
async def test_a_kept_day_with_broken_rows_is_ignored(data_path: Path, rows: object) -> None:
    await keep_a_day(data_path)
    cache = DayCache(cache_folder(), data_path)
    kept = json.loads(cache.file.read_bytes())
    cache.file.write_text(json.dumps({"key": kept["key"], "rows": rows}))
    async with keeping_app(data_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert picture(pilot) is None
        await ready(pilot)
        assert shown_keys(pilot)


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"key": 1}', b"[]"])
async def test_a_broken_kept_day_is_ignored(data_path: Path, content: bytes) -> None:
    cache = DayCache(cache_folder(), data_path)
    cache.folder.mkdir(parents=True)
    cache.file.write_bytes(content)
    async with keeping_app(data_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert picture(pilot) is None
        await ready(pilot)
        assert shown_keys(pilot)


async def test_a_day_kept_on_another_date_is_not_drawn(data_path: Path) -> None:
    await keep_a_day(data_path)
    later = build_app(data_path, fixed_clock(DAY.replace(day=21)), app_settings(), keep_day=True)
    gate = held_open(later)
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert picture(pilot) is None
        gate.set()
        await ready(pilot)


async def test_a_file_that_fails_to_open_replaces_the_picture_with_why(data_path: Path) -> None:
    keys = await keep_a_day(data_path)
    app = keeping_app(data_path)
    gate = held_open(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert picture(pilot) is not None
        data_path.write_bytes(b"{not json")  # broken while the picture shows
        gate.set()
        await wait_until(pilot, lambda: bool(errors(pilot)))
        await settle(pilot)
        shown = "\n".join(screen_lines(pilot.app))
        assert picture(pilot) is None
        assert "Cannot open the data file." in shown
        assert keys[0] not in shown
        assert pilot.app.is_running


async def test_a_file_that_fails_at_once_never_leaves_the_picture(data_path: Path) -> None:
    await keep_a_day(data_path)
    app = keeping_app(data_path)
    opener = app.opener

    def broken() -> Cockpit:
        data_path.write_bytes(b"{not json")
        return opener()

    app.opener = broken
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(errors(pilot)))
        await settle(pilot)
        assert picture(pilot) is None
        assert "Cannot open the data file." in "\n".join(screen_lines(pilot.app))
