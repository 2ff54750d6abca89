"""T on a slipping process moves it to testing and starts a countdown; u puts the stage back
but leaves the timer alone (its records are never undone). The undo says so: the countdown
still runs, and how to stop it; once it was stopped, the undo does not say it runs."""

from __future__ import annotations

from pathlib import Path

from cockpit.domain.model import Stage
from cockpit.services.focus import stop_focus
from cockpit.tui.screens.focus import FocusScreen
from tests.functional.review.conftest import open_review
from tests.functional.review.signals_support import SLIPPING
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    app_of,
    notes,
    open_cockpit,
    settle,
    wait_for_screen,
    wait_until,
)


def stage_of(path: Path) -> Stage:
    with open_cockpit(path, read_only=True) as ctx:
        return next(p for p in ctx.store.processes() if p.id == SLIPPING).stage


def running(path: Path) -> bool:
    with open_cockpit(path, read_only=True) as ctx:
        return ctx.store.active_focus() is not None


def undone(pilot: Driver) -> str:
    said = [note for note in notes(pilot) if note.startswith("Undone:")]
    assert len(said) == 1, notes(pilot)
    return said[0]


async def t_then_u(pilot: Driver, path: Path) -> None:
    await open_review(pilot)
    await pilot.press("T")
    await wait_for_screen(pilot, FocusScreen)
    await settle(pilot)
    assert stage_of(path) is Stage.TESTING and running(path)


async def test_the_undo_of_t_says_the_countdown_still_runs_and_how_to_stop_it(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await t_then_u(pilot, data_path)
        await pilot.press("u")
        await wait_until(pilot, lambda: stage_of(data_path) is not Stage.TESTING)
        await wait_until(pilot, lambda: any(n.startswith("Undone:") for n in notes(pilot)))
        said = undone(pilot)
        assert "30-minute countdown" in said and "still runs" in said, said
        assert "stop it on the Focus screen" in said, said
        assert running(data_path)


async def test_the_undo_says_nothing_of_a_countdown_stopped_since(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await t_then_u(pilot, data_path)
        cockpit = app_of(pilot).cockpit
        assert cockpit is not None
        stop_focus(cockpit, keep=False)  # as s then "discard" on the Focus screen would
        await pilot.press("u")
        await wait_until(pilot, lambda: any(n.startswith("Undone:") for n in notes(pilot)))
        said = undone(pilot)
        assert "countdown" not in said, said
        assert stage_of(data_path) is not Stage.TESTING
