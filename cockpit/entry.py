"""The `cockpit` entry point: straight to the app when only --data/--date/--yes are given.

Opening the app is the common case and its first frame should not wait for the
command-line library; every other use goes through `cockpit.cli`, and so does a
refused `--date` (the command line says why, in the same words as every command).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.clock import Clock
    from cockpit.config import Settings


def tui_options(argv: list[str]) -> tuple[Path | None, date | None, bool] | None:
    """(data, date, yes) when argv only opens the app; None for anything else (or a bad value,
    a date outside 2000..2100 included)."""
    from cockpit.clock import outside_calendar

    values: dict[str, str] = {}
    rest = list(argv)
    while rest:
        token = rest.pop(0)
        name, equals, value = token.partition("=")
        if name not in ("--data", "--date", "--yes") or name in values:
            return None
        if name == "--yes":
            if equals:
                return None
            values[name] = ""
            continue
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        values[name] = value
    try:
        day = date.fromisoformat(values["--date"]) if "--date" in values else None
    except ValueError:
        return None
    if day is not None and outside_calendar(day, "--date"):
        return None
    data = Path(values["--data"]).expanduser() if "--data" in values else None
    return data, day, "--yes" in values


def main() -> None:
    options = tui_options(sys.argv[1:])
    if options is None:
        from cockpit.cli import main as cli_main

        cli_main()
        return
    from cockpit.clock import DateShiftedClock, SystemClock, simulated_date_problem
    from cockpit.config import load_settings
    from cockpit.domain.errors import CockpitError

    data, day, yes = options
    try:
        settings = load_settings()
    except CockpitError as error:
        print(f"cockpit: error: {error}", file=sys.stderr)
        sys.exit(1)
    clock = SystemClock(settings.timezone)
    problem = day and simulated_date_problem(day, clock.today(), confirmed=yes)
    if problem:
        print(f"cockpit: error: {problem}", file=sys.stderr)
        sys.exit(1)
    if data is None:
        from cockpit.locations import default_data_path

        data = settings.data or default_data_path()
    shifted = DateShiftedClock(day, settings.timezone) if day else clock
    run_app(data, shifted, settings)


def run_app(path: Path, clock: Clock, settings: Settings) -> None:
    """Run the full-screen app; if it stopped on an error (Textual has printed the
    traceback), say where the data stands and exit with the app's non-zero code."""
    from cockpit.tui.app import build_app

    app = build_app(path, clock, settings)
    app.run()
    if app.exit_note:
        print(app.exit_note)
    if app.return_code:
        print(f"cockpit: error: {crash_note(path)}", file=sys.stderr)
        sys.exit(app.return_code)


def crash_note(path: Path) -> str:
    return (
        "the app stopped on an unexpected error (above). Your data is safe: every change "
        f"the app showed as saved is in {path}, and nothing half-written was left (each "
        "save replaces the file whole). Please report the error."
    )
