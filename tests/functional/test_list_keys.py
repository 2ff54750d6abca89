"""Every list moves with j/k, as the README says: here the Processes tree."""

from __future__ import annotations

from textual.widgets import Tree

from cockpit.tui.screens.processes import ProcessesScreen
from tests.functional.helpers import ready
from tests.ui_support import SIZE, AppFactory, settle, switch_mode


async def test_j_and_k_move_in_the_processes_tree(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await switch_mode(pilot, "5", ProcessesScreen, lambda s: s.data is not None)
        tree = screen.query_one("#processes-tree", Tree)
        await settle(pilot)
        start = tree.cursor_line
        await pilot.press("j", "j")
        await settle(pilot)
        assert tree.cursor_line == start + 2
        await pilot.press("k")
        await settle(pilot)
        assert tree.cursor_line == start + 1


async def test_j_and_k_move_in_a_processes_steps(make_app: AppFactory) -> None:
    from textual.widgets import OptionList

    from tests.functional.processes.conftest import cursor_to

    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await switch_mode(pilot, "5", ProcessesScreen, lambda s: s.data is not None)
        await cursor_to(pilot, screen, ("process", "invoice-clients"))
        steps = screen.query_one("#process-steps", OptionList)
        steps.focus()
        await settle(pilot)
        steps.highlighted = 0
        await pilot.press("j", "j")
        await settle(pilot)
        assert steps.highlighted == 2
        await pilot.press("k")
        await settle(pilot)
        assert steps.highlighted == 1
