"""Helpers of the Pilot tests: find the screens, wait for the Today plan, read the store back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from cockpit.domain.occurrence import Occurrence, StepState
from cockpit.services.actions import parse_ref
from cockpit.store.database import Store
from cockpit.tui.screens.focus import FocusScreen
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.screens.today.process_picker import ProcessPickerScreen
from cockpit.tui.widgets.step_list import StepList
from tests.ui_support import Driver, S, switch_mode, wait_for_screen, wait_until


def screen_of(pilot: Driver, kind: type[S]) -> S:
    """The screen of that kind in the stack (the app must be in its mode)."""
    for screen in pilot.app.screen_stack:
        if isinstance(screen, kind):
            return screen
    raise AssertionError(f"no {kind.__name__} in {pilot.app.screen_stack}")


def today_screen(pilot: Driver) -> TodayScreen:
    return screen_of(pilot, TodayScreen)


def focus_screen(pilot: Driver) -> FocusScreen:
    return screen_of(pilot, FocusScreen)


def step_list(pilot: Driver) -> StepList:
    return today_screen(pilot).query_one(StepList)


def shown_keys(pilot: Driver) -> list[str]:
    """The step keys the list shows, headers left out, in order."""
    steps = step_list(pilot)
    keys = []
    for index in range(steps.option_count):
        option = steps.get_option_at_index(index)
        if not option.disabled and option.id is not None:
            keys.append(option.id)
    return keys


def option_ids(pilot: Driver) -> list[str]:
    """Every option id of the list, headers included."""
    steps = step_list(pilot)
    return [steps.get_option_at_index(i).id or "" for i in range(steps.option_count)]


async def ready(pilot: Driver) -> None:
    """Wait until the data is open and the Today screen shows a plan."""
    await wait_until(pilot, lambda: today_screen(pilot).plan is not None)


async def open_focus(pilot: Driver) -> FocusScreen:
    """Wait for the Today plan, switch to the Focus mode (key 2), wait for its target."""
    await ready(pilot)
    return await switch_mode(pilot, "2", FocusScreen, lambda screen: screen.target is not None)


def reading(path: Path) -> Store:
    """The data file, opened read-only beside a running writer (use it in `with`)."""
    return Store.open(path, read_only=True)


def stored_occurrence(path: Path, key: str) -> Occurrence:
    number, _ = parse_ref(key)
    with reading(path) as store:
        occurrence = store.occurrence(number)
    assert occurrence is not None, key
    return occurrence


def stored_step(path: Path, key: str) -> StepState:
    """The state of step "412.2" as the data file holds it."""
    _, position = parse_ref(key)
    assert position is not None
    return stored_occurrence(path, key).steps[position - 1]


async def open_picker(pilot: Driver) -> tuple[ProcessPickerScreen, OptionList]:
    """Press n on Today and wait until the picker lists the active processes."""
    await pilot.press("n")
    picker = await wait_for_screen(pilot, ProcessPickerScreen)
    matches = picker.query_one("#matches", OptionList)
    await wait_until(pilot, lambda: matches.option_count > 5)
    return picker, matches
