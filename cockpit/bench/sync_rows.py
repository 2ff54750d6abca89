"""Bench rows of the two-device checks: what each write pays to be sure of the disk, and a write
that finds another device's work there."""

from __future__ import annotations

import os
import shutil
import time

from cockpit.bench.run import Bench, row
from cockpit.services import actions
from cockpit.services.day import plan_day
from cockpit.store.disk_state import changed_since
from cockpit.store.storage import tables_copy


@row("prewrite_check_us", "µs", 500)
def prewrite_check_us(bench: Bench) -> list[float]:
    """What every write adds: one stat of the file, and the tables' mappings remembered as
    written (shallow copies) so a later change can be told from what was read."""
    samples = []
    with bench.open() as ctx:
        storage = ctx.store.storage
        for _ in range(bench.rounds * 20):
            start = time.perf_counter()
            changed_since(storage.path, storage.seen)
            tables_copy(storage.read())
            samples.append((time.perf_counter() - start) * 1_000_000)
    return samples


@row("complete_after_sync_ms", "ms", context=True)
def complete_after_sync_ms(bench: Bench) -> list[float]:
    """Complete a step after a sync client replaced the file: read it again, every check, carry
    the change over, write. Rare; said so the price is known."""
    samples = []
    scratch = bench.scratch()
    with bench.open(scratch) as ctx:
        keys = [due.id for due in plan_day(ctx).steps][: bench.rounds]
        for key in keys:
            other = scratch.with_name("other-device.json")
            shutil.copyfile(scratch, other)
            os.replace(other, scratch)  # the same content, a new file: the check must read it
            start = time.perf_counter()
            actions.complete(ctx, key)
            samples.append((time.perf_counter() - start) * 1000)
    return samples
