"""A dropdown opened near the bottom of a small terminal leaves the footer and its keys on
screen (the Stage of a process covered them)."""

from __future__ import annotations

from textual.widgets import Select

from cockpit.tui.screens.process_form import ProcessFormScreen
from cockpit.tui.widgets.footer import CockpitFooter
from tests.functional.processes.conftest import press_5_for_processes
from tests.ui_support import AppFactory, settle, wait_until


async def test_the_stage_dropdown_leaves_the_footer_visible(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(60, 18)) as pilot:
        processes = await press_5_for_processes(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProcessFormScreen))
        form = pilot.app.screen
        stage = form.query_one("#stage", Select)
        while not stage.has_focus:  # tabbed to, as a person does: it ends at the bottom
            await pilot.press("tab")
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: stage.expanded)
        await settle(pilot)
        overlay = stage.query_one("SelectOverlay")
        footer = processes.query_one(CockpitFooter)  # the view's, under the dialog
        assert footer.region.height and overlay.region.height
        assert overlay.region.bottom <= footer.region.y
