"""The app on a data file it cannot read: every view says so, none waits for ever."""

from __future__ import annotations

from pathlib import Path

import orjson

from cockpit.store.storage import encode
from tests.ui_support import SIZE, app_factory, errors, screen_lines, settle, wait_until


async def test_every_view_says_why_the_file_did_not_open(data_path: Path) -> None:
    data = orjson.loads(data_path.read_bytes())
    first = next(iter(data["processes"].values()))
    first["schedule"]["rule"] = "FREQ=BOGUS"
    data_path.write_bytes(encode(data))
    stored = data_path.read_bytes()
    async with app_factory(data_path)().run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(errors(pilot)))
        for key in ("1", "2", "3", "4", "5", "1"):
            await pilot.press(key)
            await settle(pilot)
            shown = "\n".join(screen_lines(pilot.app))
            assert "Cannot open the data file." in shown, key
            assert "Opening the data file" not in shown, key
            assert "schedule.rule" in shown, key
        assert pilot.app.is_running
    assert data_path.read_bytes() == stored
