"""The theme picked with ctrl+t is written into the config file and is the theme next time."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from textual.command import CommandPalette

from cockpit.config import load_settings
from tests.functional.helpers import ready
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    app_of,
    app_settings,
    wait_for_screen,
    wait_until,
)

MINE = """# my settings, by hand
timezone = "Europe/Berlin"   # where I work

[focus]
pomodoro_minutes = 30  # longer ones
"""


async def pick_theme(pilot: Driver, name: str) -> None:
    await pilot.press("ctrl+t")
    await wait_for_screen(pilot, CommandPalette)
    await pilot.press(*name)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await wait_until(pilot, lambda: app_of(pilot).theme == name)


async def test_a_picked_theme_is_written_to_a_new_config_file(make_app: AppFactory) -> None:
    config = Path(os.environ["COCKPIT_CONFIG"])
    assert not config.exists()
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pick_theme(pilot, "cockpit-light")
        await wait_until(pilot, config.exists, timeout=5)
    assert load_settings(config).theme == "cockpit-light"
    assert config.stat().st_mode & 0o077 == 0


async def test_the_owners_comments_and_settings_stay(make_app: AppFactory, tmp_path: Path) -> None:
    config = tmp_path / "mine.toml"
    config.write_text(MINE, encoding="utf-8")
    settings = replace(app_settings(), source=config)
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pick_theme(pilot, "cockpit-contrast")
        await wait_until(pilot, lambda: "cockpit-contrast" in config.read_text(), timeout=5)
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# my settings, by hand\n")
    assert "pomodoro_minutes = 30  # longer ones" in text
    again = load_settings(config)
    assert again.theme == "cockpit-contrast" and again.focus.pomodoro_minutes == 30
    assert again.timezone == "Europe/Berlin"


async def test_a_config_that_is_not_toml_is_left_alone(
    make_app: AppFactory, tmp_path: Path
) -> None:
    config = tmp_path / "broken.toml"
    config.write_text("theme = [unclosed\n", encoding="utf-8")
    settings = replace(app_settings(), source=config)
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pick_theme(pilot, "cockpit-light")
        from tests.ui_support import notes

        await wait_until(pilot, lambda: any("not saved" in n for n in notes(pilot)), timeout=5)
    assert config.read_text(encoding="utf-8") == "theme = [unclosed\n"
