"""The tasks' command: `cockpit add "Call the accountant about VAT" --role Admin --due fri`."""

from __future__ import annotations

import click

from cockpit.cli.options import Options, common, say


@click.command()
@common
@click.argument("words", nargs=-1, required=True)
@click.option("--role", help="Its role, by name (or #role at the end of the words).")
@click.option("--due", help="fri, tomorrow, +3, +2w or 2026-12-04 (none: the inbox).")
@click.option("--est", "estimate", help="Minutes, or 15m, 1h30 (or at the end of the words).")
@click.option("--system", help="The system it is about, by name (or @system).")
@click.pass_obj
def add(
    options: Options,
    words: tuple[str, ...],
    role: str | None,
    due: str | None,
    estimate: str | None,
    system: str | None,
) -> None:
    """Capture a task; prints its ID (t12). Without options the last words may say its day,
    #role, @system and estimate: `cockpit add Call the accountant fri #admin 15m`."""
    from dataclasses import replace

    from cockpit.domain.capture import read_estimate
    from cockpit.domain.when import parse_day
    from cockpit.services.tasks import add_task, read_capture

    with options.open(write=True) as cockpit:
        options_given = {"due": due, "role": role, "system": system, "estimate": estimate}
        given = frozenset(name for name, value in options_given.items() if value is not None)
        found = read_capture(cockpit, " ".join(words), given)
        if due is not None:
            found = replace(found, due=parse_day(due, cockpit.today()))
        if estimate is not None:
            found = replace(found, estimate=read_estimate(estimate))
        change = add_task(
            cockpit,
            found.title,
            role=role if role is not None else found.role,
            due=found.due,
            estimate=found.estimate,
            system=system if system is not None else found.system,
        )
        click.echo(change.key)
        say(change.message, err=True)
