"""Routines: every recurring process's figures, for the Routines view and `cockpit routines`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from cockpit.domain.errors import NotFoundError
from cockpit.domain.model import Process, Stage
from cockpit.domain.occurrence import Occurrence
from cockpit.domain.routines import RoutineFigures, routine_figures_all
from cockpit.services.context import Cockpit

HISTORY_DAYS = 400  # a year of runs (and a margin) is enough for strength, streaks and trends


@dataclass(frozen=True, slots=True)
class RoutineRow:
    """One process in the Routines view: the process and its figures."""

    process: Process
    role_name: str
    system_name: str
    figures: RoutineFigures


def routine_rows(
    ctx: Cockpit,
    *,
    role: str | None = None,
    system: str | None = None,
    stage: str | None = None,
    days: int = HISTORY_DAYS,
) -> list[RoutineRow]:
    """Figures of every recurring process, filtered by role, system or stage (names or ids)."""
    today = ctx.today()
    roles = {r.id: r.name for r in ctx.store.roles()}
    systems = {s.id: s.name for s in ctx.store.systems()}
    processes = [p for p in ctx.store.processes() if p.schedule.recurring]
    processes = [p for p in processes if _matches(p, role, system, stage, roles, systems)]
    runs = occurrences_by_process(ctx, today - timedelta(days=days), today)
    figures = routine_figures_all(
        processes,
        runs,
        today,
        threshold=ctx.settings.strength_threshold,
        slipping_after=ctx.settings.slipping_misses,
    )
    by_id = {p.id: p for p in processes}
    rows = [
        RoutineRow(
            by_id[f.process_id],
            roles.get(by_id[f.process_id].role, by_id[f.process_id].role),
            systems.get(by_id[f.process_id].system or "", ""),
            f,
        )
        for f in figures
    ]
    return sorted(rows, key=lambda row: (-row.figures.strength, row.process.name.lower()))


def occurrences_by_process(ctx: Cockpit, since: date, until: date) -> dict[str, list[Occurrence]]:
    grouped: dict[str, list[Occurrence]] = {}
    for occurrence in ctx.store.occurrences(since=since, until=until):
        grouped.setdefault(occurrence.process_id, []).append(occurrence)
    return grouped


def _matches(
    process: Process,
    role: str | None,
    system: str | None,
    stage: str | None,
    roles: dict[str, str],
    systems: dict[str, str],
) -> bool:
    def same(wanted: str | None, ident: str | None, names: dict[str, str]) -> bool:
        if not wanted:
            return True
        wanted = wanted.lower()
        return ident is not None and wanted in (ident.lower(), names.get(ident, "").lower())

    if stage and process.stage.value != stage.lower():
        return False
    return same(role, process.role, roles) and same(system, process.system, systems)


def set_stage(ctx: Cockpit, process_id: str, stage: Stage) -> Process:
    """Move a process to another stage (say, routine once its strength says so)."""
    ctx.require_writer()
    for process in ctx.store.processes():
        if process.id == process_id:
            moved = replace(process, stage=stage)
            ctx.store.save_process(moved)
            return moved
    raise NotFoundError(f'no process "{process_id}"')
