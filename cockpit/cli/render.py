"""Plain-terminal output of the CLI: rich tables and JSON.

Names and titles are text, never markup: every cell is a `rich.text.Text` of the
printable text (each control character shown as `?`), so `[/]` in a name shows
as typed and an escape sequence in a data file never reaches the terminal.
JSON keeps the text as it is (JSON escapes control characters).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from cockpit.cli import pipe_reader
from cockpit.domain.due import DueStep
from cockpit.domain.text import printable
from cockpit.presenter import minutes_text
from cockpit.services.context import Cockpit
from cockpit.services.day import DayPlan

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from rich.console import Console
    from rich.text import Text

    from cockpit.domain.model import Role, TimeBlock
    from cockpit.domain.tasks import Task


MIN_COLUMNS = 40  # COLUMNS=0 printed nothing at all: a width under this is printed as it


def console() -> Console:
    """Standard output's console (`pipe_reader`), at least MIN_COLUMNS wide."""
    out = pipe_reader.console()
    if out.width < MIN_COLUMNS:
        out.width = MIN_COLUMNS
    return out


def role_blocks(role: Role, day: date) -> Sequence[TimeBlock]:
    """A role's blocks of the day as the timeline counts them: overlapping ones made one."""
    blocks = role.blocks_on(day)
    if len(blocks) < 2:
        return blocks
    from cockpit.domain.timeline import merged_blocks  # only then: the day needs no timeline

    return merged_blocks(blocks)


def plain(text: str, style: str = "") -> Text:
    """A name or a title as a table cell: its printable text, no markup read into it."""
    from rich.text import Text

    return Text(printable(text), style=style)


def due_json(
    due: DueStep, system_names: dict[str, str], role_names: dict[str, str]
) -> dict[str, Any]:
    done, total = due.progress
    return {
        "kind": "step",
        "id": due.id,
        "role": role_names.get(due.role, due.role),
        "system": system_names.get(due.process.system or ""),
        "process": due.process.name,
        "step": due.step.title,
        "position": due.position,
        "steps": total,
        "closed_steps": done,
        "date": due.occurrence.date.isoformat(),
        "due": due.due.isoformat(),
        "overdue_days": due.overdue_days,
        "estimate_minutes": due.step.estimate_minutes,
        "status": "snoozed" if due.snoozed else "open",
        "tool": due.step.tool or None,
        "kept": due.occurrence.kept,
    }


def task_json(
    task: Task, on: date, system_names: dict[str, str], role_names: dict[str, str]
) -> dict[str, Any]:
    """A task as `today --json` lists it: the same fields as a step where they mean the
    same (`process` null), `due` null in the inbox."""
    late = task.days_late(on)  # from the first day it was due: carried over is late
    return {
        "kind": "task",
        "id": task.key,
        "role": role_names.get(task.role_id or "", task.role_id),
        "system": system_names.get(task.system_id or "", task.system_id),
        "process": None,
        "step": task.title,
        "title": task.title,
        "due": task.due.isoformat() if task.due else None,
        "first_due": task.first_due.isoformat() if task.first_due else None,
        "overdue_days": late,
        "carried_days": task.carried_days(on),
        "estimate": task.estimate,  # minutes, null when none was given
        "estimate_minutes": task.estimate or 0,
        "status": "inbox" if task.due is None else "open",
    }


def plan_json(plan: DayPlan, ctx: Cockpit) -> str:
    systems = {system.id: system.name for system in ctx.store.systems()}
    roles = {role.id: role.name for role in ctx.roles()}
    planned = {due.id for due in plan.planned} | {t.key for t in plan.planned_tasks}
    rows = []
    for section in plan.sections:
        for due in section.steps:
            row = due_json(due, systems, roles)
            row["planned"] = due.id in planned
            rows.append(row)
        for task in section.tasks:
            row = task_json(task, plan.date, systems, roles)
            row["planned"] = task.key in planned
            rows.append(row)
    for task in plan.inbox:
        row = task_json(task, plan.date, systems, roles)
        row["planned"] = False
        rows.append(row)
    return orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode()


def print_plan(plan: DayPlan, ctx: Cockpit) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    heading = f"{plan.date:%A %d %B %Y}"
    if plan.date != plan.today:
        heading += f"  (today is {plan.today.isoformat()})"
    out.print(plain(heading, style="bold"))
    if not plan.sections and not plan.inbox:
        out.print("Nothing due. Well done." if ctx.store.exists else "No processes yet.")
        return
    for section in plan.sections:
        role = section.role
        logged = plan.logged_minutes.get(role.id, 0)
        budget = (
            f"  {minutes_text(logged)} of {minutes_text(role.budget_minutes)}"
            if role.budget_minutes
            else ""
        )
        blocks = ", ".join(str(b) for b in role_blocks(role, plan.date))
        title = Text.assemble(
            plain(f" {role.name} ", f"bold black on {role.colour}"), plain(f"  {blocks}{budget}")
        )
        table = Table(
            title=title, title_justify="left", expand=False, show_edge=False, pad_edge=False
        )
        table.add_column("ID", style="dim", no_wrap=True)
        table.add_column("Process", no_wrap=True)
        table.add_column("Step")
        table.add_column("Est", justify="right")
        table.add_column("Due", no_wrap=True)
        for due in section.steps:
            done, total = due.progress
            when = f"{due.overdue_days}d overdue" if due.overdue_days else "today"
            table.add_row(
                plain(due.id),
                plain(f"{due.process.name} ({done}/{total})" if total > 1 else due.process.name),
                plain(due.step.title + (f"  [{due.step.tool}]" if due.step.tool else "")),
                minutes_text(due.step.estimate_minutes) if due.step.estimate_minutes else "",
                Text(when, style="bold red" if due.overdue_days else ""),
            )
        for task in section.tasks:
            late = task.days_late(plan.date)
            table.add_row(
                plain(task.key),
                Text("to-do", style="italic"),
                plain(task.title),
                minutes_text(task.estimate) if task.estimate else "",
                Text(f"{late}d overdue" if late else "today", style="bold red" if late else ""),
            )
        out.print(table)
        out.print()
    if plan.inbox:
        print_inbox(plan, ctx)


def print_inbox(plan: DayPlan, ctx: Cockpit) -> None:
    """The tasks without a day: to be given one (`cockpit snooze t12 --to fri`)."""
    from rich.table import Table
    from rich.text import Text

    roles = {role.id: role.name for role in ctx.roles()}
    out = console()
    out.print(
        Text.assemble(
            plain(" Inbox ", "bold reverse"),
            plain(f"  {len(plan.inbox)} without a day (cockpit snooze ID --to fri)", "dim"),
        )
    )
    table = Table(expand=False, show_edge=False, pad_edge=False)
    table.add_column("ID", style="dim", no_wrap=True)
    table.add_column("Task")
    table.add_column("Role", no_wrap=True)
    table.add_column("Est", justify="right")
    for task in plan.inbox:
        table.add_row(
            plain(task.key),
            plain(task.title),
            plain(roles.get(task.role_id or "", task.role_id or "")),
            minutes_text(task.estimate) if task.estimate else "",
        )
    out.print(table)


def print_processes(ctx: Cockpit, as_json: bool) -> None:
    from cockpit.services.catalog import process_rows

    rows: list[dict[str, Any]] = [
        {
            "id": row.process.id,
            "name": row.process.name,
            "role": row.role_name,
            "schedule": row.process.schedule.text,
            "stage": row.process.stage.value,
            "steps": len(row.process.steps),
            "estimate_minutes": row.process.estimate_minutes,
            "target_minutes": row.process.target_minutes,
            "next": row.next.isoformat() if row.next else None,
        }
        for row in process_rows(ctx)
    ]
    if as_json:
        print(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode())
        return
    from rich.table import Table

    table = Table(show_edge=False)
    for column in ("Process", "Role", "Schedule", "Stage", "Steps", "Next"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            plain(row["name"]),
            plain(row["role"]),
            plain(row["schedule"]),
            row["stage"],
            str(row["steps"]),
            row["next"] or "-",
        )
    console().print(table)
