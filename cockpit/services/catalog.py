"""Look-ups for pickers, the command palette and the Processes view."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cockpit.domain.model import Process, Role, Stage, System
from cockpit.services.context import Cockpit


def active_processes(ctx: Cockpit) -> list[Process]:
    """Processes that can be started, on-demand ones first, then by name."""
    found = [p for p in ctx.store.processes() if p.active and p.steps]
    return sorted(found, key=lambda p: (p.schedule.recurring, p.name.lower()))


def roles(ctx: Cockpit) -> list[Role]:
    return ctx.roles()


@dataclass(frozen=True, slots=True)
class Library:
    """What the Processes view shows: the whole library, with schedules in words."""

    roles: list[Role]
    systems: list[System]
    processes: list[Process]
    schedules: dict[str, str]  # process id -> its next dates in words
    runs: dict[str, list[tuple[date, int]]] = field(default_factory=dict)  # testing processes
    today: date = date.min


def load_library(ctx: Cockpit) -> Library:
    from cockpit.services.library import describe_schedule, testing_runs

    processes = ctx.store.processes()
    schedules = {p.id: describe_schedule(ctx, p.schedule.text, p.start) for p in processes}
    runs = {p.id: testing_runs(ctx, p.id) for p in processes if p.stage is Stage.TESTING}
    return Library(ctx.roles(), ctx.store.systems(), processes, schedules, runs, ctx.today())
