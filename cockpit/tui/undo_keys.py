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
from cockpit.tui.screens_shown import every_screen

if TYPE_CHECKING:
    from cockpit.services.context import Cockpit
    from cockpit.services.undo import Replayed, UndoEntry
    from cockpit.tui.service_bridge import ServiceBridgeApp

T = TypeVar("T")
LIMIT = 50  # changes kept to undo
NOTHING_TO_UNDO = "Nothing to undo."
NOTHING_TO_REDO = "Nothing to redo."


@dataclass
class Stacks:
    """The changes to undo (last on top), the undone ones to redo, and the keys waiting.

    An undo waits for the writes under way (`u` right after `x` undoes that `x`) and for the
    undo or redo before it (two in a row run in turn, never side by side)."""

    undo: list[UndoEntry] = field(default_factory=list)
    redo: list[UndoEntry] = field(default_factory=list)
    waiting: list[bool] = field(default_factory=list)  # keys pressed: True for a redo
    writing: int = 0  # recorded writes under way
    replaying: bool = False  # an undo or redo under way


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


def recorded(app: ServiceBridgeApp, job: Callable[[Cockpit], T]) -> Callable[[Cockpit], T]:
    """The write job, recording what it changes for undo (run_service calls this for every
    job of the "write" group, on the app's thread; the job runs in a worker). An undo or redo
    is left as it is."""
    if isinstance(job, _Replay):
        return job
    stacks(app).writing += 1

    def run(cockpit: Cockpit) -> T:
        from cockpit.services.undo import Taken, recording

        taken: Taken | None = None
        try:
            with recording(cockpit) as taken:
                taken.result = result = job(cockpit)
            return result
        finally:  # a change that failed half-way after a write is still undone whole
            entry = taken.entry if taken is not None else None
            with suppress(RuntimeError):  # the app has stopped: nothing left to undo
                app.call_from_thread(_written, app, entry)

    return run


def _written(app: ServiceBridgeApp, entry: UndoEntry | None) -> None:
    kept = stacks(app)
    kept.writing -= 1
    if entry is not None:
        remember(app, entry)
    _next(app)


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


def undo(app: ServiceBridgeApp) -> None:
    """Undo the last change (`u`), once the writes under way are done."""
    _press(app, forward=False)


def redo(app: ServiceBridgeApp) -> None:
    """Make the last undone change again (`U`, ctrl+r)."""
    _press(app, forward=True)


def _press(app: ServiceBridgeApp, *, forward: bool) -> None:
    if isinstance(app.screen, ModalScreen):
        return  # a dialog is open: it has the keys
    stacks(app).waiting.append(forward)
    _next(app)


def _next(app: ServiceBridgeApp) -> None:
    """Start the next undo or redo waiting, if no write nor replay is under way."""
    kept = stacks(app)
    while kept.waiting and not kept.writing and not kept.replaying:
        forward = kept.waiting.pop(0)
        source = kept.redo if forward else kept.undo
        if not source:
            app.notify(NOTHING_TO_REDO if forward else NOTHING_TO_UNDO, timeout=2)
            continue
        kept.replaying = True
        _replay(app, source.pop(), forward=forward)


def _replay(app: ServiceBridgeApp, entry: UndoEntry, *, forward: bool) -> None:
    kept = stacks(app)
    source, target = (kept.redo, kept.undo) if forward else (kept.undo, kept.redo)

    def job(cockpit: Cockpit) -> Replayed | str:
        from cockpit.domain.errors import RuleError
        from cockpit.services.undo import reapply, revert

        try:
            return reapply(cockpit, entry) if forward else revert(cockpit, entry)
        except RuleError as refused:  # changed since: this change can no longer be replayed
            return str(refused)

    def done(result: Replayed | str) -> None:
        kept.replaying = False
        if isinstance(result, str):
            app.notify(result, severity="error", timeout=8)
        else:
            target.append(entry)
            app.notify(result.message, timeout=3)
            show_again(app, result.step)
        _next(app)

    def failed() -> None:  # not written (a write error, read-only): it can be tried again
        kept.replaying = False
        source.append(entry)
        kept.waiting.clear()  # the keys pressed after it would act on the wrong change

    replay: _Replay[Replayed | str] = _Replay(job)
    app.run_service(replay, done, group="write", failed=failed)


def show_again(app: App[Any], step: str | None) -> None:
    """Every view loads again, in every mode (the change undone may have been made in
    another); Today puts its cursor on `step` (`412.2`) when given."""
    from cockpit.tui.widgets.status_bar import StatusBar

    for screen in every_screen(app):
        screen.post_message(CockpitReady(step))
    for bar in app.screen.query(StatusBar).results(StatusBar):
        bar.update_bar()
