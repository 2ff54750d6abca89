"""How the app's package is built (issue 12): every screen sees a typed app, one worker
idiom, no private Textual, no module over 400 lines, Today known only to the app."""

from __future__ import annotations

import re
from pathlib import Path

import cockpit.tui

TUI = Path(cockpit.tui.__file__).parent
MODULES = sorted(TUI.rglob("*.py"))
PRIVATE_TEXTUAL = (
    "_css_update_count", "_refresh_truecolor_filter", "_watch_theme", "_table_of_contents",
    "_bindings", "_registered_themes", "_screen_stacks", "_modes", "_filters",
)  # fmt: skip


def source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def named(path: Path) -> str:
    return str(path.relative_to(TUI))


def test_no_module_of_the_app_is_over_400_lines() -> None:
    long = {named(path): n for path in MODULES if (n := len(source(path).splitlines())) > 400}
    assert long == {}


def test_the_app_is_typed_once() -> None:
    """No screen or widget casts `self.app` to CockpitApp: cockpit_app.py does, once."""
    ignored = [named(path) for path in MODULES if "self.app  # type: ignore" in source(path)]
    casts = [named(path) for path in MODULES if re.search(r"\bcast\(", source(path))]
    assert ignored == []
    assert casts == ["cockpit_app.py"]


def test_one_way_to_run_work_off_the_ui_thread() -> None:
    """Only the service bridge starts thread workers (run_in_thread, run_service)."""
    idioms = re.compile(r"run_worker\(|to_thread\(|@work\b|threading\.Thread\(")
    starters = [named(path) for path in MODULES if idioms.search(source(path))]
    assert starters == ["service_bridge.py"]


def test_no_private_textual_name() -> None:
    found = [
        (named(path), name)
        for path in MODULES
        for name in PRIVATE_TEXTUAL
        if re.search(rf"\.{name}\b", source(path))
    ]
    assert found == []


def test_only_the_app_knows_the_today_screen() -> None:
    """Views, the palette and the undo talk to Today by messages, never by its class."""
    outside = [
        named(path)
        for path in MODULES
        if "TodayScreen" in source(path) and "screens/today/" not in path.as_posix()
    ]
    assert outside == ["app.py"]


def test_no_screen_sets_the_apps_state() -> None:
    """A screen asks the app (a method, a message); it never assigns the app's attributes."""
    assigning = re.compile(r"\b(cockpit_)?app\.\w+ = ")
    found = [
        named(path)
        for path in MODULES
        if path.parent.name in ("screens", "today", "widgets") and assigning.search(source(path))
    ]
    assert found == []
