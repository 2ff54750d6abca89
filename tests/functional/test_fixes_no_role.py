"""A role of the owner's whose id is "no-role" (a role named "No role" made in the form, or
one imported or hand-edited) lives beside the Today screen's section of dated tasks not given
a role: both show, each with its own tasks, and nothing crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.domain.model import Role
from cockpit.services.tasks import add_task
from tests.functional.helpers import option_ids, ready, today_screen
from tests.ui_support import DAY, AppFactory, errors, open_cockpit, screen_lines


@pytest.fixture
def clashing(data_path: Path) -> Path:
    with open_cockpit(data_path) as ctx:
        ctx.store.save_role(Role(id="no-role", name="No role", colour="#123456", order=99))
        add_task(ctx, "Sign the lease", role="no-role", due=DAY)
        add_task(ctx, "Call the bank", due=DAY)
    return data_path


async def test_a_role_with_the_sections_id_does_not_crash_or_mix_the_day(
    clashing: Path, make_app: AppFactory
) -> None:
    async with make_app(clashing).run_test(size=(160, 60)) as pilot:
        await ready(pilot)
        assert pilot.app.is_running
        assert not errors(pilot), errors(pilot)
        sections = today_screen(pilot).plan.sections  # type: ignore[union-attr]
        ids = [section.role.id for section in sections]
        assert len(ids) == len(set(ids)), ids
        by_title = {task.title: section.role for section in sections for task in section.tasks}
        assert by_title["Sign the lease"].id == "no-role"
        assert by_title["Call the bank"].id != "no-role"
        assert by_title["Call the bank"].name != by_title["Sign the lease"].name
        headers = [key for key in option_ids(pilot) if key.startswith("header:")]
        assert len(headers) == len(set(headers)), headers
        shown = "\n".join(screen_lines(pilot.app))
        assert "Sign the lease" in shown and "Call the bank" in shown
