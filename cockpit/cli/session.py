"""The options every `cockpit` command shares (--data, --date, --yes), as one object, and
what they open: the settings, the data file's path, the clock and the data file.

Without click, so the full-screen app's launch (`cockpit.cli.fast`) can use them before, and
without, the command-line group; the group's option parsing is in `cockpit.cli.options`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.clock import Clock
    from cockpit.config import Settings
    from cockpit.services.context import Cockpit

LOCK_WAIT = 2.0  # seconds a command that saves waits for another Cockpit's lock


@dataclass
class Options:
    data: Path | None = None
    day: date | None = None
    yes: bool = False  # --yes: a --date more than a year ahead is meant

    def settings(self) -> Settings:
        from cockpit.config import load_settings

        return load_settings()

    def data_path(self, settings: Settings) -> Path:
        from cockpit.locations import data_path_from_env, default_data_path

        # --data, then $COCKPIT_DATA, then the config's `data =`, then the data folder
        return self.data or data_path_from_env() or settings.data or default_data_path()

    def clock(self, settings: Settings) -> Clock:
        from cockpit.clock import DateShiftedClock, SystemClock, simulated_date_problem

        if self.day is None:
            return SystemClock(settings.timezone)
        real_today = SystemClock(settings.timezone).today()
        if problem := simulated_date_problem(self.day, real_today, confirmed=self.yes):
            from cockpit.cli.options import fail

            fail(problem)
        return DateShiftedClock(self.day, settings.timezone)

    def open(self, *, write: bool, need_data: bool = True) -> Cockpit:
        """Open the data file: a command that saves waits up to LOCK_WAIT seconds for another
        Cockpit to let go of it; one that only reads never takes the lock (nor makes backups,
        nor saves what it works out), so it works beside the app and in a read-only folder.
        What went wrong on opening without stopping it (a backup not made) is said once."""
        from cockpit.cli.options import fail, say
        from cockpit.services.context import Cockpit

        settings = self.settings()
        path = self.data_path(settings)
        if need_data and not path.exists():
            fail(
                f"no data file at {path} yet: run `cockpit init --sample` for the sample business, "
                "`cockpit init` for an empty one, or `cockpit demo` to look around"
            )
        clock = self.clock(settings)
        if not write:
            return Cockpit.open(path, clock, settings, read_only=True)
        cockpit = Cockpit.open(path, clock, settings, lock_wait=LOCK_WAIT)
        for warning in cockpit.warnings:
            say(f"cockpit: warning: {warning}", err=True)
        return cockpit
