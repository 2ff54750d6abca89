"""The commands that look back: `routines` and `review`."""

from __future__ import annotations

import click

from cockpit.cli.options import Options, common


@click.command()
@common
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.option("--role", help="Only this role's processes.")
@click.option("--system", help="Only this system's processes.")
@click.option("--stage", type=click.Choice(["draft", "testing", "routine", "retired"]))
@click.pass_obj
def routines(
    options: Options, as_json: bool, role: str | None, system: str | None, stage: str | None
) -> None:
    """Which processes are becoming routines: strength, streaks, slipping."""
    import orjson

    from cockpit.cli import reports
    from cockpit.services.routines import routine_rows

    with options.open(write=False) as cockpit:
        rows = routine_rows(cockpit, role=role, system=system, stage=stage)
    if as_json:
        data = [reports.routine_json(row) for row in rows]
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return
    from cockpit.cli import render

    render.console().print(reports.routines_table(rows))


@click.command()
@common
@click.option("--week", help="An ISO week like 2026-W47 (default: this week).")
@click.option("--quarter", help="A quarter like 2026-Q4: its months, KPIs, signals, notes.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True
)
@click.pass_obj
def review(options: Options, week: str | None, quarter: str | None, fmt: str) -> None:
    """The weekly review: done and slipped, time per role, estimates, routines, notes."""
    import orjson

    from cockpit.cli import reports
    from cockpit.services.review import week_review

    if quarter is not None:
        if week is not None:
            raise click.UsageError("give --week or --quarter, not both")
        _quarter(options, quarter, fmt)
        return
    with options.open(write=False) as cockpit:
        report = week_review(cockpit, week)
    if fmt == "json":
        data = reports.review_json(report)
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
    elif fmt == "md":
        click.echo(reports.review_markdown(report))
    else:
        from rich.markdown import Markdown

        from cockpit.cli import render

        render.console().print(Markdown(reports.review_markdown(report)))


def _quarter(options: Options, quarter: str, fmt: str) -> None:
    import orjson

    from cockpit.cli import insight
    from cockpit.domain.quarter import parse_quarter
    from cockpit.services.quarter import quarter_review

    parse_quarter(quarter)  # a bad one is refused before the file is opened
    with options.open(write=False) as cockpit:
        report = quarter_review(cockpit, quarter)
    if fmt == "json":
        data = insight.quarter_json(report)
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
    elif fmt == "md":
        click.echo(insight.quarter_markdown(report))
    else:
        from rich.markdown import Markdown

        from cockpit.cli import render

        render.console().print(Markdown(insight.quarter_markdown(report)))
