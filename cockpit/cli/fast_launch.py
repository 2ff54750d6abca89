"""`cockpit` alone, or with only --data, --date and --yes: the full-screen app opened without
the click group, whose import and parsing come before the first frame (about 9 ms of a bare
Textual app's 180). The options are read as the group reads them; anything this does not
take as sure (another word, a --data that is a folder, a date that is no date or outside the
calendar, a config or a clock that cannot be made, no terminal) goes to the group, which
says what is wrong as it always does.
"""

from __future__ import annotations

import os
from pathlib import Path

from cockpit.cli.session import Options


def launch_options(args: list[str]) -> Options | None:
    """The options of `[--data P] [--date D] [--yes]` (each once, in any order), else None."""
    from cockpit.cli.fast import read_words

    found = read_words(args, frozenset({"--yes"}))
    if found is None:
        return None
    values, words = found
    yes = "--yes" in words
    day = None
    if "--date" in values:
        from cockpit.clock import iso_day, outside_calendar

        day = iso_day(values["--date"])
        if day is None or outside_calendar(day, "--date"):
            return None
    data = values.get("--data")
    if data is not None and (os.path.isdir(data) or data.endswith(("/", os.sep))):
        # click's Path(dir_okay=False) and DataPath refuse it, with their words
        return None
    return Options(Path(data) if data is not None else None, day, yes)


def launch(options: Options) -> bool:
    """Open the app as the group would (False: not sure here, the group must run instead)."""
    from cockpit.cli import launch as app_launch

    if not app_launch.in_terminal():
        return False
    try:
        settings = options.settings()
        clock = options.clock(settings)  # a --date a year ahead without --yes: refused
        path = options.data_path(settings)
    except Exception:  # the group reads them again and says what is wrong
        return False
    from cockpit.domain.errors import CockpitError

    try:
        app_launch.run_app(path, clock, settings)
    except (CockpitError, OSError) as error:  # as the group's main says them
        from cockpit.cli.options import exit_on

        exit_on(error)
    return True
