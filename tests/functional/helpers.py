"""Helpers of the Pilot tests: wait for the data, find the screens, read the store back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

import pytest
from textual.app import App
from textual.screen import Screen

from cockpit.config import Settings
from cockpit.domain.occurrence import Occurrence, StepState
from cockpit.services.actions import parse_ref
from cockpit.store.database import Store
from cockpit.tui.app import CockpitApp
from cockpit.tui.screens.focus import FocusScreen
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.widgets.step_list import StepList
from tests.ui_support import (  # re-exported for the tests of this folder
    AT as AT,
)
from tests.ui_support import (
    DAY as DAY,
)
from tests.ui_support import (
    SIZE as SIZE,
)
from tests.ui_support import (
    TZ as TZ,
)
from tests.ui_support import (
    AppFactory as AppFactory,
)
from tests.ui_support import (
    Driver as Driver,
)
from tests.ui_support import (
    fixed_clock as fixed_clock,
)
from tests.ui_support import (
    settle as settle,
)
from tests.ui_support import (
    wait_until as wait_until,
)

S = TypeVar("S", bound=Screen[Any])


def app_settings() -> Settings:
    return Settings(timezone=TZ)


def app_of(pilot: Driver) -> CockpitApp:
    app = pilot.app
    assert isinstance(app, CockpitApp)
    return app


def today_screen(pilot: Driver) -> TodayScreen:
    """The Today screen (the app must be in the Today mode)."""
    for screen in pilot.app.screen_stack:
        if isinstance(screen, TodayScreen):
            return screen
    raise AssertionError(f"no Today screen in {pilot.app.screen_stack}")


def focus_screen(pilot: Driver) -> FocusScreen:
    """The Focus screen (the app must be in the Focus mode)."""
    for screen in pilot.app.screen_stack:
        if isinstance(screen, FocusScreen):
            return screen
    raise AssertionError(f"no Focus screen in {pilot.app.screen_stack}")


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


async def wait_for_screen(pilot: Driver, kind: type[S], timeout: float = 3.0) -> S:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), timeout)
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


@dataclass(frozen=True)
class Note:
    message: str
    severity: str
    title: str


NOTES: WeakKeyDictionary[App[Any], list[Note]] = WeakKeyDictionary()


def record_notes(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every notification the app shows (they still show)."""
    shown = NOTES.setdefault(app, [])
    original = app.notify

    def notify(message: str, *, title: str = "", severity: Any = "information", **kw: Any) -> None:
        shown.append(Note(str(message), str(severity), title))
        original(message, title=title, severity=severity, **kw)

    monkeypatch.setattr(app, "notify", notify)


def notes(pilot: Driver) -> list[str]:
    return [note.message for note in NOTES.get(pilot.app, [])]


def errors(pilot: Driver) -> list[str]:
    return [note.message for note in NOTES.get(pilot.app, []) if note.severity == "error"]


@contextmanager
def reading(path: Path) -> Iterator[Store]:
    """The data file, opened read-only (beside a running writer)."""
    store = Store.open(path, read_only=True)
    try:
        yield store
    finally:
        store.close()


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
