"""What every `cockpit` command shares: --data, --date and --yes, opening the data file,
and saying things (one `cockpit: error:` line for every failure).

Light on purpose: the group (`cockpit.cli.main`) and every command family import it, and
the app's path goes through it before Textual loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from cockpit.clock import Clock
    from cockpit.config import Settings
    from cockpit.services.context import Cockpit


class DateType(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        from cockpit.clock import outside_calendar

        if isinstance(value, date):
            day = value
        else:
            try:
                day = date.fromisoformat(str(value))
            except ValueError:
                self.fail(
                    f'"{value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20', param, ctx
                )
        name = param.opts[0] if param is not None and param.opts else "the date"
        if problem := outside_calendar(day, name):
            raise click.ClickException(problem)
        return day


DATE = DateType()
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
            fail(problem)
        return DateShiftedClock(self.day, settings.timezone)

    def open(self, *, write: bool, need_data: bool = True) -> Cockpit:
        """Open the data file: a command that saves waits up to LOCK_WAIT seconds for another
        Cockpit to let go of it; one that only reads never takes the lock (nor makes backups,
        nor saves what it works out), so it works beside the app and in a read-only folder.
        What went wrong on opening without stopping it (a backup not made) is said once."""
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


def fail(message: str) -> NoReturn:
    raise click.ClickException(message)


def say(message: str, *, err: bool = False) -> None:
    """Print a message for a person: names and typed text in it can't drive the terminal
    (each control character shows as `?`; line breaks stay)."""
    from cockpit.domain.text import printable_lines

    click.echo(printable_lines(message), err=err)


def say_error(message: str) -> None:
    """The one `cockpit: error:` line (control characters, line breaks too, shown as `?`)."""
    from cockpit.domain.text import printable

    click.echo(f"cockpit: error: {printable(message)}", err=True)


class StepCommand(click.Command):
    """A command whose argument is a step id: `done -1` is a bad id, not an unknown option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = {
            name
            for param in self.get_params(ctx)
            if isinstance(param, click.Option) and not param.is_flag
            for name in param.opts
        }
        previous = None
        for token in args:
            if token == "--":
                break
            if token[:1] == "-" and token[1:2].isdigit() and previous not in takes_value:
                from cockpit.services.actions import parse_ref

                parse_ref(token)  # raises: the one message every malformed id gets
            previous = token
        return super().parse_args(ctx, args)


def common(function: Any) -> Any:
    """--data, --date and --yes on every command (they may also come before the command)."""

    def set_data(ctx: click.Context, _: click.Parameter, value: Path | None) -> None:
        if value is not None:
            ctx.ensure_object(Options).data = value

    def set_day(ctx: click.Context, _: click.Parameter, value: date | None) -> None:
        if value is not None:
            ctx.ensure_object(Options).day = value

    def set_yes(ctx: click.Context, _: click.Parameter, value: bool) -> None:
        if value:
            ctx.ensure_object(Options).yes = True

    function = click.option(
        "--data",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=set_data,
        expose_value=False,
        help="Data file (default: your data folder, or $COCKPIT_DATA).",
    )(function)
    function = click.option(
        "--date",
        type=DATE,
        callback=set_day,
        expose_value=False,
        help="Act as if today were this date (2000-01-01 to 2100-12-31).",
    )(function)
    return click.option(
        "--yes",
        is_flag=True,
        callback=set_yes,
        expose_value=False,
        help="Yes, a --date more than a year ahead is meant.",
    )(function)
