"""The demo: the sample business with ten weeks of deterministic, plausible history.

Each process gets a character: most are solid routines, one slips (missed
several times running), some run late, some are skipped with reasons. Every
outcome is drawn from a random generator seeded by the process and the date,
so the same day always gives the same demo. History is written in one batch.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.clock import FixedClock
from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus
from cockpit.domain.model import FIRST_DAY, Process
from cockpit.domain.occurrence import Occurrence
from cockpit.services import actions
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit
from cockpit.store.identity import derived_uid

if TYPE_CHECKING:
    from cockpit.clock import Clock
    from cockpit.config import Settings

WEEKS = 10

SKIP_REASONS = (
    "client on holiday",
    "nothing new this time",
    "covered in the client call",
    "sick day",
    "public holiday",
    "waiting on the client",
)


@dataclass(frozen=True, slots=True)
class Character:
    """How reliably a process is done: chances of on time, late, skipped (the rest is missed)."""

    on_time: float
    late: float
    skipped: float
    slips_from_week: int | None = None  # from this week on, every run is missed
    overrun: float = 1.0  # actual minutes against the estimate


CHARACTERS = {
    "update bookkeeping": Character(0.8, 0.1, 0.0, slips_from_week=6),
    "weekly social posts": Character(0.75, 0.15, 0.05, overrun=1.35),
    "receive payments": Character(0.55, 0.35, 0.05),
    "manage the blog": Character(0.6, 0.15, 0.15, overrun=1.2),
    "prospecting": Character(0.7, 0.05, 0.1),
    "inbox zero": Character(0.9, 0.0, 0.03),
}
DEFAULT = Character(0.88, 0.06, 0.04)
ON_DEMAND_EVERY = {
    "qualify a new lead": 6,
    "proposals and estimates": 12,
    "book a discovery call": 9,
}


def character(process: Process) -> Character:
    for key, value in CHARACTERS.items():
        if key in process.name.lower():
            return value
    return DEFAULT


def _rng(*parts: object) -> random.Random:
    return random.Random("|".join(str(part) for part in parts))


def build_demo(ctx: Cockpit, weeks: int = WEEKS) -> None:
    """Load the sample business with `weeks` of history ending yesterday."""
    today = ctx.today()
    first = max(today - timedelta(weeks=weeks), FIRST_DAY)  # no history before the calendar
    real_clock = ctx.clock
    clock = FixedClock.on(first, ctx.settings.timezone, time(17, 30))
    ctx.clock = clock
    try:
        with ctx.store.batch():
            # the same mark every time: the demo is the same business in every copy
            business = load_sample(ctx, start=first, mark=derived_uid(clock.now(), "demo"))
            processes = {p.id: p for p in business.processes}
            for offset in range((today - first).days):
                day = first + timedelta(days=offset)
                clock.set(FixedClock.on(day, ctx.settings.timezone, time(17, 30)).now())
                _start_on_demand(ctx, list(processes.values()), day, first)
                ctx.refresh(day)
                _work_the_day(ctx, processes, day, first)
            ctx.clock = real_clock
            ctx.refresh(today)
    finally:
        ctx.clock = real_clock


def _start_on_demand(ctx: Cockpit, processes: list[Process], day: date, first: date) -> None:
    for process in processes:
        every = next((n for key, n in ON_DEMAND_EVERY.items() if key in process.name.lower()), None)
        if every and _rng("start", process.id, day).random() < 1 / every:
            on = day + timedelta(days=process.lead_days)
            uid = derived_uid(ctx.now(), "demo", process.id, on)
            actions.start(ctx, process.id, on=on, uid=uid)


def _outcome(process: Process, occurrence: Occurrence, first: date) -> tuple[str, int]:
    """("done", days late) / ("skip", 0) / ("miss", 0) for one run, always the same."""
    trait = character(process)
    week = (occurrence.date - first).days // 7
    if trait.slips_from_week is not None and week >= trait.slips_from_week:
        return "miss", 0
    roll = _rng("outcome", process.id, occurrence.date).random()
    if occurrence.manual or roll < trait.on_time:
        return "done", 0
    if roll < trait.on_time + trait.late:
        return "done", 1 + int(_rng("late", process.id, occurrence.date).random() * 2)
    if roll < trait.on_time + trait.late + trait.skipped:
        return "skip", 0
    return "miss", 0


def _work_the_day(ctx: Cockpit, processes: dict[str, Process], day: date, first: date) -> None:
    lookup = ctx.process_lookup()
    for occurrence in ctx.store.open_occurrences():
        process = lookup.get((occurrence.process_id, occurrence.process_version))
        if process is None or occurrence.date > day + timedelta(days=process.lead_days):
            continue
        verdict, late = _outcome(process, occurrence, first)
        if verdict == "miss":
            continue
        if verdict == "skip":
            if occurrence.date == day:
                reason = _rng("why", process.id, occurrence.date).choice(SKIP_REASONS)
                actions.skip(ctx, str(occurrence.no), reason)
            continue
        for position, state in enumerate(occurrence.steps, start=1):
            step = process.step(state.step_id)
            due = occurrence.date + timedelta(days=step.offset_days + late)
            if not state.is_open or due != day:
                continue
            minutes = _actual_minutes(process, occurrence, position, step.estimate_minutes)
            if _rng("focus", occurrence.no, position).random() < 0.5:
                _log_focus(ctx, process, occurrence, state.step_id, minutes)
            actions.complete(ctx, f"{occurrence.no}.{position}", minutes)


def _actual_minutes(process: Process, occurrence: Occurrence, position: int, estimate: int) -> int:
    rng = _rng("minutes", process.id, occurrence.date, position)
    factor = character(process).overrun * rng.uniform(0.75, 1.35)
    return max(1, round((estimate or 5) * factor))


def _log_focus(
    ctx: Cockpit, process: Process, occurrence: Occurrence, step_id: str, minutes: int
) -> None:
    end = ctx.now()
    kind = FocusKind.COUNTDOWN if minutes > 25 else FocusKind.POMODORO
    planned = process.step(step_id).estimate_minutes or 25
    session = FocusSession(
        id=ctx.store.new_focus_id(),
        kind=kind,
        role=process.role,
        started_at=end - timedelta(minutes=minutes),
        planned_seconds=(planned if kind is FocusKind.COUNTDOWN else 25) * 60,
        occurrence_no=occurrence.no,
        step_id=step_id,
        ended_at=end,
        status=FocusStatus.LOGGED,
        minutes=minutes,
    )
    ctx.store.save_focus(session)


def build_template(template: Path, clock: Clock, settings: Settings) -> None:
    """Build the demo in a folder of its own, then rename the folder into place whole (two
    demos started at once each build; the first rename wins)."""
    home = template.parent.parent
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=home))
    try:
        with Cockpit.open(building / template.name, clock, settings) as ctx:
            build_demo(ctx)
        try:
            os.rename(building, template.parent)
        except OSError:
            if not template.exists():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    for old in home.iterdir():  # the demos of other days and versions are not used again
        if old != template.parent and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
