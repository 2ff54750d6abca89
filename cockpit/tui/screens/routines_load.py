"""What the Routines view reads: the filters it is asked for, and one read of the services
(the rows they keep, every recurring process for the role heatmap, the roles and systems to
filter by)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.domain.model import Role, System
    from cockpit.services.context import Cockpit
    from cockpit.services.routines import RoutineRow


@dataclass(frozen=True, slots=True)
class Filters:
    role: str | None = None
    system: str | None = None
    stage: str | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one read of the services gives the screen."""

    filters: Filters
    rows: list[RoutineRow]  # the processes the filters keep
    all_rows: list[RoutineRow]  # every recurring process (for the role heatmap)
    roles: list[Role]
    systems: list[System]
    today: date


def load_routines(cockpit: Cockpit, filters: Filters) -> Loaded:
    from cockpit.services.routines import routine_rows

    all_rows = routine_rows(cockpit)
    rows = all_rows
    if filters != Filters():
        rows = routine_rows(cockpit, role=filters.role, system=filters.system, stage=filters.stage)
    roles = [role for role in cockpit.roles() if not role.archived]
    systems = [system for system in cockpit.store.systems() if not system.archived]
    return Loaded(filters, rows, all_rows, roles, systems, cockpit.today())


def cycle(choices: list[str | None], current: str | None) -> str | None:
    index = choices.index(current) if current in choices else 0
    return choices[(index + 1) % len(choices)]
