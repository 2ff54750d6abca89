"""The right-hand side of the Processes view in words: the selected process (schedule and
next dates, target, steps, and in testing its timed runs against the target), or the
selected role or system.

Functions over the `Library` the view read; the screen puts what they return into its
widgets.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets.option_list import Option

from cockpit.services.sop import due_words
from cockpit.tui.plain import plain, plain_lines

if TYPE_CHECKING:
    from cockpit.domain.model import Process, Step
    from cockpit.services.catalog import Library
    from cockpit.services.sop_import import MissingReferencesError
    from cockpit.tui.screens.processes_tree import Node


def process_info(data: Library, process: Process) -> Content:
    """The lines above the steps: name and stage, role and system, schedule, target."""
    roles = {r.id: r.name for r in data.roles}
    systems = {s.id: s.name for s in data.systems}
    target = f"{process.target_minutes} min" if process.target_minutes is not None else "none"
    system = f" · System: {systems.get(process.system, process.system)}" if process.system else ""
    sizes = f"estimate {process.estimate_minutes} min · version {process.version}"
    lines: list[Content] = [
        Content.assemble(plain(process.name, "bold"), " ", (f"[{process.stage.value}]", "$accent")),
        plain(f"Role: {roles.get(process.role, process.role)}{system}"),
        plain(f"Schedule: {process.schedule.text}"),
        plain(data.schedules.get(process.id, ""), "$text-muted"),
        Content(f"Target: {target} · {sizes}"),
    ]
    if process.purpose:
        lines.append(plain_lines(process.purpose, "italic"))
    lines.append(
        Content.styled(
            f"Steps ({len(process.steps)}) — a add · enter edit · d delete · J/K move",
            "$text-muted",
        )
    )
    return Content("\n").join(lines)


def step_line(number: int, step: Step) -> Content:
    parts = [f"{number}. {step.title}", f"{step.estimate_minutes} min", due_words(step.offset_days)]
    if step.tool:
        parts.append(step.tool)
    return plain(" · ".join(parts))


def step_options(process: Process) -> list[Option]:
    """One option per step (its id the step's), or a disabled hint when there is none."""
    options = [Option(step_line(n, step), id=step.id) for n, step in enumerate(process.steps, 1)]
    return options or [Option("No steps yet: a adds one.", disabled=True)]


def run_line(day: date, minutes: int, target: int | None) -> Content:
    if target is None:
        return Content(f"{day:%a %d %b}  {minutes} min")
    fits = minutes <= target
    verdict = f"✓ under {target}" if fits else f"✗ over {target}"
    return Content.assemble(
        f"{day:%a %d %b}  {minutes} min ", (verdict, "$success" if fits else "$error")
    )


def testing_runs(data: Library, process: Process) -> Content:
    """A process in testing: its timed runs, latest first, each against the target."""
    timed = data.runs.get(process.id, [])
    against = f"under {process.target_minutes} minutes" if process.target_minutes else "no target"
    head = Content.styled(f"Timed runs against the target ({against})", "bold")
    body = [run_line(d, m, process.target_minutes) for d, m in timed]
    if not body:
        body = [Content.styled("No finished run yet: time one and see.", "$text-muted")]
    return Content("\n").join([head, *body])


def other_info(data: Library, node: Node | None) -> Content:
    """What the pane says when the cursor is not on a process: the role, the system, or
    the keys that create things."""
    if node is not None and node[0] == "role":
        role = next((r for r in data.roles if r.id == node[1]), None)
        if role is not None:
            count = sum(1 for p in data.processes if p.role == role.id)
            return Content.assemble(
                plain(role.name, "bold"),
                f"\nRole · colour {role.colour} · daily budget {role.budget_minutes} min",
                f"\n{count} processes · e edit · x retire · n new process here",
            )
    if node is not None and node[0] == "system":
        system = next((s for s in data.systems if s.id == node[1]), None)
        if system is not None:
            kpis = "; ".join(
                f"{k.name}"
                + (f" {k.direction} to {k.target:g} {k.unit}" if k.target is not None else "")
                for k in system.kpis
            )
            return Content.assemble(
                plain(system.name, "bold"),
                "\n",
                plain_lines(system.description),
                "\nTools: ",
                plain(", ".join(system.tools) or "none"),
                "\nPeople: ",
                plain(", ".join(system.people) or "none"),
                "\nKPIs: ",
                plain(kpis or "none"),
                "\ne edit · x retire",
            )
    return Content.styled(
        "n new process · R new role · Y new system · i import a Markdown SOP", "$text-muted"
    )


def missing_question(missing: MissingReferencesError) -> str:
    """What to ask when an SOP names roles or systems the data lacks:
    'Create role “Legal” and system “Contracts”?'."""

    def named(kind: str, names: tuple[str, ...]) -> str:
        quoted = [f"“{name}”" for name in names]
        listed = ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]
        return f"{kind}{'s' if len(names) > 1 else ''} {listed}"

    parts = [
        named(kind, names)
        for kind, names in (("role", missing.roles), ("system", missing.systems))
        if names
    ]
    return f"Create {' and '.join(parts)}?"
