"""What the TUI tests share: the fixed day of the demo, and waiting for the app to settle."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, time

from textual.pilot import Pilot

from cockpit.clock import FixedClock
from cockpit.tui.app import CockpitApp

Driver = Pilot[None]
AppFactory = Callable[..., CockpitApp]

DAY = date(2026, 11, 20)  # a Friday: the demo is built and the app runs on it
TZ = "UTC"
AT = time(10, 0)
SIZE = (120, 40)


def fixed_clock(day: date = DAY, at: time = AT) -> FixedClock:
    return FixedClock.on(day, TZ, at)


async def settle(pilot: Driver) -> None:
    """Let the workers finish and the messages they posted be handled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot: Driver, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Settle until `condition` holds; fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await settle(pilot)
        if condition():
            return
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02)
