"""The day's due steps: the plan first, then one section per role in the role's colour, each
run's steps under one line naming its process (so a step's row is its title), and, when
asked, the day's done and skipped steps dimmed at the end of their role.

Rows are rich `Text` (never read as markup) of printable names, cut with an ellipsis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cockpit.domain.text import printable

if TYPE_CHECKING:
    from cockpit.domain.due import DueStep, RoleDay
    from cockpit.services.day import ClosedStep, DayPlan

PLAN_HEADER = "header:plan"
ID_WIDTH = 7  # the ID column's least width ("412.2" and a space or two): a wider ID widens it


def minutes_text(value: int) -> str:
    hours, minutes = divmod(value, 60)
    return f"{hours}h{minutes:02d}" if hours else f"{minutes}m"


def id_width(plan: DayPlan) -> int:
    """The ID column's width for the day: at least ID_WIDTH, always a space after the widest
    ID of the day (run numbers grow by one a run: "123401.1" is a long-time user's). Taken
    over the whole day, not what a filter leaves, so the column stays put while typing."""
    keys = [due.id for due in plan.planned] + [task.key for task in plan.planned_tasks]
    for section in plan.sections:
        keys += [due.id for due in section.steps] + [task.key for task in section.tasks]
    keys += [closed.key for closed in plan.closed] + [task.key for task in plan.inbox]
    return max([ID_WIDTH, *(len(key) + 1 for key in keys)])


def step_row(
    due: DueStep, planned: bool = False, *, with_process: bool = True, width: int = ID_WIDTH
) -> Text:
    """A step's row; under its process's line (`with_process=False`) it is the title alone;
    its ID in a column `width` wide."""
    done, total = due.progress
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" ★ " if planned else " ○ ", style="bold" if planned else "dim")
    text.append(f"{due.id:<{width}}", style="dim")
    if due.overdue_days:
        text.append(f"{due.overdue_days}d late ", style="bold red")
    if with_process:
        text.append(printable(due.process.name), style="dim bold")
        if total > 1:
            text.append(f" {done}/{total}", style="dim")
        text.append(" › ", style="dim")
    text.append(printable(due.step.title))
    if due.step.tool:
        text.append(f"  [{printable(due.step.tool)}]", style="dim")
    if due.step.estimate_minutes:
        text.append(f"  {minutes_text(due.step.estimate_minutes)}", style="italic")
    if due.snoozed:
        text.append("  snoozed", style="italic")
    return text


def process_line(due: DueStep) -> Text:
    """The line over a run's steps in its role: the process, how far the run is, its date."""
    done, total = due.progress
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("   ")
    text.append(printable(due.process.name), style="bold")
    if total > 1:
        text.append(f"  {done} of {total} steps closed", style="dim")
    if due.occurrence.date != due.due:
        text.append(f"  · run of {due.occurrence.date:%a %d %b}", style="dim")
    return text


def closed_row(closed: ClosedStep, width: int = ID_WIDTH) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis", style="dim")
    text.append(" ✓ " if closed.status == "done" else " – ")
    text.append(f"{closed.key:<{width}}")
    text.append(f"{printable(closed.process_name)} › {printable(closed.title)}")
    text.append(f"  {closed.status} {closed.at:%H:%M}", style="italic")
    return text


def section_header(
    section: RoleDay,
    plan: DayPlan,
    shown: list[DueStep] | None = None,
    in_plan: int = 0,
    tasks: int = 0,
) -> Text:
    """A role's line: its colour, its blocks, time logged against its budget, and the
    steps listed under it (`shown`; those in the plan are counted apart)."""
    role = section.role
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f" {printable(role.name)} ", style=f"bold black on {role.colour}")
    blocks = ", ".join(str(block) for block in role.blocks_on(plan.date))
    if blocks:
        text.append(f"  {blocks}")
    logged = plan.logged_minutes.get(role.id, 0)
    if role.budget_minutes:
        style = "bold red" if logged > role.budget_minutes else ""
        text.append(
            f"  {minutes_text(logged)} of {minutes_text(role.budget_minutes)} logged", style=style
        )
    steps = list(section.steps) if shown is None else shown
    count = len(steps)
    estimate = sum(due.step.estimate_minutes for due in steps)
    text.append(f"  · {count} step{'s' if count != 1 else ''}", style="dim")
    if tasks:
        text.append(f", {tasks} task{'s' if tasks != 1 else ''}", style="dim")
        estimate += sum(task.estimate or 0 for task in section.tasks)
    if estimate:
        text.append(f" ~{minutes_text(estimate)}", style="dim")
    if in_plan:
        text.append(f" (+{in_plan} in the plan)", style="dim")
    return text


def by_run(steps: list[DueStep]) -> list[list[DueStep]]:
    """The steps grouped by their run, runs in the order their first step comes: a run whose
    steps fall due on different days (one overdue, one today) is still shown once."""
    groups: dict[int, list[DueStep]] = {}
    for due in steps:
        groups.setdefault(due.occurrence.no, []).append(due)
    return list(groups.values())


def matches(due: DueStep, needle: str) -> bool:
    if not needle:
        return True
    haystack = f"{due.id} {due.process.name} {due.step.title} {due.step.tool}".lower()
    return all(part in haystack for part in needle.lower().split())


class StepList(OptionList):
    """Options are step keys ("412.2") and task keys ("t12"); role headers, process lines
    and the inbox's line are disabled options."""

    def show_plan(self, plan: DayPlan, needle: str = "", keep: str | None = None) -> int:
        """Fill the list; returns how many steps and tasks it shows."""
        from cockpit.tui.widgets.task_rows import (
            INBOX_HEADER,
            inbox_header,
            inbox_row,
            task_matches,
            task_row,
            tasks_line,
        )

        current = keep or self.current_key
        width = id_width(plan)
        planned = {due.id for due in plan.planned} | {t.key for t in plan.planned_tasks}
        options: list[Option] = []
        shown_plan = [due for due in plan.planned if matches(due, needle)]
        plan_tasks = [task for task in plan.planned_tasks if task_matches(task, needle)]
        if shown_plan or plan_tasks:
            header = Text(" Plan ", style="bold reverse")
            header.append(f"  {len(shown_plan) + len(plan_tasks)} chosen for the day", style="dim")
            options.append(Option(header, id=PLAN_HEADER, disabled=True))
            options += [Option(step_row(due, True, width=width), id=due.id) for due in shown_plan]
            options += [
                Option(task_row(task, plan.date, True, width), id=task.key) for task in plan_tasks
            ]
        count = len(shown_plan) + len(plan_tasks)
        for section in plan.sections:
            steps = [d for d in section.steps if d.id not in planned and matches(d, needle)]
            tasks = [t for t in section.tasks if t.key not in planned and task_matches(t, needle)]
            closed = [c for c in plan.closed if c.role == section.role.id and not needle]
            if needle and not steps and not tasks:
                continue
            in_plan = sum(1 for d in section.steps if d.id in planned and matches(d, needle))
            header = section_header(section, plan, steps, in_plan, len(tasks))
            options.append(Option(header, id=f"header:{section.role.id}", disabled=True))
            for run_steps in by_run(steps):
                first = run_steps[0]
                line_id = f"run:{section.role.id}:{first.occurrence.no}"
                options.append(Option(process_line(first), id=line_id, disabled=True))
                options += [
                    Option(step_row(d, with_process=False, width=width), id=d.id) for d in run_steps
                ]
            if tasks:
                line_id = f"tasks:{section.role.id}"
                options.append(Option(tasks_line(len(tasks)), id=line_id, disabled=True))
                options += [Option(task_row(t, plan.date, width=width), id=t.key) for t in tasks]
            options += [
                Option(closed_row(c, width), id=f"closed:{c.key}", disabled=True) for c in closed
            ]
            count += len(steps) + len(tasks)
        inbox = [task for task in plan.inbox if task_matches(task, needle)]
        if inbox:
            names = {role.id: role.name for role in plan.every_role}
            options.append(Option(inbox_header(len(inbox)), id=INBOX_HEADER, disabled=True))
            options += [
                Option(inbox_row(t, names.get(t.role_id or ""), width), id=t.key) for t in inbox
            ]
            count += len(inbox)
        self.clear_options()
        self.add_options(options)
        self.select_key(current)
        return count

    @property
    def current_key(self) -> str | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        option = self.get_option_at_index(self.highlighted)
        return None if option.disabled else option.id

    def select_key(self, key: str | None) -> None:
        if key is not None:
            try:
                self.highlighted = self.get_option_index(key)
                return
            except Exception:
                pass
        for index in range(self.option_count):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
        self.highlighted = None

    def next_key(self) -> str | None:
        """The step below the cursor (where it goes once the step under it leaves)."""
        if self.highlighted is None:
            return None
        for index in range(self.highlighted + 1, self.option_count):
            option = self.get_option_at_index(index)
            if not option.disabled:
                return option.id
        return None

    def hide_step(self, key: str, then_highlight: str | None) -> None:
        """Take a step off the list at once (the reload follows), the cursor to another."""
        from textual.widgets.option_list import OptionDoesNotExist

        try:
            self.remove_option(key)
        except OptionDoesNotExist:
            return
        self.select_key(then_highlight)
