"""Small helpers of the service tests."""

from __future__ import annotations

from cockpit.clock import Clock
from cockpit.domain.due import DueStep
from cockpit.domain.occurrence import Occurrence
from cockpit.services.context import Cockpit
from cockpit.services.day import DayPlan, plan_day
from tests.sample_fixtures import MONDAY as MONDAY
from tests.sample_fixtures import SETTINGS as SETTINGS
from tests.sample_fixtures import TZ as TZ


def reopen(ctx: Cockpit, clock: Clock | None = None) -> Cockpit:
    """Close the Cockpit and open its data file again (as the writer)."""
    path = ctx.store.path
    ctx.close()
    return Cockpit.open(path, clock or ctx.clock, SETTINGS)


def process_id(ctx: Cockpit, name: str) -> str:
    for process in ctx.store.processes():
        if process.name == name:
            return process.id
    raise AssertionError(f"no process {name!r} in the store")


def runs_of(ctx: Cockpit, name: str) -> list[Occurrence]:
    """Every run of a process, by date."""
    return ctx.store.occurrences(process_id=process_id(ctx, name))


def open_run(ctx: Cockpit, name: str) -> Occurrence:
    """The one open run of a process."""
    runs = [run for run in runs_of(ctx, name) if run.is_open]
    assert len(runs) == 1, runs
    return runs[0]


def steps_of(plan: DayPlan, name: str) -> list[DueStep]:
    return [due for due in plan.steps if due.process.name == name]


def ids(ctx: Cockpit) -> set[str]:
    """The IDs of the steps due today."""
    return {due.id for due in plan_day(ctx).steps}
