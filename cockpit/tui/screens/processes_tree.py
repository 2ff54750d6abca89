"""The left-hand side of the Processes view: the tree of the library (role → system →
process, a stage badge on each process) and the filter line above it (role, stage).

Functions over the `Library` the view read and the widgets it owns; the screen decides
when to fill the tree and where the cursor goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.color import ColorParseError
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Tree

from cockpit.domain.model import Stage
from cockpit.domain.text import printable
from cockpit.tui.plain import plain

if TYPE_CHECKING:
    from textual.widgets.tree import TreeNode

    from cockpit.domain.model import Process
    from cockpit.services.catalog import Library

STAGES: tuple[str | None, ...] = (None, *(s.value for s in Stage))
STAGE_TONES = {"draft": "secondary", "testing": "warning", "routine": "success"}
STAGE_TONES["retired"] = "foreground"
NO_SYSTEM = "No system"
Node = tuple[str, str]  # (kind: "role" | "system" | "process" | "group", id)


class StepsList(OptionList):
    """A process's steps in the detail pane; it moves with j/k as every list does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", id="processes.steps_down", show=False),
        Binding("k", "cursor_up", "Up", id="processes.steps_up", show=False),
    ]


class LibraryTree(Tree[Node]):
    """The library's tree; it moves with j/k as every list in Cockpit does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", id="processes.down", show=False),
        Binding("k", "cursor_up", "Up", id="processes.up", show=False),
    ]


def shown_processes(
    data: Library | None, role_filter: str | None, stage_filter: str | None
) -> list[Process]:
    """The processes the filters let through, in library order."""
    if data is None:
        return []
    return [
        p
        for p in data.processes
        if role_filter in (None, p.role) and stage_filter in (None, p.stage.value)
    ]


def next_choice(choices: list[str | None], current: str | None) -> str | None:
    """The filter value after `current` (back to the first after the last)."""
    index = choices.index(current) if current in choices else 0
    return choices[(index + 1) % len(choices)]


def filters_line(
    data: Library | None, role_filter: str | None, stage_filter: str | None
) -> Content:
    """The line above the tree: each filter, its key, and how many processes are shown."""
    roles = {r.id: r.name for r in data.roles} if data else {}
    role = roles.get(role_filter or "", role_filter)
    parts: list[Content | str] = []
    for key, label, value in (("r", "role", role), ("g", "stage", stage_filter)):
        parts.append(Content.assemble((f"{label} ", "$text-muted"), plain(value or "all", "bold")))
        parts.append(Content.styled(f" ({key})   ", "$text-muted"))
    if data:
        count = len(shown_processes(data, role_filter, stage_filter))
        shown = f"{count} of {len(data.processes)} processes"
        parts.append(Content.styled(shown, "$text-muted"))
    return Content.assemble(*parts)


def stage_tone(theme: Mapping[str, str], stage: str) -> Style:
    """The badge colour of a stage, from the theme (dim for a retired process)."""
    colour = theme.get(STAGE_TONES[stage], "")
    try:
        return Style(color=colour or None, dim=stage == "retired")
    except ColorParseError:
        return Style(dim=stage == "retired")


def process_label(process: Process, theme: Mapping[str, str]) -> Text:
    stage = process.stage.value
    return Text.assemble(printable(process.name), " ", (f"[{stage}]", stage_tone(theme, stage)))


def fill_tree(
    tree: Tree[Node],
    data: Library,
    role_filter: str | None,
    stage_filter: str | None,
    theme: Mapping[str, str],
) -> None:
    """Rebuild the tree: every role with processes shown (or the filtered role), its
    systems by name ("No system" last), their processes; then the unused systems."""
    tree.clear()
    processes = shown_processes(data, role_filter, stage_filter)
    systems = {s.id: s for s in data.systems}
    filtered = role_filter is not None or stage_filter is not None
    for role in data.roles:
        mine = [p for p in processes if p.role == role.id]
        if role_filter not in (None, role.id) or (role.archived and not mine):
            continue
        if filtered and not mine and role_filter is None:
            continue
        label = Text(printable(role.name), style="bold")
        if role.archived:
            label.append(" (retired)")
        role_node = tree.root.add(label, data=("role", role.id), expand=True)
        groups: dict[str | None, list[Process]] = {}
        for process in mine:
            groups.setdefault(process.system, []).append(process)
        for system_id in sorted(groups, key=lambda s: (s is None, systems[s].name if s else "")):
            name = systems[system_id].name if system_id in systems else NO_SYSTEM
            system_node = role_node.add(
                Text(printable(name)), data=("system", system_id or ""), expand=True
            )
            for process in groups[system_id]:
                system_node.add_leaf(process_label(process, theme), data=("process", process.id))
    used = {p.system for p in data.processes}
    spare = [s for s in data.systems if s.id not in used and not s.archived]
    if spare and not filtered:
        spare_node = tree.root.add("Systems without processes", data=("group", ""), expand=True)
        for system in spare:
            spare_node.add_leaf(Text(printable(system.name)), data=("system", system.id))


def node_lines(tree: Tree[Node]) -> list[Node | None]:
    """The data of every node in display order (every node is expanded: one line each)."""
    lines: list[Node | None] = []

    def walk(node: TreeNode[Node]) -> None:
        for child in node.children:
            lines.append(child.data)
            walk(child)

    walk(tree.root)
    return lines


def cursor_context(tree: Tree[Node]) -> tuple[str | None, str | None]:
    """The role and system the cursor is in (for a new process)."""
    node = tree.cursor_node
    role = system = None
    while node is not None and node.data is not None:
        kind, item = node.data
        if kind == "role" and role is None:
            role = item
        if kind == "system" and system is None and item:
            system = item
        node = node.parent
    return role, system
