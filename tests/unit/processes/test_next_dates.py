"""The next date of each process, as `cockpit processes` shows it.

An "N days after done" process has a next date as much as a calendar one: N days
after its last run was closed, or the date of its open run (today, when that run
is overdue). `cockpit processes` shows the same date as the calendar export.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson

from cockpit.domain.model import Stage
from cockpit.domain.schedule import ScheduleKind
from cockpit.services import library
from cockpit.services.calendar_export import calendar_steps
from cockpit.services.catalog import process_rows
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from tests.ui_support import DAY, app_settings, fixed_clock
from tests.unit.cli.helpers import Cli

# the demo's after-done processes: check-ins were last closed Sat 2026-11-07 (2 weeks after
# done), the pipeline review Wed 2026-11-18 (3 days after done)
SATURDAY = date(2026, 11, 21)


def next_dates(ctx: Cockpit) -> dict[str, date | None]:
    return {row.process.id: row.next for row in process_rows(ctx)}


def test_after_done_processes_have_their_next_date(demo: Cockpit) -> None:
    found = next_dates(demo)

    assert found["client-check-ins"] == SATURDAY
    assert found["review-pipeline"] == SATURDAY


def test_the_next_date_is_the_first_date_of_the_calendar_export(demo: Cockpit) -> None:
    found = next_dates(demo)
    first: dict[str, date] = {}
    for item in calendar_steps(demo, days=60):
        first.setdefault(item.process.id, item.on)

    after_done = [p for p in demo.store.processes() if p.schedule.kind is ScheduleKind.AFTER_DONE]
    assert after_done
    for process in after_done:
        assert found[process.id] == first[process.id], process.id


def test_calendar_and_on_demand_processes_keep_their_next_dates(demo: Cockpit) -> None:
    found = next_dates(demo)

    assert found["invoice-clients"] == DAY  # every 2 weeks on fri
    assert found["update-bookkeeping"] == DAY  # weekly on fri
    assert found["book-a-discovery-call"] is None  # on demand


def test_an_open_run_is_the_next_date_and_today_once_it_is_overdue(data_path: Path) -> None:
    clock = fixed_clock(SATURDAY)
    with Cockpit.open(data_path, clock, app_settings()) as ctx:
        plan_day(ctx)  # the run of Saturday is made
        assert next_dates(ctx)["client-check-ins"] == SATURDAY
        clock.advance(days=3)
        assert next_dates(ctx)["client-check-ins"] == date(2026, 11, 24)


def test_a_retired_after_done_process_has_no_next_date(demo: Cockpit) -> None:
    process = library.find_process(demo, "review-pipeline")
    library.save_process(
        demo,
        process_id=process.id,
        name=process.name,
        role_id=process.role,
        system_id=process.system,
        schedule_text=process.schedule.text,
        target_minutes=process.target_minutes,
        stage=Stage.RETIRED,
        notes=process.notes,
        purpose=process.purpose,
    )

    assert next_dates(demo)["review-pipeline"] is None


def test_cockpit_processes_shows_the_next_date_of_after_done_processes(
    tmp_path: Path, data_path: Path
) -> None:
    cli = Cli(tmp_path, data=str(data_path))
    day = DAY.isoformat()

    rows = {row["id"]: row for row in orjson.loads(cli.ok("processes", "--json", day=day))}
    table = cli.ok("processes", day=day, COLUMNS="200")

    assert rows["client-check-ins"]["next"] == SATURDAY.isoformat()
    assert rows["review-pipeline"]["next"] == SATURDAY.isoformat()
    line = next(line for line in table.splitlines() if "Client check-ins" in line)
    assert SATURDAY.isoformat() in line
