"""The launcher holds the garbage collector off while the app starts (about 5% of its first
frame); the app lets it run again once the day is shown, or after a few seconds when no
day comes (a welcome, a file that cannot be read): a long session never runs without it."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.tui import app as app_module
from tests.functional.helpers import ready
from tests.ui_support import SIZE, AppFactory, wait_until


@pytest.fixture
def collector_off() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was:
            gc.enable()


async def test_the_collector_runs_again_once_the_day_is_shown(
    make_app: AppFactory, collector_off: None
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await wait_until(pilot, gc.isenabled)


async def test_without_a_day_the_collector_runs_again_after_a_while(
    make_app: AppFactory, tmp_path: Path, collector_off: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "START_GC_SECONDS", 0.2)
    async with make_app(tmp_path / "none" / "c.json").run_test(size=SIZE) as pilot:  # welcome
        await wait_until(pilot, gc.isenabled, timeout=3)


def test_every_command_but_today_and_the_app_runs_with_the_collector() -> None:
    code = (
        "import gc, sys\n"
        "import cockpit.cli.main as group\n"
        "group.main = lambda: print(gc.isenabled())\n"
        "sys.argv = ['cockpit', 'processes']\n"
        "from cockpit.cli.fast import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
