"""The palette opens on Cockpit's actions, not Textual's Keys, Maximize and Screenshot."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from tests.functional.helpers import ready
from tests.ui_support import SIZE, AppFactory, Driver, wait_for_screen, wait_until


def prompts(hits: CommandList) -> list[str]:
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


async def opened_list(pilot: Driver) -> list[str]:
    await pilot.press("ctrl+p")
    palette = await wait_for_screen(pilot, CommandPalette)
    hits = palette.query_one(CommandList)
    await wait_until(pilot, lambda: hits.option_count > 5)
    return prompts(hits)


async def test_the_default_list_is_cockpits_actions(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        shown = "\n".join(await opened_list(pilot))
        for textual_own in ("Keys", "Maximize", "Screenshot", "Minimize"):
            assert textual_own not in shown
        for ours in ("Done", "Skip", "Detail", "Help", "Theme", "Quit", "Routines"):
            assert ours in shown, ours


async def test_enter_hidden_by_the_list_still_runs_from_the_palette(make_app: AppFactory) -> None:
    from cockpit.tui.screens.step_detail import StepDetailScreen

    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"Detail")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for_screen(pilot, StepDetailScreen)
