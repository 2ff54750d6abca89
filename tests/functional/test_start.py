"""Starting the app: the first run, a small terminal, a locked data file, a failing disk."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from cockpit.domain.occurrence import StepStatus
from cockpit.store.database import Store
from cockpit.tui import undo_keys
from cockpit.tui.messages import CockpitReady, DayLoaded
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.screens.too_small import TooSmallScreen
from cockpit.tui.screens.welcome import WelcomeScreen
from cockpit.tui.widgets.status_bar import StatusBar
from tests.functional.helpers import (
    reading,
    ready,
    shown_keys,
    step_list,
    stored_step,
    today_screen,
)
from tests.ui_support import SIZE, AppFactory, app_of, errors, notes, wait_for_screen, wait_until

FIRST = "323.1"


# -- the first run -------------------------------------------------------------------------


@pytest.fixture
def new_path(tmp_path: Path) -> Path:
    return tmp_path / "fresh" / "cockpit.json"


async def test_without_a_data_file_the_welcome_screen_shows(
    make_app: AppFactory, new_path: Path
) -> None:
    async with make_app(new_path).run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, WelcomeScreen)
        choices = screen.query_one("#choices", OptionList)
        assert pilot.app.focused is choices
        assert choices.option_count == 3
        assert not screen.query_one("#answer", Input).display
        assert not new_path.exists()


async def test_welcome_load_the_sample(make_app: AppFactory, new_path: Path) -> None:
    async with make_app(new_path).run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, WelcomeScreen)
        await pilot.press("enter")  # the first choice: the sample business
        await wait_for_screen(pilot, TodayScreen)
        await ready(pilot)
        await wait_until(pilot, lambda: bool(shown_keys(pilot)))
        assert new_path.exists()
        with reading(new_path) as store:
            assert len(store.processes()) == 24
            assert {role.name for role in store.roles()} >= {"Sales", "Delivery", "Admin"}
        assert app_of(pilot).cockpit is not None
        assert not app_of(pilot).cockpit.read_only  # type: ignore[union-attr]


async def test_welcome_start_empty_asks_for_the_roles(make_app: AppFactory, new_path: Path) -> None:
    async with make_app(new_path).run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, WelcomeScreen)
        await pilot.press("down", "enter")
        answer = screen.query_one("#answer", Input)
        assert answer.display and pilot.app.focused is answer
        assert answer.value == "Sales, Delivery, Admin"
        answer.value = ""
        await pilot.press("enter")  # no role at all: asked again
        assert "at least one role" in str(screen.query_one("#welcome-error").render())
        await pilot.press(*"Sales, Ops", "enter")
        await wait_for_screen(pilot, TodayScreen)
        await ready(pilot)
        with reading(new_path) as store:
            assert [role.name for role in store.roles()] == ["Sales", "Ops"]
            assert store.processes() == []
        empty = today_screen(pilot).query_one("#today-empty", Static)
        assert empty.display
        assert not shown_keys(pilot)


async def test_an_empty_start_says_there_are_no_processes_yet(
    make_app: AppFactory, new_path: Path
) -> None:
    async with make_app(new_path).run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, WelcomeScreen)
        await pilot.press("down", "enter", "enter")  # keep the proposed roles
        await wait_for_screen(pilot, TodayScreen)
        await ready(pilot)
        empty = today_screen(pilot).query_one("#today-empty", Static)
        said = str(empty.content)
        assert "No processes yet" in said and "press 5, then n" in said
        assert "`" not in said and "cockpit " not in said  # what to do in the app, no CLI


# -- a small terminal -----------------------------------------------------------------------


async def test_a_small_terminal_shows_a_notice(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(40, 12)) as pilot:
        screen = await wait_for_screen(pilot, TooSmallScreen)
        text = str(screen.query_one("#too-small", Static).content)
        assert "Terminal too small" in text and "60x16" in text
        await ready(pilot)  # the data still opens behind the notice
        assert today_screen(pilot).plan is not None


async def test_growing_the_terminal_removes_the_notice(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(40, 12)) as pilot:
        await wait_for_screen(pilot, TooSmallScreen)
        await ready(pilot)
        await pilot.resize_terminal(120, 40)
        await wait_for_screen(pilot, TodayScreen, timeout=1)


async def test_shrinking_the_terminal_shows_the_notice(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.resize_terminal(50, 30)
        await wait_for_screen(pilot, TooSmallScreen, timeout=1)


async def test_the_notice_goes_once_the_app_has_seen_the_new_size(make_app: AppFactory) -> None:
    """What works today: a second resize event at the new size removes the notice."""
    async with make_app().run_test(size=(40, 12)) as pilot:
        await wait_for_screen(pilot, TooSmallScreen)
        await ready(pilot)
        await pilot.resize_terminal(120, 40)
        await pilot.resize_terminal(120, 40)
        await wait_for_screen(pilot, TodayScreen)
        assert not any(isinstance(s, TooSmallScreen) for s in pilot.app.screen_stack)


# -- a data file another Cockpit holds ---------------------------------------------------------


async def test_a_locked_data_file_opens_read_only(make_app: AppFactory, data_path: Path) -> None:
    before = data_path.read_bytes()
    with Store.open(data_path):  # another Cockpit, the writer
        async with make_app().run_test(size=SIZE) as pilot:
            await ready(pilot)
            app = app_of(pilot)
            assert app.cockpit is not None and app.cockpit.read_only
            bar = today_screen(pilot).query_one(StatusBar)
            assert "read-only" in str(bar.content)
            assert any(note.startswith("Read-only") for note in notes(pilot))
            assert step_list(pilot).current_key == FIRST
            await pilot.press("x")
            await wait_until(pilot, lambda: bool(errors(pilot)))
            assert "read-only" in errors(pilot)[0]
            assert FIRST in shown_keys(pilot)
            assert not undo_keys.stacks(app).undo
        assert data_path.read_bytes() == before
    assert stored_step(data_path, FIRST).status is StepStatus.OPEN


# -- a failing disk ----------------------------------------------------------------------------


async def test_a_failing_write_shows_an_error_and_changes_nothing(
    make_app: AppFactory, data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        before = data_path.read_bytes()

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("cockpit.store.files.os.fsync", full)
        await pilot.press("x")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        assert "No space left on device" in errors(pilot)[0]
        assert FIRST in shown_keys(pilot)
        app = app_of(pilot)
        assert app.cockpit is not None
        occurrence = app.cockpit.store.occurrence(323)
        assert occurrence is not None and occurrence.steps[0].is_open
        assert not undo_keys.stacks(app).undo
        monkeypatch.undo()
        assert data_path.read_bytes() == before
    assert stored_step(data_path, FIRST).is_open


# -- the data opens once ---------------------------------------------------------------------


async def test_the_day_is_loaded_once_when_the_data_opens(make_app: AppFactory) -> None:
    """CockpitReady, re-posted to the screens, must not bubble back to the app (a loop)."""
    seen: list[Message] = []
    async with make_app().run_test(size=SIZE, message_hook=seen.append) as pilot:
        await ready(pilot)
        await pilot.pause(0.3)
        readies = [m for m in seen if isinstance(m, CockpitReady)]
        assert len(readies) <= 3
        assert sum(isinstance(m, DayLoaded) for m in seen) == 1
