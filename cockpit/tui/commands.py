"""The command palette: every action of the current screen and the app, and processes and
steps by name (Textual's own commands, Keys, Maximize, Screenshot, are not Cockpit's)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from cockpit.domain.text import printable
from cockpit.tui.key_list import key_label, keymap_of, view_keys
from cockpit.tui.plain import highlighted

if TYPE_CHECKING:
    from cockpit.domain.model import Process
    from cockpit.tui.app import CockpitApp


class ActionCommands(Provider):
    """The bindings of the screen the palette was opened on, by description."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        commands: list[tuple[str, str, Callable[[], object]]] = []
        seen = set()
        for key, binding, node in view_keys(self.screen, keymap_of(self.screen)):
            if binding.description in seen:
                continue
            seen.add(binding.description)
            run = partial(self.app.run_action, binding.action, node)
            commands.append((binding.description, f"key: {key_label(key)}", run))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), run, help=help_text)


class ProcessCommands(Provider):
    """Find a process or a due step by name: a step jumps to it, a process starts a run."""

    processes: tuple[Process, ...] = ()

    async def startup(self) -> None:
        """Read the processes once per palette, off the UI thread."""
        app: CockpitApp = self.app  # type: ignore[assignment]
        if app.cockpit is not None:
            from cockpit.services.catalog import active_processes

            self.processes = tuple(await asyncio.to_thread(active_processes, app.cockpit))

    async def search(self, query: str) -> Hits:
        from cockpit.tui.screens.today import TodayScreen

        app: CockpitApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        today = next((s for s in app.screen_stack if isinstance(s, TodayScreen)), None)
        if today is not None and today.plan is not None:
            for due in today.plan.steps:
                label = f"{due.process.name} › {due.step.title}"
                score = matcher.match(label)
                if score > 0:
                    yield Hit(
                        score,
                        highlighted(matcher, label),
                        partial(today.jump_to, due.id),
                        help=f"due step {due.id}",
                    )
        for process in self.processes:
            label = f"Start {process.name}"
            score = matcher.match(label)
            if score > 0 and today is not None:
                yield Hit(
                    score * 0.9,
                    highlighted(matcher, label),
                    partial(today.start_by_id, process.id),
                    help=escape(printable(f"{process.schedule.text} · {len(process.steps)} steps")),
                )
