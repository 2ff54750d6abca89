"""Look-ups for pickers and the command palette: processes, their steps, the roles."""

from __future__ import annotations

from cockpit.domain.model import Process, Role
from cockpit.services.context import Cockpit


def active_processes(ctx: Cockpit) -> list[Process]:
    """Processes that can be started, on-demand ones first, then by name."""
    found = [p for p in ctx.store.processes() if p.active and p.steps]
    return sorted(found, key=lambda p: (p.schedule.recurring, p.name.lower()))


def roles(ctx: Cockpit) -> list[Role]:
    return ctx.roles()
