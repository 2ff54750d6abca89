"""The tasks' command: `cockpit add "Call the accountant about VAT" --role Admin --due fri`."""

from __future__ import annotations

import click

from cockpit.cli.options import Options, common, say


@click.command()
@common
@click.argument("words", nargs=-1, required=True)
@click.option("--role", help="Its role, by name (or #role at the end of the words).")
@click.option("--due", help="fri, tomorrow, +3, +2w or YYYY-MM-DD (none: the inbox).")
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


@click.command(name="tasks")
@common
@click.option("--all", "everything", is_flag=True, help="Done and skipped tasks too.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.pass_obj
def tasks_cmd(options: Options, everything: bool, as_json: bool) -> None:
    """Every open task, the inbox and those due later too, by day (--all: closed ones too)."""
    import orjson

    from cockpit.cli import render
    from cockpit.services.tasks import task_key

    with options.open(write=False) as cockpit:
        today = cockpit.today()
        found = [task for task in cockpit.store.tasks() if everything or task.is_open]
        found.sort(key=lambda t: (not t.is_open, t.due is None, t.due or today, t.id))
        systems = {system.id: system.name for system in cockpit.store.systems()}
        roles = {role.id: role.name for role in cockpit.roles()}
        rows = []
        for task in found:
            row = render.task_json(task, today, systems, roles)
            if not task.is_open:
                row["status"] = task.status.value
            rows.append(row)
        if as_json:
            click.echo(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode())
            return
        if not rows:
            say("No tasks. `cockpit add ...` captures one.")
            return
        for task, row in zip(found, rows, strict=True):
            when = f"due {task.due:%a %d %b %Y}" if task.due else "inbox"
            late = f", {row['overdue_days']}d late" if row["overdue_days"] else ""
            role = f"  {row['role']}" if row["role"] else ""
            estimate = f"  ~{task.estimate} min" if task.estimate else ""
            status = "" if task.is_open else f"  [{task.status.value}]"
            say(f"{task_key(task):<6} {task.title}{role}  ({when}{late}){estimate}{status}")
