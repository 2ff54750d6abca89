"""A process edited on both devices at one version: after the merge each definition has a
version of its own, the runs each device made from its definition still show their steps,
and the next edit cannot take a version already used."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from cockpit.services import library
from cockpit.services.actions import start
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.store.storage import decode
from tests.two_devices import merge_both_ways

COPY = "cockpit (Desktop's conflicted copy 2026-11-23).json"
PROCESS = "Book a discovery call"


def process_id(ctx: Cockpit) -> str:
    return next(p.id for p in ctx.store.processes() if p.name == PROCESS)


def add_step(ctx: Cockpit, pid: str, title: str) -> None:
    """A step due with the process's first step (so today, once the run is started)."""
    process = next(p for p in ctx.store.processes() if p.id == pid)
    first = min(step.offset_days for step in process.steps)
    library.save_step(ctx, pid, title=title, offset_days=first)


def due_titles(ctx: Cockpit) -> set[tuple[str, str]]:
    """(process name, step title) of every step due today, as the owner sees them."""
    return {(due.process.name, due.step.title) for due in plan_day(ctx).steps}


def versions(path: Path, pid: str) -> tuple[int, list[int]]:
    data = decode(path.read_bytes())
    live = next(d for d in data["processes"].values() if d["id"] == pid)
    past = [d.get("version", 1) for d in data["process_history"].values() if d["id"] == pid]
    return live.get("version", 1), past


def test_each_definition_keeps_a_version_and_its_runs_their_steps_either_way(
    devices: tuple[Cockpit, Cockpit], tmp_path: Path
) -> None:
    laptop, desktop = devices
    pid = process_id(laptop)
    add_step(laptop, pid, "Send the laptop's follow-up")
    start(laptop, PROCESS)
    add_step(desktop, pid, "Send the desktop's follow-up")
    start(desktop, PROCESS)
    wanted = due_titles(laptop) | due_titles(desktop)
    assert (PROCESS, "Send the laptop's follow-up") in wanted
    assert (PROCESS, "Send the desktop's follow-up") in wanted

    here, there = merge_both_ways(laptop, desktop, COPY, tmp_path)
    assert [(c.name, c.version, c.saved) for c in here.report.clashes] == [
        (c.name, c.version, c.saved) for c in there.report.clashes
    ]
    assert {here.report.clashes[0].kept, there.report.clashes[0].kept} == {"live", "other"}

    for ctx in (laptop, desktop):
        assert due_titles(ctx) >= wanted  # no step of either device's run went out of sight
        live, past = versions(ctx.store.path, pid)
        assert not [v for v, n in Counter(past).items() if n > 1]  # one definition a version
        assert live not in past and live > max(past)  # the next edit takes a new version
        assert here.report.clashes[0].saved == [max(past)] and live == max(past) + 1
