"""The library's commands: `processes`."""

from __future__ import annotations

import click

from cockpit.cli.options import Options, common


@click.command()
@common
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def processes(options: Options, as_json: bool) -> None:
    """The processes, their schedules and next dates."""
    from cockpit.cli import render

    with options.open(write=False) as cockpit:
        render.print_processes(cockpit, as_json)
