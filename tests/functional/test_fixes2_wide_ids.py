"""Today's list sizes its ID column to the widest ID it shows: a run number of five or six
digits ("123401.1") ran into the step's title ("123401.1Pick three...", "125920.11d late")."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import orjson

from cockpit.clock import FixedClock
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit
from cockpit.services.tasks import add_task
from tests.functional.helpers import ready, shown_keys, step_list
from tests.ui_support import app_factory, app_settings

MONDAY = date(2026, 11, 23)  # the sample business starts on it
WEDNESDAY = date(2026, 11, 25)  # Monday's open runs are late by then
SHIFT = 123400  # every run number becomes six digits


def sample_with_big_run_numbers(folder: Path) -> Path:
    """The sample business of a long-time user: run numbers past 123,400."""
    path = folder / "c.json"
    with Cockpit.open(path, FixedClock.on(MONDAY, "UTC"), app_settings()) as ctx:
        load_sample(ctx)
        ctx.refresh()
    data = orjson.loads(path.read_bytes())
    runs = data["occurrences"].values()
    data["occurrences"] = {str(SHIFT + run["no"]): {**run, "no": SHIFT + run["no"]} for run in runs}
    data["meta"]["1"]["next_no"] += SHIFT
    path.write_bytes(orjson.dumps(data))
    return path


def row_texts(pilot: object) -> dict[str, str]:
    steps = step_list(pilot)  # type: ignore[arg-type]
    rows = {}
    for index in range(steps.option_count):
        option = steps.get_option_at_index(index)
        if option.id and not option.disabled:
            rows[option.id] = str(option.prompt)
    return rows


def title_column(key: str, text: str) -> int:
    """Where what follows the row's id starts; never right after the id."""
    at = text.index(key) + len(key)
    after = text[at:]
    assert re.match(r" +\S", after), text  # "123401.1Pick three" reads as one word
    return at + len(after) - len(after.lstrip(" "))


async def test_six_digit_run_numbers_keep_a_space_before_the_title(tmp_path: Path) -> None:
    path = sample_with_big_run_numbers(tmp_path)
    make = app_factory(path, FixedClock.on(WEDNESDAY, "UTC"))
    async with make().run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        keys = shown_keys(pilot)
        assert any(key.startswith("1234") for key in keys), keys
        rows = row_texts(pilot)
        late = [text for text in rows.values() if "d late" in text]
        assert late, rows
        columns = {title_column(key, text) for key, text in rows.items()}
        assert len(columns) == 1, rows  # one column: every title starts at the same place


async def test_a_task_beside_big_run_numbers_lines_up_with_them(tmp_path: Path) -> None:
    path = sample_with_big_run_numbers(tmp_path)
    clock = FixedClock.on(WEDNESDAY, "UTC")
    with Cockpit.open(path, clock, app_settings()) as ctx:
        add_task(ctx, "Call the accountant", role="Sales", due=WEDNESDAY)
    async with app_factory(path, clock)().run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        rows = row_texts(pilot)
        columns = {title_column(key, text) for key, text in rows.items()}
        assert len(columns) == 1, rows  # the task's title starts where the steps' do
        assert any(key.startswith("t") for key in rows), rows
