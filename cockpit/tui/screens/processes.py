"""Processes: the library of the business as a tree (role → system → process) with stage
badges, and the selected process in detail: schedule and next dates, target, steps, and
in testing its timed runs against the target. Everything is edited here by keyboard.

Data is read by `load_library` in a worker; every change goes through
`services.library` (forms) or `services.sop` (export, import) in a worker too. The tree
and its filters are built by `processes_tree`, the detail pane's texts by
`processes_detail`, the SOP keys' dialogs by `processes_sops`; this module wires them to
the keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static, Tree

from cockpit.domain.model import Stage
from cockpit.services.catalog import Library, load_library
from cockpit.tui.messages import CockpitReady
from cockpit.tui.screens.base import CockpitScreen
from cockpit.tui.screens.confirm import ConfirmScreen
from cockpit.tui.screens.processes_detail import (
    other_info,
    process_info,
    step_options,
    testing_runs,
)
from cockpit.tui.screens.processes_sops import ask_export, ask_import
from cockpit.tui.screens.processes_tree import (
    STAGES,
    LibraryTree,
    Node,
    StepsList,
    cursor_context,
    fill_tree,
    filters_line,
    next_choice,
    node_lines,
    shown_processes,
)
from cockpit.tui.screens.role_form import RoleFormScreen
from cockpit.tui.screens.system_form import SystemFormScreen
from cockpit.tui.widgets.footer import CockpitFooter
from cockpit.tui.widgets.opening_note import OpeningNote
from cockpit.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from cockpit.domain.model import Process, Role, Step, System


class ProcessesScreen(CockpitScreen[None]):
    """Roles, systems and processes: see them, shape them, retire them."""

    CSS_PATH = "../processes.tcss"  # loaded when the screen is first shown, not at start

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_process", "New process", id="processes.new"),
        Binding("e", "edit", "Edit", id="processes.edit"),
        Binding("a", "add_step", "Add step", id="processes.add_step"),
        Binding("E", "edit_step", "Edit step", id="processes.edit_step", show=False),
        Binding("d", "delete_step", "Delete step", id="processes.delete_step"),
        Binding("J", "move_step(1)", "Step down", id="processes.step_down", show=False),
        Binding("K", "move_step(-1)", "Step up", id="processes.step_up", show=False),
        Binding("x", "archive", "Retire", id="processes.archive"),
        Binding("R", "new_role", "New role", id="processes.new_role", show=False),
        Binding("Y", "new_system", "New system", id="processes.new_system", show=False),
        Binding("r", "cycle_role", "Role", id="processes.role", show=False),
        Binding("g", "cycle_stage", "Stage", id="processes.stage", show=False),
        Binding("o", "export", "Export SOP", id="processes.export", show=False),
        Binding("i", "import", "Import", id="processes.import", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: Library | None = None
        self.role_filter: str | None = None
        self.stage_filter: str | None = None
        self.wanted: Node | None = None  # the node to put the cursor on after a reload
        self.wanted_step: str | None = None
        self._token = 0

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static("", id="processes-filters")
        with Horizontal(id="processes-body"):
            tree = LibraryTree("Business", id="processes-tree")
            tree.show_root = False
            yield tree
            with Vertical(id="processes-detail"):
                yield OpeningNote(id="process-info")
                yield StepsList(id="process-steps")
                yield Static("", id="process-runs")
        yield CockpitFooter()

    def on_mount(self) -> None:
        self.show_filters()
        self.query_one(Tree).focus()
        if self.cockpit_app.cockpit is not None:
            self.load()

    def on_cockpit_ready(self, message: CockpitReady) -> None:
        self.load()

    # -- loading -------------------------------------------------------------------------

    def load(self, select: Node | None = None) -> None:
        if select is not None:
            self.wanted = select
        self._token += 1
        token = self._token
        self.cockpit_app.run_service(
            load_library, lambda data: self.loaded(data, token), group="load"
        )

    def loaded(self, data: Library, token: int) -> None:
        if token != self._token:
            return
        self.data = data
        self.query_one(StatusBar).show(data.today, data.roles)
        self.show_filters()
        self.fill_tree()

    # -- the tree ------------------------------------------------------------------------

    def shown_processes(self) -> list[Process]:
        return shown_processes(self.data, self.role_filter, self.stage_filter)

    def fill_tree(self) -> None:
        data = self.data
        if data is None:
            return
        tree: Tree[Node] = self.query_one("#processes-tree", Tree)
        keep = self.wanted or self.current_node()
        fill_tree(tree, data, self.role_filter, self.stage_filter, self.app.theme_variables)
        self.wanted = None
        # the tree numbers its lines when it next renders: move the cursor after that
        self.call_after_refresh(self.select_node, keep)

    def select_node(self, wanted: Node | None) -> None:
        """Put the cursor on a node (every node is expanded: its line is its place in order)."""
        tree: Tree[Node] = self.query_one("#processes-tree", Tree)
        lines = node_lines(tree)
        if lines:
            tree.cursor_line = lines.index(wanted) if wanted in lines else 0
        self.show_detail()

    def current_node(self) -> Node | None:
        tree: Tree[Node] = self.query_one("#processes-tree", Tree)
        node = tree.cursor_node
        return node.data if node is not None else None

    def current_process(self) -> Process | None:
        node = self.current_node()
        if node is None or node[0] != "process" or self.data is None:
            return None
        return next((p for p in self.data.processes if p.id == node[1]), None)

    def current_step(self) -> Step | None:
        process = self.current_process()
        steps = self.query_one("#process-steps", OptionList)
        if process is None or steps.highlighted is None or not process.steps:
            return None
        option = steps.get_option_at_index(steps.highlighted)
        return next((s for s in process.steps if s.id == option.id), None)

    @on(Tree.NodeHighlighted, "#processes-tree")
    def _highlighted(self) -> None:
        self.show_detail()

    # -- the detail ----------------------------------------------------------------------

    def show_filters(self) -> None:
        line = filters_line(self.data, self.role_filter, self.stage_filter)
        self.query_one("#processes-filters", Static).update(line)

    def show_detail(self) -> None:
        data, process = self.data, self.current_process()
        info = self.query_one("#process-info", Static)
        steps = self.query_one("#process-steps", OptionList)
        runs = self.query_one("#process-runs", Static)
        node = self.current_node()
        steps.display = runs.display = process is not None
        if data is None:
            return
        if process is None:
            info.update(other_info(data, node))
            return
        info.update(process_info(data, process))
        keep = self.wanted_step or (s.id if (s := self.current_step()) else None)
        steps.clear_options()
        steps.add_options(step_options(process))
        ids = [s.id for s in process.steps]
        if keep in ids:
            steps.highlighted = ids.index(keep)
        self.wanted_step = None
        runs.display = process.stage is Stage.TESTING
        if process.stage is Stage.TESTING:
            runs.update(testing_runs(data, process))

    # -- keys ----------------------------------------------------------------------------

    def action_cycle_role(self) -> None:
        if self.data is not None:
            choices: list[str | None] = [None, *(r.id for r in self.data.roles if not r.archived)]
            self.role_filter = next_choice(choices, self.role_filter)
            self.show_filters()
            self.fill_tree()

    def action_cycle_stage(self) -> None:
        self.stage_filter = next_choice(list(STAGES), self.stage_filter)
        self.show_filters()
        self.fill_tree()

    def saved_process(self, process: Process | None) -> None:
        if process is not None:
            self.notify(f'Saved "{process.name}" (version {process.version}).', timeout=3)
            self.load(("process", process.id))

    def action_new_process(self) -> None:
        if self.cockpit_app.says_read_only():
            return
        from cockpit.tui.screens.process_form import ProcessFormScreen

        if self.data is None:
            return
        role, system = cursor_context(self.query_one("#processes-tree", Tree))
        form = ProcessFormScreen(self.data.roles, self.data.systems, role_id=role, system_id=system)
        self.app.push_screen(form, self.saved_process)

    def action_edit(self) -> None:
        if self.cockpit_app.says_read_only():
            return
        from cockpit.tui.screens.process_form import ProcessFormScreen

        data, node = self.data, self.current_node()
        if data is None or node is None:
            return
        kind, item = node
        if kind == "process" and (process := self.current_process()) is not None:
            self.app.push_screen(
                ProcessFormScreen(data.roles, data.systems, process), self.saved_process
            )
        elif kind == "role" and (role := next((r for r in data.roles if r.id == item), None)):
            self.app.push_screen(RoleFormScreen(role), lambda r: self._saved("role", r))
        elif kind == "system" and (system := next((s for s in data.systems if s.id == item), None)):
            self.app.push_screen(SystemFormScreen(system), lambda s: self._saved("system", s))

    def _saved(self, kind: str, item: Role | System | None) -> None:
        if item is not None:
            self.notify(f'Saved {kind} "{item.name}".', timeout=3)
            self.load((kind, item.id))

    def action_new_role(self) -> None:
        if self.cockpit_app.says_read_only():
            return
        self.app.push_screen(RoleFormScreen(), lambda r: self._saved("role", r))

    def action_new_system(self) -> None:
        if self.cockpit_app.says_read_only():
            return
        self.app.push_screen(SystemFormScreen(), lambda s: self._saved("system", s))

    def _need_process(self) -> Process | None:
        process = self.current_process()
        if process is None:
            self.notify("Put the cursor on a process first.", severity="warning", timeout=3)
        return process

    def action_add_step(self) -> None:
        if self.cockpit_app.says_read_only():
            return
        from cockpit.tui.screens.step_form import StepFormScreen

        if (process := self._need_process()) is not None:
            self.app.push_screen(StepFormScreen(process), self._saved_step)

    def _saved_step(self, process: Process | None) -> None:
        if process is not None and process.steps:
            self.wanted_step = (
                process.steps[-1].id if self.wanted_step is None else self.wanted_step
            )
        self.saved_process(process)

    def action_edit_step(self) -> None:
        if self.cockpit_app.says_read_only():
            return
        from cockpit.tui.screens.step_form import StepFormScreen

        process, step = self._need_process(), self.current_step()
        if process is not None and step is not None:
            self.wanted_step = step.id
            self.app.push_screen(StepFormScreen(process, step), self._saved_step)

    @on(OptionList.OptionSelected, "#process-steps")
    def _step_selected(self) -> None:
        self.action_edit_step()

    def _write(self, job: Any, node: Node | None, message: str) -> None:
        def done(_: object) -> None:
            self.notify(message, timeout=3)
            self.load(node)

        self.cockpit_app.run_service(job, done, group="write")

    def action_delete_step(self) -> None:
        if self.cockpit_app.says_read_only():
            return
        from cockpit.services.library import delete_step

        process, step = self._need_process(), self.current_step()
        if process is None:
            return
        if step is None:
            self.notify("Choose a step first: Tab to the steps, then j/k.", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(
                    lambda c: delete_step(c, process.id, step.id),
                    ("process", process.id),
                    f'Deleted step "{step.title}".',
                )

        self.app.push_screen(ConfirmScreen(f"Delete step “{step.title}”?"), answered)

    def action_move_step(self, delta: int) -> None:
        from cockpit.services.library import move_step

        process, step = self._need_process(), self.current_step()
        if process is None or step is None:
            return
        self.wanted_step = step.id
        self._write(
            lambda c: move_step(c, process.id, step.id, delta),
            ("process", process.id),
            f'Moved "{step.title}" {"down" if delta > 0 else "up"}.',
        )

    def action_archive(self) -> None:
        if self.cockpit_app.says_read_only():
            return
        from cockpit.services import library

        data, node = self.data, self.current_node()
        if data is None or node is None or node[0] not in ("role", "system", "process"):
            return
        kind, item = node
        jobs = {
            "process": (library.archive_process, "Retire process"),
            "role": (library.archive_role, "Retire role"),
            "system": (library.archive_system, "Retire system"),
        }
        use_case, verb = jobs[kind]
        names = {("role", r.id): r.name for r in data.roles}
        names |= {("system", s.id): s.name for s in data.systems}
        names |= {("process", p.id): p.name for p in data.processes}
        name = names.get(node, item)

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(lambda c: use_case(c, item), node, f'{verb}: "{name}" done.')

        self.app.push_screen(ConfirmScreen(f"{verb} “{name}”?"), answered)

    def action_export(self) -> None:
        if (process := self._need_process()) is not None:
            ask_export(self, process)

    def action_import(self) -> None:
        if self.cockpit_app.says_read_only():
            return
        ask_import(self)
