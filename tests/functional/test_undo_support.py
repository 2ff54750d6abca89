"""What the test_undo_* files share (no tests here): the app with undo and redo on its keys.

Until app.py carries the wiring (/work/notes/requests-undo.md: `u`, `U`/ctrl+r, and the
recording in run_service), `undo_app` gives a CockpitApp with those few lines added and
Today's own `u` sent to the same undo; once it does, the app as it ships.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual.binding import Binding, BindingType

from cockpit.tui import app as app_module
from cockpit.tui import undo_keys
from cockpit.tui.app import CockpitApp
from cockpit.tui.screens.today import TodayScreen
from tests.ui_support import AppFactory, record_notes

WIRED = any(isinstance(b, Binding) and b.id == "app.undo" for b in CockpitApp.BINDINGS)


class _Today(TodayScreen):
    def action_undo(self) -> None:
        undo_keys.undo(self.cockpit_app)


class _UndoApp(CockpitApp):
    """The lines requested of app.py, in a subclass."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
    MODES: ClassVar[dict[str, Any]] = {**CockpitApp.MODES, "today": _Today}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "undo", "Undo", id="app.undo", show=False),
        Binding("U,ctrl+r", "redo", "Redo", id="app.redo", show=False),
    ]

    def run_service(
        self,
        job: Callable[[Any], Any],
        done: Callable[[Any], None] | None = None,
        *,
        group: str = "service",
        failed: Callable[[], None] | None = None,
    ) -> None:
        if group == "write":
            job = undo_keys.recorded(self, job)
        super().run_service(job, done, group=group, failed=failed)

    def action_undo(self) -> None:
        undo_keys.undo(self)

    def action_redo(self) -> None:
        undo_keys.redo(self)


def undo_app(make_app: AppFactory, **options: Any) -> CockpitApp:
    """The app over the test's data file, with undo and redo on their keys."""
    app = make_app(**options)
    if WIRED:
        return app
    return record_notes(_UndoApp(app.opener, app.settings, app.clock, app.data_path))
