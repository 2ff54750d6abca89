"""What the TUI tests share: the fixed day of the demo, the app over a data file on it, the
notifications it shows, and waiting for the app to settle or for a mode to show."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.services.context import Cockpit
from cockpit.tui.app import CockpitApp, build_app
from cockpit.tui.widgets.status_bar import StatusBar

Driver = Pilot[None]
AppFactory = Callable[..., CockpitApp]
A = TypeVar("A", bound=App[Any])
S = TypeVar("S", bound=Screen[Any])

DAY = date(2026, 11, 20)  # a Friday: the demo is built and the app runs on it
WEEK = "2026-W47"  # the ISO week of DAY
TZ = "UTC"
AT = time(10, 0)
SIZE = (120, 40)


def fixed_clock(day: date = DAY, at: time = AT) -> FixedClock:
    return FixedClock.on(day, TZ, at)


def app_settings(**changes: Any) -> Settings:
    """The settings of the tests: the demo's time zone, and the changes given."""
    return Settings(timezone=TZ, **changes)


def open_cockpit(path: Path, *, read_only: bool = False) -> Cockpit:
    """The data file on the fixed clock, to use in `with`: read-only beside a running app, or
    as its writer when no app runs."""
    return Cockpit.open(path, fixed_clock(), app_settings(), read_only=read_only)


# -- the app and its notifications ---------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A notification the app showed."""

    message: str
    severity: str
    title: str


SHOWN: WeakKeyDictionary[App[Any], list[Note]] = WeakKeyDictionary()


def record_notes(app: A) -> A:
    """Keep every notification the app shows, for `notes` and `errors` (they still show)."""
    shown = SHOWN.setdefault(app, [])
    original = app.notify

    def notify(message: str, *, title: str = "", severity: Any = "information", **kw: Any) -> None:
        shown.append(Note(str(message), str(severity), title))
        original(message, title=title, severity=severity, **kw)

    app.notify = notify  # type: ignore[method-assign]
    return app


def notes(pilot: Driver, severity: str | None = None) -> list[str]:
    """The messages the app showed (only those of `severity` when given), oldest first."""
    return [note.message for note in SHOWN[pilot.app] if severity in (None, note.severity)]


def errors(pilot: Driver) -> list[str]:
    return notes(pilot, "error")


def app_factory(data_path: Path, clock: FixedClock | None = None) -> AppFactory:
    """Builds the app over the data file (or another path), on the clock (or another, else a
    fresh fixed clock), with the test settings (or others); each app keeps its notifications."""

    def make(
        path: Path | None = None, at: FixedClock | None = None, settings: Settings | None = None
    ) -> CockpitApp:
        app = build_app(path or data_path, at or clock or fixed_clock(), settings or app_settings())
        return record_notes(app)

    return make


def app_of(pilot: Driver) -> CockpitApp:
    app = pilot.app
    assert isinstance(app, CockpitApp)
    return app


# -- waiting ---------------------------------------------------------------------------------


async def settle(pilot: Driver) -> None:
    """Let the workers finish and the messages they posted be handled.

    `pilot.pause(0)` waits until the app and every widget of the screen have handled what
    was queued, then redraws; three rounds cover the messages those handlers post. (A bare
    `pilot.pause()` also waits for the process to look idle, at least 20 ms a round.)"""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0)


async def wait_until(pilot: Driver, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Settle until `condition` holds; fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await settle(pilot)
        if condition():
            return
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02)


async def wait_for_screen(pilot: Driver, kind: type[S], timeout: float = 3.0) -> S:
    """Settle until the screen on top is a `kind`; that screen."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), timeout)
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


async def switch_mode(pilot: Driver, key: str, kind: type[S], loaded: Callable[[S], bool]) -> S:
    """Wait for the data, press the mode's key, wait for its screen, then until it is `loaded`."""
    app = app_of(pilot)
    await wait_until(pilot, lambda: app.cockpit is not None)
    await pilot.press(key)
    screen = await wait_for_screen(pilot, kind, timeout=5.0)
    await wait_until(pilot, lambda: loaded(screen))
    return screen


# -- typing ----------------------------------------------------------------------------------


async def paste(pilot: Driver, text: str, into: str | None = None) -> None:
    """Put `text` in a text field in one step, as a terminal delivers a paste: the field (the
    one matching `into`, else the focused one) takes the focus, what it held is selected and
    the paste replaces it. Typing key by key costs two idle waits (~40 ms) a character."""
    app = pilot.app
    field = app.screen.query_one(into) if into else app.focused
    assert isinstance(field, Input | TextArea), f"no text field to paste into: {field!r}"
    if app.focused is not field:
        field.focus()
        await pilot.pause(0)
    field.select_all()
    if text:
        app.post_message(events.Paste(text))
    else:
        await pilot.press("backspace")
    await settle(pilot)
    assert field.value == text if isinstance(field, Input) else field.text == text, (
        f"the field holds {field.value if isinstance(field, Input) else field.text!r}"
    )


async def focus_on(pilot: Driver, selector: str) -> None:
    """Give the widget matching `selector` the focus, as a click or the tabs to it would."""
    pilot.app.screen.query_one(selector).focus()
    await settle(pilot)


def quiet_status(pilot: Driver) -> None:
    """Redraw the clocks now, so a snapshot never depends on a tick."""
    for bar in pilot.app.screen.query(StatusBar):
        bar.update_bar()


def screen_lines(app: App[Any]) -> list[str]:
    """The terminal's lines as the app draws them now, read from its public SVG screenshot
    with an XML parser: Rich's export draws each run of cells as a `<text>` at its x and y,
    inside the group whose class ends in "-matrix" (tests/functional/test_screen_lines.py
    checks this reading on a bare app, so a change of format fails there, by name)."""
    from xml.etree import ElementTree

    svg = "{http://www.w3.org/2000/svg}"
    root = ElementTree.fromstring(app.export_screenshot())
    matrices = [g for g in root.iter(f"{svg}g") if g.get("class", "").endswith("-matrix")]
    assert len(matrices) == 1, "the screenshot has no cell matrix: has its format changed?"
    rows: dict[float, list[tuple[float, str]]] = {}
    for cell in matrices[0].iter(f"{svg}text"):
        text = (cell.text or "").replace("\xa0", " ")
        rows.setdefault(float(cell.get("y", "0")), []).append((float(cell.get("x", "0")), text))
    return ["".join(text for _, text in sorted(row)) for _, row in sorted(rows.items())]
