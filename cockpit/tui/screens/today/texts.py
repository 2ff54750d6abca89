"""What Today says beside its list: the side pane's facts of a step, the note shown when
the list is empty, and the step under the cursor found again in a new plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from cockpit.domain.text import printable
from cockpit.tui.plain import markdown_source, plain
from cockpit.tui.widgets.step_list import minutes_text

if TYPE_CHECKING:
    from cockpit.domain.due import DueStep
    from cockpit.domain.tasks import Task
    from cockpit.services.day import DayPlan


def side_facts(due: DueStep) -> Content:
    """The side pane's title: the process, the step's place in its run, tool, estimate."""
    done, total = due.progress
    lines = [  # the name on its own line: a narrow pane cuts it, never a phrase
        plain(due.process.name, "bold"),
        Content(f"Step {due.position} of {total} ({done} closed)"),
    ]
    if due.step.tool:
        lines.append(Content.assemble("Tool: ", plain(due.step.tool)))
    if due.step.estimate_minutes:
        lines.append(Content(f"Estimate: {minutes_text(due.step.estimate_minutes)}"))
    kept = " (kept)" if due.occurrence.kept else ""
    lines.append(Content(f"Run of {due.occurrence.date:%a %d %b}{kept}"))
    return Content("\n").join(lines)


def side_instructions(due: DueStep) -> str:
    """The step's instructions as the side pane's Markdown."""
    instructions = due.step.instructions or "_No instructions yet._"
    return markdown_source(f"### {due.step.title}\n\n{instructions}")


def empty_note(plan: DayPlan, needle: str, show_done: bool) -> Text | str:
    """What to do when the list shows nothing: clear the filter, rest, or write a process."""
    if plan.steps and needle:
        said = f"No step matches “{printable(needle)}”. Escape clears the filter."
        return Text(said)  # what was typed is text, never markup
    if plan.has_processes:
        done = " (h shows what was done)" if not show_done else ""
        return f"Nothing due. Well done.{done}"
    return (
        "No processes yet: press 5, then n to write your first one "
        "(or i there to import a Markdown checklist)."
    )


def same_step_in(old: DayPlan | None, key: str | None, plan: DayPlan) -> str | None:
    """The key, in a new plan, of the step (or task) `key` of the old one: found by its run
    and step (a task by its uid), not by its key (a run's number is per file: another
    device's file may number it otherwise). If it is gone (done elsewhere), the next one of
    the old list that is still there."""
    if old is None or key is None:
        return None
    if (task := old.find_task(key)) is not None:
        return _same_task_in(old, task, plan)
    keys = {(due.occurrence.identity, due.step.id): due.id for due in plan.steps}
    steps = old.steps
    start = next((i for i, due in enumerate(steps) if due.id == key), 0)
    for due in [*steps[start:], *reversed(steps[:start])]:
        found = keys.get((due.occurrence.identity, due.step.id))
        if found is not None:
            return found
    return None


def _same_task_in(old: DayPlan, task: Task, plan: DayPlan) -> str | None:
    """The key, in a new plan, of `task` of the old one, found by its uid (its number is
    per file); if it is gone, the next task of the old list still there (a reload put the
    cursor on the first step, and the next `x` closed a step the owner never chose)."""
    keys = {shown.uid: shown.key for shown in (*plan.tasks, *plan.inbox)}
    tasks = [*old.tasks, *old.inbox]
    start = next((i for i, shown in enumerate(tasks) if shown.uid == task.uid), 0)
    for shown in [*tasks[start:], *reversed(tasks[:start])]:
        if (found := keys.get(shown.uid)) is not None:
            return found
    return None


def task_side(task: Task, plan: DayPlan | None) -> Content:
    """The side pane of a task: its role and system by name, its day, its estimate."""
    from cockpit.tui.widgets.task_rows import task_facts

    roles = {role.id: role.name for role in plan.every_role} if plan else {}
    return task_facts(task, roles.get(task.role_id or ""), task.system_id)
