"""The Cockpit context: one store, one clock, the settings, shared by every use case."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from cockpit.clock import Clock
from cockpit.config import Settings
from cockpit.domain.due import index_processes
from cockpit.domain.materialize import Materialized, materialize
from cockpit.domain.model import Process, Role
from cockpit.domain.occurrence import Occurrence
from cockpit.store.database import Store
from cockpit.store.disk_state import Seen, observe
from cockpit.store.errors import (
    StoreError,
    StoreFolderReadOnlyError,
    StoreLockedError,
    StoreNotWritableError,
    StoreReadOnlyError,
    StoreWriteError,
)
from cockpit.store.lock import held_elsewhere


@dataclass
class Cockpit:
    """What every service function works with."""

    store: Store
    clock: Clock
    settings: Settings
    # what went wrong on opening without stopping it (a backup that could not be made), to
    # say once; after a take-over, the new writer's
    warnings: list[str] = field(default_factory=list)
    # a catch-up of runs the disk refused (full, too big), kept in memory: to say once
    unsaved_note: str | None = None
    _no_take_over: Seen | None = field(default=None, repr=False)  # a file that failed it

    @classmethod
    def open(
        cls,
        path: Path,
        clock: Clock,
        settings: Settings,
        *,
        read_only: bool = False,
        fall_back_to_read_only: bool = False,
        lock_wait: float = 0.0,
    ) -> Cockpit:
        """Open the data file as the writer (waiting up to `lock_wait` seconds for another
        Cockpit to let go of it), or read-only when asked: without the lock, backups or
        archives, what a day works out stays in memory. `fall_back_to_read_only`: a file
        another Cockpit holds, or that cannot be written, is opened read-only (and
        `read_only_reason` says why).

        Backups and archives go by the real calendar, never by a simulated `--date`.
        """
        try:
            today, now = clock.real_today(), clock.now()
            store = Store.open(path, read_only=read_only, today=today, now=now, lock_wait=lock_wait)
        except (StoreLockedError, StoreNotWritableError) as refused:
            if not fall_back_to_read_only:
                raise
            store = Store.open(path, read_only=True)
            store.read_only_why = _why(refused)
        return cls(store, clock, settings, warnings=list(store.warnings))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Cockpit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def read_only_reason(self) -> str | None:
        """Why changes cannot be saved, in a few words for the owner ("another Cockpit holds
        the data file"); None when they can, or when a command that only reads opened it and
        a writer could. A writer holding the lock is no reason to a command that only reads
        (writers come and go; the next `done` waits for the lock), a folder that cannot be
        written is (a look at the folder, taking nothing)."""
        return self._why_read_only(write=False)

    def _why_read_only(self, *, write: bool) -> str | None:
        store = self.store
        if not store.read_only:
            return None
        why = store.read_only_why
        folder = store.path.parent
        if why == "asked":
            if not os.access(folder, os.W_OK):
                why = "folder"
            elif write and held_elsewhere(store.path):
                why = "locked"
        if why == "locked":
            return "another Cockpit holds the data file"
        if why == "file":
            return f"{store.path.name} allows no writing (its permissions)"
        if why == "folder":
            return f"the folder {folder} cannot be written"
        return None

    def try_take_over(self) -> bool:
        """Become the writer when the Cockpit that held the lock has let go of it (closed or
        died): the file is opened again as a writer (read again, caught up, backed up), and
        True is returned. False, cheaply, while it is still held, or when this one is
        read-only for another reason (permissions, or a command that only reads)."""
        old = self.store
        if not old.read_only or old.read_only_why != "locked" or held_elsewhere(old.path):
            return False
        seen = observe(old.path)
        if seen is not None and seen.same_file(self._no_take_over):
            return False  # the file failed to open as a writer, and has not changed since
        with old.lock:
            try:
                writer = Store.open(old.path, today=self.clock.real_today(), now=self.clock.now())
            except StoreLockedError:
                return False
            except StoreNotWritableError as refused:
                old.read_only_why = _why(refused)
                return False
            except StoreError:
                self._no_take_over = seen  # an unreadable file: the disk watch says so
                return False
            self.store = writer
            self.warnings = list(writer.warnings)
        old.close()
        return True

    def require_writer(self) -> None:
        if self.store.read_only:
            raise StoreReadOnlyError(self.store.path, self._why_read_only(write=True))

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.today()

    # -- shared look-ups ------------------------------------------------------------------

    def roles(self) -> list[Role]:
        """Roles in the configured order (config `roles.order` first), with config colours."""
        roles = self.store.roles()
        order = [name.lower() for name in self.settings.role_order]
        colours = {name.lower(): colour for name, colour in self.settings.role_colours.items()}

        def rank(role: Role) -> tuple[int, int, str]:
            name = role.name.lower()
            return (order.index(name) if name in order else len(order), role.order, name)

        from dataclasses import replace

        ranked = sorted(roles, key=rank)
        return [
            replace(role, order=index, colour=colours.get(role.name.lower(), role.colour))
            for index, role in enumerate(ranked)
        ]

    def process_lookup(self) -> dict[tuple[str, int], Process]:
        return dict(index_processes(self.store.processes(), self.store.process_history()))

    def runs_through(
        self,
        through: date,
        *,
        missed_through: date | None = None,
        processes: list[Process] | None = None,
    ) -> Materialized:
        """The schedules' runs through `through` from what the store holds (nothing written):
        the one place the inputs of `materialize` are gathered, for the day, the calendar and
        the library's next dates (`processes`: only those, default all)."""
        store = self.store
        open_by_process: dict[str, list[Occurrence]] = {}
        for occurrence in store.open_occurrences():
            open_by_process.setdefault(occurrence.process_id, []).append(occurrence)
        return materialize(
            store.processes() if processes is None else processes,
            open_by_process,
            store.last_closed_on(),
            store.horizons(),
            through,
            self.now(),
            store.next_occurrence_no(),
            missed_through=missed_through,
        )

    def take_unsaved_note(self) -> str | None:
        """What `refresh` could not save (once: then forgotten)."""
        note, self.unsaved_note = self.unsaved_note, None
        return note

    def refresh(self, through: date | None = None) -> Materialized:
        """Create the occurrences due through `through` (default today) and mark missed ones.

        Runs are missed by the real calendar only: a `--date` ahead rehearses a later day
        and must not close today's real runs (`missed_through` stops at the real date; the
        day ahead leaves the runs missed by then out, in memory, see `plan_day`).
        Read-only, the result stays in memory: the day shown is right, nothing is written.
        """
        through = through or self.today()
        store = self.store
        missed_through = min(through, self.today(), self.clock.real_today())
        result = self.runs_through(through, missed_through=missed_through)
        if result.changed:
            try:
                with store.batch():
                    store.add_occurrences(result.created, result.horizons, result.next_no)
                    store.save_occurrences(result.missed)
            except StoreWriteError as refused:
                # the disk is full, or the file would pass the size Cockpit reads: the day
                # is still right from memory, and saved with the next change that succeeds
                with store.unsaved():
                    store.add_occurrences(result.created, result.horizons, result.next_no)
                    store.save_occurrences(result.missed)
                self.unsaved_note = (
                    f"{refused} The day is shown from memory; its new runs are saved with "
                    "the next change that succeeds."
                )
        return result


def _why(refused: StoreError) -> str:
    if isinstance(refused, StoreLockedError):
        return "locked"
    return "folder" if isinstance(refused, StoreFolderReadOnlyError) else "file"
