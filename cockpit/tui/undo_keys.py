"""Undo (`u`) and redo (`U`, ctrl+r) of every change made in the app.

Every service call the app makes to write (`run_service(..., group="write")`) is recorded
(`recorded`): what it changed goes on the undo stack, and a new change empties the redo
stack. `undo` puts the last change back through the services (services/undo), `redo` makes
it again; a change made since, here or on another device, is never written over: the
services refuse, and the refusal is said. After either, every view loads again, Today with
its cursor on the step that changed.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from textual.app import App
from textual.screen import ModalScreen

from cockpit.tui.messages import CockpitReady

if TYPE_CHECKING:
    from cockpit.services.context import Cockpit
    from cockpit.services.undo import Replayed, UndoEntry
    from cockpit.tui.app import CockpitApp

T = TypeVar("T")
LIMIT = 50  # changes kept to undo
NOTHING_TO_UNDO = "Nothing to undo."
NOTHING_TO_REDO = "Nothing to redo."


@dataclass
class Stacks:
    """The changes to undo (last on top) and the undone ones to redo."""

    undo: list[UndoEntry] = field(default_factory=list)
    redo: list[UndoEntry] = field(default_factory=list)


_STACKS: WeakKeyDictionary[App[Any], Stacks] = WeakKeyDictionary()


def stacks(app: App[Any]) -> Stacks:
    """The app's stacks (made on first use)."""
    found = _STACKS.get(app)
    if found is None:
        found = _STACKS[app] = Stacks()
    return found


class _Replay(Generic[T]):
    """An undo or redo job: run as it is, never recorded as a change of its own."""

    def __init__(self, job: Callable[[Cockpit], T]) -> None:
        self.job = job

    def __call__(self, cockpit: Cockpit) -> T:
        return self.job(cockpit)


def recorded(app: CockpitApp, job: Callable[[Cockpit], T]) -> Callable[[Cockpit], T]:
    """The write job, recording what it changes for undo (run_service calls this for every
    job of the "write" group, in the worker thread). An undo or redo is left as it is."""
    if isinstance(job, _Replay):
        return job

    def run(cockpit: Cockpit) -> T:
        from cockpit.services.undo import Taken, recording

        taken: Taken | None = None
        try:
            with recording(cockpit) as taken:
                taken.result = result = job(cockpit)
            return result
        finally:  # a change that failed half-way after a write is still undone whole
            if taken is not None and taken.entry is not None:
                with suppress(RuntimeError):  # the app has stopped: nothing left to undo
                    app.call_from_thread(remember, app, taken.entry)

    return run


def remember(app: App[Any], entry: UndoEntry) -> None:
    """A new change: on top of the undo stack (the oldest dropped past the limit); what was
    undone before it can no longer be redone."""
    kept = stacks(app)
    kept.undo.append(entry)
    del kept.undo[:-LIMIT]
    kept.redo.clear()


def forget(app: App[Any]) -> None:
    """Nothing to undo or redo (the data file replaced by another business, say)."""
    kept = stacks(app)
    kept.undo.clear()
    kept.redo.clear()


def undo(app: CockpitApp) -> None:
    """Undo the last change (`u`)."""
    _replay(app, forward=False)


def redo(app: CockpitApp) -> None:
    """Make the last undone change again (`U`, ctrl+r)."""
    _replay(app, forward=True)


def _replay(app: CockpitApp, *, forward: bool) -> None:
    if isinstance(app.screen, ModalScreen):
        return  # a dialog is open: it has the keys
    kept = stacks(app)
    source, target = (kept.redo, kept.undo) if forward else (kept.undo, kept.redo)
    if not source:
        app.notify(NOTHING_TO_REDO if forward else NOTHING_TO_UNDO, timeout=2)
        return
    entry = source.pop()

    def job(cockpit: Cockpit) -> Replayed | str:
        from cockpit.domain.errors import RuleError
        from cockpit.services.undo import reapply, revert

        try:
            return reapply(cockpit, entry) if forward else revert(cockpit, entry)
        except RuleError as refused:  # changed since: this change can no longer be replayed
            return str(refused)

    def done(result: Replayed | str) -> None:
        if isinstance(result, str):
            app.notify(result, severity="error", timeout=8)
            return
        target.append(entry)
        app.notify(result.message, timeout=3)
        show_again(app, result.step)

    def failed() -> None:  # not written (a write error, read-only): it can be tried again
        source.append(entry)

    replay: _Replay[Replayed | str] = _Replay(job)
    app.run_service(replay, done, group="write", failed=failed)


def show_again(app: App[Any], step: str | None) -> None:
    """Every view loads again; Today puts its cursor on `step` (`412.2`) when given."""
    from cockpit.tui.screens.today import TodayScreen
    from cockpit.tui.widgets.status_bar import StatusBar

    for screen in app.screen_stack:
        if isinstance(screen, TodayScreen) and step is not None:
            if screen.built:
                screen.load(step)
        else:
            screen.post_message(CockpitReady())
    for bar in app.screen.query(StatusBar).results(StatusBar):
        bar.update_bar()
