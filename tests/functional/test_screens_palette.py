"""The palette finds the day's steps and the processes over the day the app keeps: a step
chosen moves Today's cursor to it, a process chosen starts its run (both as messages down to
Today); from another view, a choice brings Today back first."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from tests.functional.helpers import ready, step_list, today_screen
from tests.ui_support import SIZE, AppFactory, Driver, app_of, wait_for_screen, wait_until


async def search(pilot: Driver, text: str) -> list[str]:
    """Open the palette, type `text`, and return the hits' prompts once they settle."""
    await pilot.press("ctrl+p")
    palette = await wait_for_screen(pilot, CommandPalette)
    await pilot.press(*text)
    hits = palette.query_one(CommandList)
    await wait_until(pilot, lambda: hits.option_count > 0)
    await pilot.pause(0.3)  # the providers answer one after the other
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


async def test_the_app_keeps_the_day_today_shows(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        plan = today_screen(pilot).plan
        await wait_until(pilot, lambda: app_of(pilot).day_plan is plan)
        assert plan is not None
        assert app_of(pilot).roles == plan.roles


async def test_a_step_chosen_in_the_palette_gets_the_cursor(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        plan = today_screen(pilot).plan
        assert plan is not None and len(plan.steps) > 1
        last = plan.steps[-1]
        assert step_list(pilot).current_key != last.id
        hits = await search(pilot, last.step.title)
        assert any(last.step.title in hit for hit in hits), hits
        top = hits[0]
        await pilot.press("enter")
        chosen = next(due for due in plan.steps if f"{due.process.name} › {due.step.title}" in top)
        await wait_until(pilot, lambda: step_list(pilot).current_key == chosen.id)


async def test_a_process_chosen_in_the_palette_starts_a_run(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        plan = today_screen(pilot).plan
        assert plan is not None
        before = {due.occurrence.identity for due in plan.steps}
        hits = await search(pilot, "Start Book a discovery call")
        assert hits and hits[0].startswith("Start "), hits
        await pilot.press("enter")

        def started() -> bool:
            shown = today_screen(pilot).plan
            return shown is not None and bool(
                {due.occurrence.identity for due in shown.steps} - before
            )

        await wait_until(pilot, started)


async def test_from_another_view_a_step_chosen_brings_today_back(make_app: AppFactory) -> None:
    """ctrl+p on Review finds the day's steps too (it found them on Today only): choosing one
    switches to Today with the cursor on it."""
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        plan = today_screen(pilot).plan
        assert plan is not None and len(plan.steps) > 1
        last = plan.steps[-1]
        await pilot.press("4")
        await wait_until(pilot, lambda: app_of(pilot).current_mode == "review")
        hits = await search(pilot, last.step.title)
        assert any(last.step.title in hit for hit in hits), hits
        top = hits[0]
        await pilot.press("enter")
        chosen = next(due for due in plan.steps if f"{due.process.name} › {due.step.title}" in top)
        await wait_until(pilot, lambda: app_of(pilot).current_mode == "today")
        await wait_until(pilot, lambda: step_list(pilot).current_key == chosen.id)
