"""Fixtures of the export tests: a Cockpit on a fixed clock (Europe/Berlin) in tmp_path."""

from __future__ import annotations

from cockpit.domain.model import Process
from cockpit.domain.occurrence import Occurrence
from cockpit.services.context import Cockpit
from tests.sample_fixtures import MONDAY, SETTINGS, TZ, clock, ctx, sample

__all__ = ["MONDAY", "SETTINGS", "TZ", "clock", "ctx", "sample"]


def process_named(ctx: Cockpit, name: str) -> Process:
    for process in ctx.store.processes():
        if process.name == name:
            return process
    raise AssertionError(f"no process {name!r}")


def open_run(ctx: Cockpit, name: str) -> Occurrence:
    """The one open run of a process."""
    pid = process_named(ctx, name).id
    runs = [run for run in ctx.store.open_occurrences() if run.process_id == pid]
    assert len(runs) == 1, runs
    return runs[0]
