"""A config file that is a symlink (stow, chezmoi, home-manager keep it in a dotfiles folder)
stays a link when ctrl+t picks a theme: the theme is written where the link points (the
outside tester's link was replaced by a plain file, and the managed file no longer used).
A target that cannot be written is said ("theme not saved: ...") and the link left alone.
The config is read as the app reads it at start: Latin-1 or a BOM is said plainly."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from cockpit.config import load_settings
from tests.functional.helpers import ready
from tests.functional.test_theme_saved import pick_theme
from tests.ui_support import SIZE, AppFactory, app_settings, notes, wait_until

MINE = '# managed by my dotfiles\ntimezone = "UTC"\n'


def dotfiles(tmp_path: Path, *, relative: bool) -> tuple[Path, Path]:
    """~/dotfiles/config.toml, and ~/.config/cockpit/config.toml a link to it."""
    managed = tmp_path / "dotfiles" / "config.toml"
    managed.parent.mkdir()
    managed.write_text(MINE, encoding="utf-8")
    link = tmp_path / ".config" / "cockpit" / "config.toml"
    link.parent.mkdir(parents=True)
    link.symlink_to(os.path.relpath(managed, link.parent) if relative else managed)
    return link, managed


@pytest.mark.parametrize("relative", [False, True])
async def test_a_linked_config_is_written_where_it_points(
    make_app: AppFactory, tmp_path: Path, relative: bool
) -> None:
    link, managed = dotfiles(tmp_path, relative=relative)
    pointed = os.readlink(link)
    settings = replace(app_settings(), source=link)
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pick_theme(pilot, "cockpit-contrast")
        await wait_until(pilot, lambda: "cockpit-contrast" in managed.read_text(), timeout=5)
    assert link.is_symlink() and os.readlink(link) == pointed
    text = managed.read_text(encoding="utf-8")
    assert text.startswith(MINE)
    assert load_settings(link).theme == "cockpit-contrast"
    assert [p.name for p in managed.parent.iterdir()] == ["config.toml"]  # no temp file left


@pytest.mark.parametrize("target", ["folder", "missing-folder"])
async def test_a_link_to_what_cannot_be_written_is_left_alone(
    make_app: AppFactory, tmp_path: Path, target: str
) -> None:
    link = tmp_path / "config.toml"
    pointed = tmp_path / "a-folder" if target == "folder" else tmp_path / "gone" / "config.toml"
    if target == "folder":
        pointed.mkdir()
    link.symlink_to(pointed)
    settings = replace(app_settings(), source=link)
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pick_theme(pilot, "cockpit-light")
        await wait_until(pilot, lambda: any("theme not saved" in n for n in notes(pilot)), 5)
    assert link.is_symlink() and os.readlink(link) == str(pointed)
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b"# Zeitzone f\xfcr M\xfcnchen\n", "not UTF-8 text (byte 0xfc at line 1"),
        (b'\xef\xbb\xbftimezone = "UTC"\n', "byte order mark"),
    ],
)
async def test_a_config_that_is_not_utf8_is_named_and_left_alone(
    make_app: AppFactory, tmp_path: Path, raw: bytes, said: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(raw)
    settings = replace(app_settings(), source=config)
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pick_theme(pilot, "cockpit-light")
        await wait_until(pilot, lambda: any("theme not saved" in n for n in notes(pilot)), 5)
        assert any(said in note for note in notes(pilot)), notes(pilot)
    assert config.read_bytes() == raw
