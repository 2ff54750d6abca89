"""The app started on a data file that fails the schema: it says why in a notification,
names the file, the record and the field, keeps running, and leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

import orjson

from cockpit.store.storage import encode
from tests.ui_support import SIZE, app_factory, errors, wait_until


async def test_the_app_names_the_place_of_a_broken_record_and_keeps_running(
    data_path: Path,
) -> None:
    data = orjson.loads(data_path.read_bytes())
    first = next(iter(data["processes"].values()))
    first["schedule"]["rule"] = "FREQ=SECONDLY"
    data_path.write_bytes(encode(data))
    stored = data_path.read_bytes()
    async with app_factory(data_path)().run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(errors(pilot)))
        (message,) = errors(pilot)
        assert f"cannot read the data file {data_path}" in message
        assert f'processes["{first["id"]}"].schedule.rule: Cockpit schedules dates' in message
        assert pilot.app.is_running
        await pilot.press("?")  # the app still answers keys
        assert pilot.app.is_running
    assert data_path.read_bytes() == stored
