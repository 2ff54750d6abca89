"""Data in and out: the whole data as JSON, and business definitions in TOML."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from cockpit.domain.text import counted
from cockpit.services.business import load_business, read_business
from cockpit.services.context import Cockpit
from cockpit.store import exchange
from cockpit.store.files import atomic_write_bytes


@dataclass(frozen=True, slots=True)
class Imported:
    processes: int
    occurrences: int
    replaced: bool
    tasks: int = 0

    def describe(self, path: Path) -> str:
        if self.replaced:
            return (
                f"Imported {counted(self.processes, 'process', 'processes')}, "
                f"{counted(self.occurrences, 'run', 'runs')} and "
                f"{counted(self.tasks, 'task', 'tasks')} from {path} "
                "(a backup of the previous data is in the backups folder)"
            )
        return f"Imported {counted(self.processes, 'process', 'processes')} from {path}"


def export_json(ctx: Cockpit, out: Path | None) -> None:
    """Write the whole data (archives included) to `out`, atomically, or to stdout."""
    data = exchange.export_bytes(ctx.store, ctx.now())
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write_bytes(out, data)


def import_path(ctx: Cockpit, path: Path) -> Imported:
    """A JSON export replaces everything; a TOML business definition is added."""
    ctx.require_writer()
    if path.suffix.lower() == ".toml":
        known = (ctx.store.roles(), ctx.store.systems())
        business = read_business(path, ctx.today(), ctx.settings.timezone, known)
        load_business(ctx, business)
        return Imported(len(business.processes), 0, replaced=False)
    tables = exchange.import_file(ctx.store, path, ctx.now())
    return Imported(
        len(tables.get("processes", {})),
        len(tables.get("occurrences", {})),
        True,
        len(tables.get("tasks", {})),
    )
