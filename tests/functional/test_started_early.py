"""A scheduled process started by hand before its date: its next run, due today, is not
"snoozed" (its steps are due sooner than their own dates, not later), on Today and in
`cockpit today --json`."""

from __future__ import annotations

from pathlib import Path

import orjson

from cockpit.cli.render import plan_json
from cockpit.services import actions
from cockpit.services.day import plan_day
from cockpit.tui.widgets.step_list import step_row
from tests.functional.helpers import ready, step_list
from tests.ui_support import SIZE, AppFactory, open_cockpit

PROCESS = "Weekly client update"  # weekly on thu: the next run is Thu 2026-11-26


def start_early(path: Path) -> str:
    with open_cockpit(path) as ctx:
        return str(actions.start(ctx, PROCESS).after[0].no)


def test_the_steps_of_a_run_started_early_are_open_not_snoozed(data_path: Path) -> None:
    run = start_early(data_path)
    with open_cockpit(data_path, read_only=True) as ctx:
        plan = plan_day(ctx)
        rows = [r for r in orjson.loads(plan_json(plan, ctx)) if r["id"].startswith(f"{run}.")]
        texts = [step_row(due).plain for due in plan.steps if due.id.startswith(f"{run}.")]

    assert rows and {row["status"] for row in rows} == {"open"}
    assert texts and not any("snoozed" in text for text in texts)


async def test_today_does_not_call_them_snoozed(make_app: AppFactory, data_path: Path) -> None:
    run = start_early(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        steps = step_list(pilot)
        prompts = [
            str(steps.get_option_at_index(i).prompt)
            for i in range(steps.option_count)
            if (steps.get_option_at_index(i).id or "").startswith(f"{run}.")
        ]
    assert prompts and not any("snoozed" in prompt for prompt in prompts)
