"""The Cockpit context: one store, one clock, the settings, shared by every use case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from cockpit.clock import Clock
from cockpit.config import Settings
from cockpit.domain.due import index_processes
from cockpit.domain.materialize import Materialized, materialize
from cockpit.domain.model import Process, Role
from cockpit.domain.occurrence import Occurrence
from cockpit.store.database import Store
from cockpit.store.errors import StoreLockedError, StoreNotWritableError, StoreReadOnlyError


@dataclass
class Cockpit:
    """What every service function works with."""

    store: Store
    clock: Clock
    settings: Settings

    @classmethod
    def open(
        cls,
        path: Path,
        clock: Clock,
        settings: Settings,
        *,
        read_only: bool = False,
        fall_back_to_read_only: bool = False,
    ) -> Cockpit:
        """Open the data file as the writer, or read-only when asked (or when it is locked).

        Backups and archives go by the real calendar, never by a simulated `--date`.
        """
        try:
            today, now = clock.real_today(), clock.now()
            store = Store.open(path, read_only=read_only, today=today, now=now)
        except (StoreLockedError, StoreNotWritableError):
            if not fall_back_to_read_only:
                raise
            store = Store.open(path, read_only=True)
        return cls(store, clock, settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Cockpit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def require_writer(self) -> None:
        if self.store.read_only:
            raise StoreReadOnlyError(self.store.path)

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

    def refresh(self, through: date | None = None) -> Materialized:
        """Create the occurrences due through `through` (default today) and mark missed ones.

        Read-only, the result stays in memory: the day shown is right, nothing is written.
        """
        through = through or self.today()
        store = self.store
        open_by_process: dict[str, list[Occurrence]] = {}
        for occurrence in store.open_occurrences():
            open_by_process.setdefault(occurrence.process_id, []).append(occurrence)
        result = materialize(
            store.processes(),
            open_by_process,
            store.last_closed_on(),
            store.horizons(),
            through,
            self.now(),
            store.next_occurrence_no(),
            missed_through=min(through, self.today()),
        )
        if result.changed:
            with store.batch():
                store.add_occurrences(result.created, result.horizons, result.next_no)
                store.save_occurrences(result.missed)
        return result
