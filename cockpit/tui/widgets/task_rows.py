"""How Today shows a task: its row in its role's section or in the inbox, the inbox's line,
and the side pane's facts. Rows are rich `Text` of printable words, never markup."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from cockpit.domain.text import printable
from cockpit.presenter import minutes_text
from cockpit.tui.plain import plain
from cockpit.tui.widgets.step_list import ID_WIDTH

if TYPE_CHECKING:
    from cockpit.domain.tasks import Task

INBOX_HEADER = "header:inbox"
TASKS_LINE = "tasks:"  # the line over a role's tasks (+ the role's id)


def task_row(task: Task, on: date, planned: bool = False, width: int = ID_WIDTH) -> Text:
    """A task's row: its key (in a column `width` wide), how late it is, its title,
    estimate and system."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" ★ " if planned else " □ ", style="bold" if planned else "dim")
    text.append(f"{task.key:<{width}}", style="dim")
    if late := task.days_late(on):  # from the first day it was due, as the CLI counts
        text.append(f"{late}d late ", style="bold red")
    text.append(printable(task.title))
    if task.estimate:
        text.append(f"  {minutes_text(task.estimate)}", style="italic")
    if task.first_due is not None and task.due is not None and task.due > task.first_due:
        text.append(f"  moved from {task.first_due:%a %d %b}", style="italic dim")
    return text


def tasks_line(count: int) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("   To-dos", style="bold")
    text.append(f"  {count} task{'s' if count != 1 else ''}", style="dim")
    return text


def inbox_header(count: int) -> Text:
    """The inbox's line: what waits to be given a day and a role, and the keys that do it."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" Inbox ", style="bold reverse")
    text.append(f"  {count} to sort: r role, d day, e estimate", style="dim")
    return text


def inbox_row(task: Task, role_name: str | None, width: int = ID_WIDTH) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" □ ", style="dim")
    text.append(f"{task.key:<{width}}", style="dim")
    text.append(printable(task.title))
    if role_name:
        text.append(f"  {printable(role_name)}", style="dim")
    if task.estimate:
        text.append(f"  {minutes_text(task.estimate)}", style="italic")
    return text


def task_matches(task: Task, needle: str) -> bool:
    if not needle:
        return True
    haystack = f"{task.key} {task.title}".lower()
    return all(part in haystack for part in needle.lower().split())


def task_facts(task: Task, role_name: str | None, system_name: str | None) -> Content:
    """The side pane's title for a task: what it is, its role, its day, how long it waits."""
    lines = [plain(task.title, "bold"), Content(f"Task {task.key}")]
    lines.append(plain(f"Role: {role_name}") if role_name else Content("No role yet (r)"))
    if system_name:
        lines.append(plain(f"System: {system_name}"))
    if task.due is None:
        lines.append(Content("In the inbox: no day yet (d)"))
    else:
        lines.append(Content(f"Due {task.due:%a %d %b %Y}"))
        if task.first_due is not None and task.first_due != task.due:
            lines.append(Content(f"First due {task.first_due:%a %d %b} (carried over)"))
    if task.estimate:
        lines.append(Content(f"Estimate: {minutes_text(task.estimate)}"))
    lines.append(Content(f"Captured {task.created_at:%a %d %b %H:%M}"))
    return Content("\n").join(lines)
