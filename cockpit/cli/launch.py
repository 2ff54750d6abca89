"""Opening the full-screen app from the command line: `cockpit` alone (or with only --data,
--date and --yes) and `cockpit demo`.

The one module of the command line that reaches the app; Textual is imported only once the
options have been checked, so a refused `--date` never waits for it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.cli.options import Options
    from cockpit.clock import Clock
    from cockpit.config import Settings


def open_app(options: Options, path: Path | None = None, copy_of: Path | None = None) -> None:
    """Open the Textual app on the options' data file (or `path`, a fresh copy of `copy_of`
    when given) and date."""
    settings = options.settings()
    clock = options.clock(settings)  # a refused --date stops here, before textual loads
    run_app(path or options.data_path(settings), clock, settings, copy_of)


def run_app(path: Path, clock: Clock, settings: Settings, copy_of: Path | None = None) -> None:
    """Run the full-screen app; if it stopped on an error (Textual has printed the
    traceback), say where the data stands and exit with the app's non-zero code.
    Not in a terminal (a pipe, a script, cron), the full-screen app would write its escape
    codes into the pipe and wait for keys that never come: refused, with what to run."""
    require_terminal()
    from cockpit.tui.app import build_app

    app = build_app(path, clock, settings, keep_day=True, copy_of=copy_of)
    app.run()
    if app.exit_note:
        print(app.exit_note)
    if app.return_code:
        print(f"cockpit: error: {crash_note(path)}", file=sys.stderr)
        sys.exit(app.return_code)
    if app.open_failure is not None:  # the app showed why; a script sees it too
        from cockpit.domain.text import printable

        print(f"cockpit: error: {printable(app.open_failure)}", file=sys.stderr)
        sys.exit(1)


def require_terminal() -> None:
    """Refuse, with what to run instead, where the app cannot run (see `run_app`)."""
    if not in_terminal():
        from cockpit.cli.options import fail

        fail(
            "the app needs a terminal (its input or output is not one); in a script or a "
            "pipe use a command, e.g. `cockpit today --json` (see `cockpit --help`)"
        )


def in_terminal() -> bool:
    """Whether the app can run here: its input and output both a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def crash_note(path: Path) -> str:
    return (
        "the app stopped on an unexpected error (above). Your data is safe: every change "
        f"the app showed as saved is in {path}, and nothing half-written was left (each "
        "save replaces the file whole). Please report the error."
    )
