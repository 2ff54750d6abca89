"""A process form left open while another device's edit of that process comes in: its save
is refused with a word, and the other device's version stays (the outside tester's form,
begun on version 1, saved over version 2 once the app had taken the file in)."""

from __future__ import annotations

from pathlib import Path

from cockpit.services import library
from cockpit.tui.screens.process_form import ProcessFormScreen
from tests.functional.processes.conftest import open_processes, reading
from tests.functional.test_sync_support import looking_every, noted, on_device, other_device, sync
from tests.ui_support import SIZE, AppFactory, errors, paste, settle, wait_until


async def test_a_form_begun_before_an_edit_elsewhere_does_not_save_over_it(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    async with looking_every(make_app(), 0.05).run_test(size=SIZE) as pilot:
        screen = await open_processes(pilot)
        for _ in range(6):  # down from the first role to its first process
            if screen.current_process() is not None:
                break
            await pilot.press("down")
            await settle(pilot)
        chosen = screen.current_process()
        assert chosen is not None
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProcessFormScreen))
        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            library.save_process(
                ctx, process_id=chosen.id, name=f"{chosen.name} FROM B", role_id=chosen.role,
                system_id=chosen.system, schedule_text=chosen.schedule.text,
                target_minutes=chosen.target_minutes, stage=chosen.stage,
            )  # fmt: skip
        sync(desktop, data_path)
        await wait_until(pilot, lambda: noted(pilot, "Updated from disk"), timeout=5)
        await paste(pilot, f"{chosen.name} (A edit)", into="#name")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: bool(errors(pilot)) or noted(pilot, "changed elsewhere"))
        assert noted(pilot, "changed elsewhere while this form was open")
    with reading(data_path) as ctx:
        names = {p.name for p in ctx.store.processes()}
    assert f"{chosen.name} FROM B" in names and f"{chosen.name} (A edit)" not in names
