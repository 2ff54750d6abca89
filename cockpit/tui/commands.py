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
from cockpit.tui.cockpit_app import cockpit_app
from cockpit.tui.key_list import key_label, keymap_of, view_keys
from cockpit.tui.messages import ProcessChosen, StepChosen
from cockpit.tui.plain import highlighted

if TYPE_CHECKING:
    from textual.message import Message

    from cockpit.domain.model import Process


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
    """Find a process or a due step by name: a step jumps to it, a process starts a run.

    Over the day Today shows (the app keeps it), from any view: a choice brings Today back
    (its mode) and goes down to its views as a message (StepChosen, ProcessChosen), which
    Today acts on."""

    processes: tuple[Process, ...] = ()

    async def startup(self) -> None:
        """Read the processes once per palette, off the UI thread."""
        app = cockpit_app(self.app)
        if app.cockpit is not None:
            from cockpit.services.catalog import active_processes

            loaded: asyncio.Future[list[Process]] = asyncio.get_running_loop().create_future()

            def settle(processes: list[Process]) -> None:
                if not loaded.done():  # the palette may have closed meanwhile
                    loaded.set_result(processes)

            app.run_service(active_processes, settle, failed=lambda: settle([]))
            self.processes = tuple(await loaded)

    async def _tell(self, message: Callable[[], Message]) -> None:
        """A choice, down to the views of the Today mode (switched to first)."""
        app = self.app
        if app.current_mode != "today":
            await app.switch_mode("today")
        for screen in app.screen_stack:
            screen.post_message(message())

    async def search(self, query: str) -> Hits:
        app = cockpit_app(self.app)
        matcher = self.matcher(query)
        plan = app.day_plan
        for due in plan.steps if plan is not None else ():
            label = f"{due.process.name} › {due.step.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, label),
                    partial(self._tell, partial(StepChosen, due.id)),
                    help=f"due step {due.id}",
                )
        for task in (*plan.tasks, *plan.inbox) if plan is not None else ():
            key = task.key
            score = matcher.match(task.title)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, task.title),
                    partial(self._tell, partial(StepChosen, key)),
                    help=f"task {key}" + (" in the inbox" if task.due is None else ""),
                )
        for process in self.processes:
            label = f"Start {process.name}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score * 0.9,
                    highlighted(matcher, label),
                    partial(self._tell, partial(ProcessChosen, process.id)),
                    help=escape(printable(f"{process.schedule.text} · {len(process.steps)} steps")),
                )
