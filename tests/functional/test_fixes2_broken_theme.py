"""A user's theme file of the wrong kinds or with a colour Textual cannot parse is one of the
theme problems the app reports at start: never offered in ctrl+t, never started in, the app
on the default theme (it died at start, on the pick, or when the config named it)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from textual.command import CommandPalette

from cockpit.tui.themes import DEFAULT_THEME, load_themes
from tests.functional.helpers import ready
from tests.ui_support import (
    SIZE,
    AppFactory,
    app_of,
    app_settings,
    notes,
    settle,
    wait_for_screen,
)

GOOD = 'name = "mine"\nprimary = "#ff0000"\n'


def user_theme(text: str, file: str = "bad1.toml") -> Path:
    folder = Path(os.environ["COCKPIT_CONFIG"]).parent / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file
    path.write_text(text, encoding="utf-8")
    return path


def problems_said(shown: list[str]) -> list[str]:
    return [note for note in shown if "bad1.toml" in note]


async def test_a_theme_whose_variables_are_not_a_table_is_reported_at_start(
    make_app: AppFactory,
) -> None:
    user_theme('name = "bad1"\nprimary = "#ff0000"\nvariables = "x"\n')
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        assert app.theme == DEFAULT_THEME
        (said,) = problems_said(notes(pilot))
        assert "variables" in said and "table" in said, said
        assert app.get_theme("bad1") is None


async def test_a_theme_with_a_bad_colour_is_not_offered_by_ctrl_t(make_app: AppFactory) -> None:
    user_theme('name = "bad1"\nprimary = "notacolour"\n')
    user_theme(GOOD, "mine.toml")
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        (said,) = problems_said(notes(pilot))
        assert "primary" in said and "notacolour" in said, said
        assert "bad1" not in app.available_themes
        assert "mine" in app.available_themes  # a good file beside it is offered
        await pilot.press("ctrl+t")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"bad1")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert app.theme != "bad1"


async def test_a_config_naming_a_broken_theme_starts_on_the_default(
    make_app: AppFactory,
) -> None:
    user_theme('name = "bad1"\nprimary = "notacolour"\n')
    settings = replace(app_settings(), theme="bad1")
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        assert app.is_running
        assert app.theme == DEFAULT_THEME
        assert problems_said(notes(pilot))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('name = "bad1"\nprimary = "#f00"\nvariables = "x"\n', "variables: expected a table"),
        ('name = "bad1"\nprimary = "notacolour"\n', 'primary: "notacolour" is not a colour'),
        ('name = "bad1"\nprimary = 7\n', "primary: expected a colour as text"),
        ('name = "bad1"\nprimary = "#f00"\nsurface = "nope"\n', 'surface: "nope" is not a colour'),
        ('name = 3\nprimary = "#f00"\n', "name: expected text"),
        ('name = ""\nprimary = "#f00"\n', "name: expected text"),
        ('name = "bad1"\nprimary = "#f00"\ndark = "no"\n', "dark: expected true or false"),
        ('name = "bad1"\nprimary = "#f00"\n[variables]\nx = 1\n', "variables.x: expected text"),
        ('name = "bad1"\nprimary = "#f00"\nprimery = "#f00"\n', "unknown key `primery`"),
        ("primary = '#f00'\n", "a theme needs at least a name and a primary colour"),
        (
            'name = "bad1"\nprimary = "#f00"\n[variables]\n"footer-key-foreground" = "zz"\n',
            'variables.footer-key-foreground: "zz" is not a colour Textual can read',
        ),
        (
            'name = "bad1"\nprimary = "#f00"\n[variables]\n"block-cursor-background" = "$accent"\n',
            'variables.block-cursor-background: "$accent" is not a colour',
        ),
        (
            'name = "bad1"\nprimary = "#f00"\n[variables]\n"block-cursor-text-style" = "red"\n',
            'variables.block-cursor-text-style: "red" is not a text style',
        ),
    ],
)
def test_a_broken_theme_file_says_which_field(tmp_path: Path, text: str, said: str) -> None:
    (tmp_path / "bad1.toml").write_text(text, encoding="utf-8")
    themes, problems = load_themes(tmp_path)
    assert themes == []
    (problem,) = problems
    assert said in problem.message, problem.message


def test_a_theme_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "bad1.toml").write_bytes(b'# f\xfcr mich\nname = "x"\nprimary = "#f00"\n')
    themes, problems = load_themes(tmp_path)
    assert themes == []
    (problem,) = problems
    assert "not UTF-8 text (byte 0xfc at line 1" in problem.message, problem.message


async def test_a_theme_whose_variable_textual_cannot_read_is_not_started_in(
    make_app: AppFactory,
) -> None:
    """A variable's value is put into Textual's CSS: one it cannot read stopped the app before
    its first frame."""
    user_theme('name = "bad1"\nprimary = "#f00"\n[variables]\n"block-cursor-background" = "nope"\n')
    settings = replace(app_settings(), theme="bad1")
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        assert app.theme == DEFAULT_THEME
        (said,) = problems_said(notes(pilot))
        assert "block-cursor-background" in said, said


def test_good_variables_of_every_kind_are_kept(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        'name = "mine"\nprimary = "#f00"\n[variables]\n"block-cursor-background" = "red 50%"\n'
        '"block-cursor-text-style" = "bold not underline"\n"link-background" = "initial"\n'
        '"text" = "auto 87%"\n"my-own" = "anything"\n',
        encoding="utf-8",
    )
    (theme,), problems = load_themes(tmp_path)
    assert problems == []
    assert theme.variables["block-cursor-text-style"] == "bold not underline"


def test_the_shipped_themes_pass_the_check() -> None:
    themes, problems = load_themes()
    assert problems == []
    assert {"cockpit-dark", "cockpit-light", "cockpit-contrast"} <= {t.name for t in themes}
