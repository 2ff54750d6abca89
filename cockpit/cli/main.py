"""The `cockpit` entry point: one click group for every command and for the app.

The group knows each command by name and the module of its family, and imports that
module only when the command runs (or --help lists it): `cockpit today` loads the day's
commands, not the exports', and never Textual. Without a command (only --data, --date and
--yes), the group opens the full-screen app. Every error is one clear line on stderr and
a non-zero exit, never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from cockpit.cli.options import Options, common, exit_on, say_error

# command -> (module of its family in cockpit.cli, function)
COMMANDS: dict[str, tuple[str, str]] = {
    "today": ("day", "today"),
    "done": ("day", "done"),
    "skip": ("day", "skip"),
    "snooze": ("day", "snooze"),
    "keep": ("day", "keep"),
    "start": ("day", "start"),
    "add": ("tasks", "add"),
    "tasks": ("tasks", "tasks_cmd"),
    "processes": ("library", "processes"),
    "routines": ("review", "routines"),
    "review": ("review", "review"),
    "signals": ("insight", "signals"),
    "init": ("data", "init"),
    "export": ("data", "export_cmd"),
    "import": ("data", "import_cmd"),
    "merge": ("data", "merge_cmd"),
    "doctor": ("data", "doctor"),
    "demo": ("demo", "demo"),
    "bench": ("demo", "bench"),
}


class CockpitGroup(click.Group):
    """The commands, each loaded from its family's module when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module, name = where
        command = getattr(importlib.import_module(f"cockpit.cli.{module}"), name)
        if not isinstance(command, click.Command):
            raise TypeError(f"cockpit.cli.{module}.{name} is not a command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # click would exit 1; `cockpit export | head` is no error
            from cockpit.cli import pipe_reader

            pipe_reader.reader_gone()


@click.group(cls=CockpitGroup, invoke_without_command=True)
@common
@click.version_option(package_name="cockpit")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Cockpit: run the repeatable side of your business from the terminal.

    Without a command, opens the full-screen app on today.
    """
    options = ctx.ensure_object(Options)
    if ctx.invoked_subcommand is None:
        from cockpit.cli.launch import open_app

        open_app(options)


def main() -> None:
    from cockpit.domain.errors import CockpitError

    try:
        cli.main(standalone_mode=False, prog_name="cockpit")
    except click.exceptions.Abort:
        click.echo("cockpit: aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        message = error.format_message()
        if isinstance(error, click.UsageError) and error.ctx is not None:
            # one line, as every other error: where to look instead of the usage block
            message = f"{message.rstrip('.')} (see `{error.ctx.command_path} --help`)"
        say_error(message)
        sys.exit(error.exit_code)
    except (CockpitError, OSError) as error:
        exit_on(error)
