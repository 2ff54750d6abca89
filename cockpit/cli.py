"""The `cockpit` command.

Heavy modules (textual, the services, rich tables) are imported inside the
commands that need them, so `cockpit today` starts fast and never loads the TUI.
Every error is one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
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
        from cockpit.locations import default_data_path

        return self.data or settings.data or default_data_path()

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


class CockpitGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # click would exit 1; `cockpit export | head` is no error
            from cockpit import pipe_reader

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
        run_tui(options)


def run_tui(options: Options, path: Path | None = None) -> None:
    """Open the Textual app (imported only here, so other commands stay light)."""
    settings = options.settings()
    clock = options.clock(settings)  # a refused --date stops here, before textual loads
    from cockpit.entry import run_app

    run_app(path or options.data_path(settings), clock, settings)


@cli.command()
@common
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.pass_obj
def today(options: Options, as_json: bool = False) -> None:
    """The steps due today (and overdue), grouped by role."""
    from cockpit import render
    from cockpit.services.day import plan_day

    with options.open(write=False) as cockpit:
        plan = plan_day(cockpit, options.day)
        if as_json:
            click.echo(render.plan_json(plan, cockpit))
        else:
            render.print_plan(plan, cockpit)
        if not as_json and (why := cockpit.read_only_reason):
            say(f"(read-only: {why})", err=True)


@cli.command(cls=StepCommand)
@common
@click.argument("step_id")
@click.option("--minutes", type=click.IntRange(min=0), help="Minutes it took.")
@click.pass_obj
def done(options: Options, step_id: str, minutes: int | None) -> None:
    """Mark a step done (412.2), or every open step of a run (412)."""
    from cockpit.services.actions import complete

    with options.open(write=True) as cockpit:
        cockpit.refresh()
        say(complete(cockpit, step_id, minutes).message)


@cli.command(cls=StepCommand)
@common
@click.argument("step_id")
@click.option("--reason", required=True, help="Why it is skipped.")
@click.pass_obj
def skip(options: Options, step_id: str, reason: str) -> None:
    """Skip a step or a run, with a reason (neither done nor missed)."""
    from cockpit.services.actions import skip as skip_step

    with options.open(write=True) as cockpit:
        cockpit.refresh()
        say(skip_step(cockpit, step_id, reason).message)


@cli.command(cls=StepCommand)
@common
@click.argument("step_id")
@click.option("--to", "to", required=True, help="YYYY-MM-DD, tomorrow, or +N days.")
@click.pass_obj
def snooze(options: Options, step_id: str, to: str) -> None:
    """Move a step or a run to a later date (before its next occurrence)."""
    from cockpit.services.actions import snooze as snooze_step
    from cockpit.services.dates import parse_when

    with options.open(write=True) as cockpit:
        cockpit.refresh()
        target = parse_when(to, cockpit.today())
        say(snooze_step(cockpit, step_id, target).message)


@cli.command(cls=StepCommand)
@common
@click.argument("step_id")
@click.option("--off", is_flag=True, help="Stop keeping it: it may be missed again.")
@click.pass_obj
def keep(options: Options, step_id: str, off: bool) -> None:
    """Keep an unfinished run on the list when its next one falls due."""
    from cockpit.services.actions import keep as keep_run

    with options.open(write=True) as cockpit:
        say(keep_run(cockpit, step_id, not off).message)


@cli.command()
@common
@click.argument("process", nargs=-1, required=True)
@click.option(
    "--on", "on", type=DATE, help="The run's date (default: its first step is due today)."
)
@click.pass_obj
def start(options: Options, process: tuple[str, ...], on: date | None) -> None:
    """Start a run of a process by hand (on-demand processes start this way)."""
    from cockpit.services.actions import start as start_run

    with options.open(write=True) as cockpit:
        cockpit.refresh()
        say(start_run(cockpit, " ".join(process), on).message)


@cli.command()
@common
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def processes(options: Options, as_json: bool) -> None:
    """The processes, their schedules and next dates."""
    from cockpit import render

    with options.open(write=False) as cockpit:
        render.print_processes(cockpit, as_json)


@cli.command()
@common
@click.option("--sample", is_flag=True, help="Load the sample business (a freelance studio).")
@click.option(
    "--roles", default="Sales,Delivery,Admin", show_default=True, help="Roles to start with."
)
@click.pass_obj
def init(options: Options, sample: bool, roles: str) -> None:
    """Create the data file, empty (with roles) or with the sample business."""
    from cockpit.services.business import create_roles, load_sample

    with options.open(write=True, need_data=False) as cockpit:
        if cockpit.store.exists:
            fail(
                f"{cockpit.store.path} already holds a business; "
                "`cockpit import FILE` replaces it, `cockpit export` saves it first"
            )
        if sample:
            business = load_sample(cockpit)
            cockpit.refresh()
            say(
                f"Loaded {business.name}: {len(business.roles)} roles, "
                f"{len(business.systems)} systems, {len(business.processes)} processes "
                f"into {cockpit.store.path}"
            )
        else:
            names = [name.strip() for name in roles.split(",") if name.strip()]
            create_roles(cockpit, names)
            say(f"Created {cockpit.store.path} with roles {', '.join(names)}")


@cli.command()
@click.option(
    "--keep",
    "keep_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the demo data in this folder.",
)
@click.option(
    "--print", "print_only", is_flag=True, help="Print today's plan instead of opening the app."
)
@common
@click.pass_obj
def demo(options: Options, keep_dir: Path | None, print_only: bool) -> None:
    """Look around: the sample business with 10 weeks of history, in a throwaway file."""
    import tempfile

    from cockpit import render
    from cockpit.services.context import Cockpit
    from cockpit.services.day import plan_day
    from cockpit.services.demo import build_demo

    settings = options.settings()
    clock = options.clock(settings)
    folder = keep_dir or Path(tempfile.mkdtemp(prefix="cockpit-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cockpit.json"
    if path.exists():
        path.unlink()
    with Cockpit.open(path, clock, settings) as cockpit:
        build_demo(cockpit)
        if print_only:
            render.print_plan(plan_day(cockpit), cockpit)
    if not print_only:
        run_tui(options, path)
    say(f"Demo data: {path} (open it again: cockpit --data {path})", err=True)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--quick", is_flag=True, help="Only the *year* data set, fewer rounds.")
@click.option("--check", is_flag=True, help="Exit 1 if a target is missed.")
def bench(as_json: bool, quick: bool, check: bool) -> None:
    """Measure Cockpit on generated data sets (medians) against its targets."""
    from cockpit.bench.run import main as run_bench

    run_bench(as_json=as_json, quick=quick, check=check)


# the commands that look back (routines, review) and move data (export, import)
from cockpit import cli_data  # noqa: E402, F401


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
    except CockpitError as error:
        say_error(str(error))
        sys.exit(1)
    except OSError as error:
        say_error(f"{error.strerror or error}: {error.filename or ''}")
        sys.exit(1)
