"""What came from another device shows in every view, also one in another mode shown before."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Tree

from cockpit.services import library
from cockpit.tui.screens.processes import ProcessesScreen
from cockpit.tui.screens.today import TodayScreen
from tests.functional.helpers import ready
from tests.functional.test_sync_support import looking_every, noted, on_device, other_device, sync
from tests.ui_support import SIZE, AppFactory, switch_mode, wait_until


def tree_labels(screen: ProcessesScreen) -> str:
    tree = screen.query_one("#processes-tree", Tree)
    labels = []
    stack = [tree.root]
    while stack:
        node = stack.pop()
        labels.append(str(node.label))
        stack.extend(node.children)
    return "\n".join(labels)


async def test_a_rename_elsewhere_shows_in_processes_when_it_comes_back(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    async with looking_every(make_app(), 0.2).run_test(size=SIZE) as pilot:
        await ready(pilot)
        processes = await switch_mode(pilot, "5", ProcessesScreen, lambda s: s.data is not None)
        await switch_mode(pilot, "1", TodayScreen, lambda s: s.plan is not None)
        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            process = next(p for p in ctx.store.processes() if p.name == "Invoice clients")
            library.save_process(
                ctx, process_id=process.id, name="Invoice every client", role_id=process.role,
                system_id=process.system, schedule_text=process.schedule.text,
                target_minutes=process.target_minutes, stage=process.stage,
            )  # fmt: skip
        sync(desktop, data_path)
        await wait_until(pilot, lambda: noted(pilot, "Updated from disk"), timeout=5)
        await pilot.press("5")
        await wait_until(pilot, lambda: "Invoice every client" in tree_labels(processes))
