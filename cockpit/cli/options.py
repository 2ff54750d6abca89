"""What every `cockpit` command shares: --data, --date and --yes parsed by click (the
options themselves and what they open are `cockpit.cli.session.Options`), and saying things
(one `cockpit: error:` line for every failure).

Light on purpose: the group (`cockpit.cli.main`) and every command family import it, and
the app's path goes through it before Textual loads.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click

from cockpit.cli.session import LOCK_WAIT as LOCK_WAIT
from cockpit.cli.session import Options as Options


class DateType(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        from cockpit.clock import iso_day, outside_calendar

        if isinstance(value, date):
            day = value
        elif (read := iso_day(str(value))) is not None:
            day = read
        else:
            self.fail(
                f'"{value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20', param, ctx
            )
        name = param.opts[0] if param is not None and param.opts else "the date"
        if problem := outside_calendar(day, name):
            raise click.ClickException(problem)
        return day


DATE = DateType()


class DataPath(click.Path):
    """--data: a path, never empty (an empty one was taken as the folder Cockpit ran in)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("it is empty; give the data file's path", param, ctx)
        if isinstance(value, str) and value.endswith(("/", os.sep)):
            self.fail(f"{value} names a folder; give the data file's path in it", param, ctx)
        return super().convert(value, param, ctx)


def fail(message: str) -> NoReturn:
    raise click.ClickException(message)


def say(message: str, *, err: bool = False) -> None:
    """Print a message for a person: names and typed text in it can't drive the terminal
    (each control character shows as `?`; line breaks stay)."""
    from cockpit.domain.text import printable_lines

    click.echo(printable_lines(message), err=err)


def exit_on(error: Exception) -> NoReturn:
    """A CockpitError or an OSError a command or the app stopped on: one line, exit 1."""
    if isinstance(error, OSError):
        say_error(f"{error.strerror or error}: {error.filename or ''}")
    else:
        say_error(str(error))
    sys.exit(1)


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
        type=DataPath(dir_okay=False, path_type=Path),
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
