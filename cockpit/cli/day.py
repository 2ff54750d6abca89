"""The day's commands: `today`, `done`, `skip`, `snooze`, `keep` and `start`."""

from __future__ import annotations

from datetime import date

import click

from cockpit.cli.options import DATE, Options, StepCommand, common, say


@click.command()
@common
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.pass_obj
def today(options: Options, as_json: bool = False) -> None:
    """The steps due today (and overdue), grouped by role."""
    from cockpit.cli import render
    from cockpit.services.day import plan_day

    with options.open(write=False) as cockpit:
        plan = plan_day(cockpit, options.day)
        if as_json:
            click.echo(render.plan_json(plan, cockpit))
        else:
            render.print_plan(plan, cockpit)
        if not as_json and (why := cockpit.read_only_reason):
            say(f"(read-only: {why})", err=True)


@click.command(cls=StepCommand)
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


@click.command(cls=StepCommand)
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


@click.command(cls=StepCommand)
@common
@click.argument("step_id")
@click.option("--to", "to", required=True, help="YYYY-MM-DD, tomorrow, fri, or +N days.")
@click.pass_obj
def snooze(options: Options, step_id: str, to: str) -> None:
    """Move a step or a run to a later date (before its next occurrence)."""
    from cockpit.services.actions import snooze as snooze_step
    from cockpit.services.dates import parse_when

    with options.open(write=True) as cockpit:
        cockpit.refresh()
        target = parse_when(to, cockpit.today())
        say(snooze_step(cockpit, step_id, target).message)


@click.command(cls=StepCommand)
@common
@click.argument("step_id")
@click.option("--off", is_flag=True, help="Stop keeping it: it may be missed again.")
@click.pass_obj
def keep(options: Options, step_id: str, off: bool) -> None:
    """Keep an unfinished run on the list when its next one falls due."""
    from cockpit.services.actions import keep as keep_run

    with options.open(write=True) as cockpit:
        say(keep_run(cockpit, step_id, not off).message)


@click.command()
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
