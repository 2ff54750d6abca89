"""`cockpit demo` copies the demo built once a day into the cache folder, and its copies share
the day kept from the last demo: drawn at once, never for a copy that changed."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cockpit.services import actions
from cockpit.services.cache_files import cache_folder
from cockpit.services.context import Cockpit
from cockpit.services.demo_file import demo_template, write_demo
from cockpit.tui.app import CockpitApp, build_app
from cockpit.tui.widgets.cached_day import CachedDay
from tests.functional.helpers import ready, shown_keys, today_screen
from tests.ui_support import SIZE, Driver, app_settings, fixed_clock, open_cockpit, wait_until


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "cockpit"


def a_demo(tmp_path: Path, name: str) -> tuple[Path, Path | None]:
    path = tmp_path / name / "cockpit.json"
    path.parent.mkdir()
    return path, write_demo(path, fixed_clock(), app_settings())


def demo_app(path: Path, template: Path | None) -> tuple[CockpitApp, threading.Event]:
    app = build_app(path, fixed_clock(), app_settings(), keep_day=True, copy_of=template)
    gate = threading.Event()
    opener: Callable[[], Cockpit] = app.opener

    def slow() -> Cockpit:
        assert gate.wait(10)
        return opener()

    app.opener = slow
    return app, gate


def picture(pilot: Driver) -> str | None:
    found = [shown for shown in today_screen(pilot).query(CachedDay) if shown.display]
    return str(found[0].render()) if found else None


def test_the_demo_is_built_once_in_the_cache_folder_and_copied(
    tmp_path: Path, cache_home: Path
) -> None:
    first, template = a_demo(tmp_path, "one")
    assert template == demo_template(fixed_clock().today(), app_settings())
    assert template is not None and template.is_relative_to(cache_home)
    built = template.stat().st_mtime_ns
    second, again = a_demo(tmp_path, "two")
    assert again == template and template.stat().st_mtime_ns == built  # not built again
    assert first.read_bytes() == second.read_bytes() == template.read_bytes()
    assert stat.S_IMODE(second.stat().st_mode) == 0o600
    with open_cockpit(second) as cockpit:  # a change in a copy stays in the copy
        actions.complete(cockpit, "323.1")
    assert template.read_bytes() == first.read_bytes() != second.read_bytes()


def test_the_demo_of_another_day_is_dropped_when_a_new_one_is_built(tmp_path: Path) -> None:
    _, template = a_demo(tmp_path, "one")
    assert template is not None
    later = tmp_path / "two" / "cockpit.json"
    later.parent.mkdir()
    newer = write_demo(later, fixed_clock(fixed_clock().today().replace(day=21)), app_settings())
    assert newer is not None and newer.exists()
    assert not template.parent.exists()
    assert [p.name for p in newer.parent.parent.iterdir()] == [newer.parent.name]


def test_a_demo_is_built_in_place_when_the_cache_folder_cannot_be_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    path, template = a_demo(tmp_path, "one")
    assert template is None
    with open_cockpit(path) as cockpit:
        assert cockpit.store.processes()


async def test_the_next_demo_draws_the_day_at_once(tmp_path: Path) -> None:
    path, template = a_demo(tmp_path, "one")
    app, gate = demo_app(path, template)
    gate.set()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        keys = shown_keys(pilot)
        await wait_until(pilot, lambda: any(cache_folder().glob("day-*.json")))
        await pilot.app.workers.wait_for_complete()
    path, template = a_demo(tmp_path, "two")
    app, gate = demo_app(path, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = picture(pilot)
        assert shown is not None and keys[0] in shown
        gate.set()
        await ready(pilot)
        assert picture(pilot) is None
        assert shown_keys(pilot) == keys


async def test_a_demo_copy_that_changed_draws_no_kept_day(tmp_path: Path) -> None:
    path, template = a_demo(tmp_path, "one")
    app, gate = demo_app(path, template)
    gate.set()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: any(cache_folder().glob("day-*.json")))
        await pilot.app.workers.wait_for_complete()
    path, template = a_demo(tmp_path, "two")
    with open_cockpit(path) as cockpit:
        actions.complete(cockpit, "323.1")
    os.utime(path, ns=(template.stat().st_atime_ns, template.stat().st_mtime_ns))  # type: ignore[union-attr]
    app, gate = demo_app(path, template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert picture(pilot) is None  # same time, another size: not the demo's bytes
        gate.set()
        await ready(pilot)
        assert "323.1" not in shown_keys(pilot)
