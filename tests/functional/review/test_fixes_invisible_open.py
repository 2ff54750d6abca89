"""The app on a data file with an invisible character typed into a name by hand: every view
says the file could not be opened, naming the place and the character; nothing is written."""

from __future__ import annotations

from pathlib import Path

import orjson

from cockpit.store.storage import encode
from tests.ui_support import SIZE, app_factory, errors, screen_lines, settle, wait_until


async def test_a_hand_edited_zero_width_space_is_named_in_every_view(data_path: Path) -> None:
    data = orjson.loads(data_path.read_bytes())
    role = next(iter(data["roles"].values()))
    role["name"] = role["name"][:2] + "\u200b" + role["name"][2:]
    data_path.write_bytes(encode(data))
    stored = data_path.read_bytes()
    async with app_factory(data_path)().run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(errors(pilot)))
        for key in ("1", "4", "5"):
            await pilot.press(key)
            await settle(pilot)
            shown = "\n".join(screen_lines(pilot.app))
            assert "Cannot open the data file." in shown, key
            assert f'roles["{role["id"]}"].name' in shown, shown
            assert "U+200B" in shown, shown
        assert pilot.app.is_running
    assert data_path.read_bytes() == stored
