"""The theme chosen in the settings is the one the app starts in, styled from the first frame.

The app sets its theme before anything is parsed (instead of through the theme's watcher,
which would re-parse every stylesheet before the first frame), so these tests check that
the result is the same as a theme set the ordinary way: variables, classes and colours.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.color import Color

from cockpit.tui.themes import DEFAULT_THEME
from tests.functional.helpers import ready, today_screen
from tests.ui_support import SIZE, AppFactory, Driver, app_of, app_settings, notes, settle

LIGHT_BACKGROUND = Color.parse("#f6f7f9")
DARK_BACKGROUND = Color.parse("#1f232b")
CONTRAST_BACKGROUND = Color.parse("#000000")


def background(pilot: Driver) -> Color:
    return today_screen(pilot).styles.background


async def test_the_default_theme_styles_the_first_screen(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        assert app.theme == DEFAULT_THEME
        assert app.has_class("-dark-mode", f"-theme-{DEFAULT_THEME}")
        assert background(pilot) == DARK_BACKGROUND


async def test_a_light_theme_from_the_settings_styles_the_first_screen(
    make_app: AppFactory,
) -> None:
    settings = replace(app_settings(), theme="cockpit-light")
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        assert app.theme == "cockpit-light"
        assert app.has_class("-light-mode", "-theme-cockpit-light")
        assert not app.has_class("-dark-mode")
        assert app.get_css_variables()["background"] == "#F6F7F9"
        assert background(pilot) == LIGHT_BACKGROUND
        assert notes(pilot) == []


async def test_an_unknown_theme_warns_and_starts_in_the_default(make_app: AppFactory) -> None:
    settings = replace(app_settings(), theme="no-such-theme")
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app_of(pilot).theme == DEFAULT_THEME
        assert background(pilot) == DARK_BACKGROUND
        assert 'unknown theme "no-such-theme"' in notes(pilot)


async def test_switching_the_theme_later_restyles_every_screen(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        app.theme = "cockpit-contrast"
        await settle(pilot)
        assert background(pilot) == CONTRAST_BACKGROUND
        assert app.has_class("-theme-cockpit-contrast")
        assert not app.has_class(f"-theme-{DEFAULT_THEME}")
        await pilot.press("3")  # a screen first shown after the switch
        await settle(pilot)
        assert app.screen.styles.background == CONTRAST_BACKGROUND
        app.theme = "cockpit-light"
        await settle(pilot)
        assert app.screen.styles.background == LIGHT_BACKGROUND
        await pilot.press("1")  # a screen that was in the background during the switch
        await settle(pilot)
        assert background(pilot) == LIGHT_BACKGROUND


async def test_the_ansi_theme_draws_every_mode(make_app: AppFactory) -> None:
    """The ANSI theme's colours ("ansi_green") are Textual colours rich cannot parse: the
    routines and review tables crashed the app when it was chosen (issue 11's monkey)."""
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        for theme in ("ansi-dark", "ansi-light"):
            app.theme = theme
            for mode in "3451":
                await pilot.press(mode)
                await settle(pilot)
                assert app.is_running, (theme, mode)


async def test_starting_parses_each_stylesheet_once(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first paint waits for no re-parse: a theme set through its watcher, or a mode
    screen styled by refresh_css, would re-parse every stylesheet from scratch."""
    from textual.css.stylesheet import Stylesheet

    reparses: list[int] = []
    original = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparses.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    settings = replace(app_settings(), theme="cockpit-light")
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert reparses == []
        assert background(pilot) == LIGHT_BACKGROUND
        app_of(pilot).theme = "cockpit-contrast"  # a later switch re-parses, as it must
        await settle(pilot)
        assert reparses
        assert background(pilot) == CONTRAST_BACKGROUND
