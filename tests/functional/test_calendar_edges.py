"""The app stays inside the calendar Cockpit counts in (2000-01-01 to 2100-12-31): `[` on
the first day and `]` on the last are refused with a word, and nothing can save a plan for
a day outside it (the outside tester planned a task on 31 Dec 1999 and every command then
refused the file)."""

from __future__ import annotations

import errno
from datetime import date, timedelta
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import ValidationError
from cockpit.services.context import Cockpit
from cockpit.store.errors import StoreWriteError
from tests.functional.helpers import ready, today_screen
from tests.ui_support import DAY, SIZE, TZ, AppFactory, app_settings, notes, open_cockpit, settle


@pytest.mark.parametrize(("day", "key"), [(date(2000, 1, 1), "["), (date(2100, 12, 31), "]")])
async def test_the_day_does_not_leave_the_calendar(
    make_app: AppFactory, data_path: Path, day: date, key: str
) -> None:
    app = make_app(at=FixedClock.on(day, TZ))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert (today_screen(pilot).day or day) == day
        assert any("outside 2000-01-01 to 2100-12-31" in note for note in notes(pilot))
        await pilot.press("p")  # a plan of the day shown: inside the calendar
        await settle(pilot)
    with open_cockpit(data_path, read_only=True) as ctx:  # still a file Cockpit reads
        assert ctx.store.plan(day - (day - date(2000, 1, 1))) is not None


@pytest.mark.parametrize("day", [date(1999, 12, 31), date(2101, 1, 1)])
def test_no_plan_is_saved_for_a_day_outside_the_calendar(data_path: Path, day: date) -> None:
    before = data_path.read_bytes()
    with open_cockpit(data_path) as ctx:
        with pytest.raises(ValidationError, match=r"outside 2000-01-01\.\.2100-12-31"):
            ctx.store.save_plan(day, ["t1"])
        with pytest.raises(ValidationError, match="outside"):
            ctx.store.save_pin(day, "t1", None)
    assert data_path.read_bytes() == before


def test_opening_on_the_first_day_of_the_calendar_keeps_the_file_readable(
    data_path: Path,
) -> None:
    """A clock on 1 Jan 2000 moved history "before 1999" and wrote that date in the file."""
    clock = FixedClock.on(date(2000, 1, 1), TZ)
    Cockpit.open(data_path, clock, app_settings()).close()
    with Cockpit.open(data_path, clock, app_settings(), read_only=True) as ctx:
        assert ctx.store.meta()["archived_before"] == "2000-01-01"


def test_a_write_that_would_pass_the_size_cockpit_reads_is_refused(data_path: Path) -> None:
    before = data_path.read_bytes()
    with open_cockpit(data_path) as ctx:
        notes = "x" * 100_000
        with pytest.raises(StoreWriteError, match=r"it would be 2\d\.\d MB"), ctx.store.batch():
            for number in range(1, 230):
                ctx.store.save_plan(date(2026, 1, 1) + timedelta(days=number), [notes])
    assert data_path.read_bytes() == before
    with open_cockpit(data_path, read_only=True) as ctx:
        assert ctx.store.plan(date(2026, 1, 2)) == []


async def test_a_full_disk_still_shows_the_day_and_says_the_runs_are_not_saved(
    make_app: AppFactory, data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The outside tester's full disk: Today stayed on "Opening the data file…" for good."""
    import cockpit.store.storage as storage

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    before = data_path.read_bytes()
    monkeypatch.setattr(storage, "atomic_write_bytes", full)
    app = make_app(at=FixedClock.on(DAY + timedelta(days=3), TZ))  # runs to catch up
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        plan = today_screen(pilot).plan
        assert plan is not None and plan.steps
        said = notes(pilot, "warning")
        assert any("No space left on device" in note and "from memory" in note for note in said)
        await pilot.press("x")  # a change: refused, said, the day stays
        await settle(pilot)
        assert any("No space left on device" in note for note in notes(pilot, "error"))
        assert today_screen(pilot).plan is not None
    assert data_path.read_bytes() == before
