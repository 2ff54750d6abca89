"""Daily backups: exactly 14 kept, counted on the real calendar, never pruned by a --date.

A mistyped `--date 2036-12-01` used to name a copy after 2036 and delete every copy older
than 2036-11-17: all fourteen. Twenty days of use left fifteen copies.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from cockpit.clock import DateShiftedClock, FixedClock
from cockpit.config import Settings
from cockpit.services.context import Cockpit
from cockpit.store.backups import KEEP_COPIES, backup_folder, daily_backup

TZ = "UTC"
REAL_TODAY = date.today()


def copy_name(day: date) -> str:
    return f"cockpit-{day.isoformat()}.json"


def daily_copies(path: Path) -> list[str]:
    return sorted(p.name for p in backup_folder(path).glob("cockpit-????-??-??.json"))


def written_on(copy: Path, day: date) -> None:
    """Make a copy look as if it had been written at noon on `day` (the real clock)."""
    stamp = datetime(day.year, day.month, day.day, 12).timestamp()
    os.utime(copy, (stamp, stamp))


def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "cockpit.json"
    path.write_text('{"roles": {}}', encoding="utf-8")
    return path


def used_daily(path: Path, days: int) -> list[date]:
    """`days` days of use ending today: one daily backup a day, each written on its day."""
    used = [REAL_TODAY - timedelta(days=back) for back in range(days - 1, -1, -1)]
    for day in used:
        copy = daily_backup(path, day)
        assert copy is not None
        written_on(copy, day)
    return used


def test_twenty_days_of_use_leave_exactly_fourteen_copies(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    used = used_daily(path, 20)
    assert KEEP_COPIES == 14
    assert daily_copies(path) == [copy_name(day) for day in used[-14:]]


def test_copies_are_counted_not_aged(tmp_path: Path) -> None:
    """Back from three weeks away: the copies from before the holiday are still there."""
    path = data_file(tmp_path)
    before = [REAL_TODAY - timedelta(days=back) for back in (40, 35, 30, 25)]
    for day in before:
        copy = daily_backup(path, day)
        assert copy is not None
        written_on(copy, day)
    daily_backup(path, REAL_TODAY)
    assert daily_copies(path) == [copy_name(day) for day in [*before, REAL_TODAY]]


def test_a_copy_written_in_the_last_fourteen_days_is_kept_whatever_its_name(
    tmp_path: Path,
) -> None:
    """Names dated far ahead (made under a --date by an older version) neither count as the
    newest copies nor push real ones out; they go once they are fourteen real days old."""
    path = data_file(tmp_path)
    used = used_daily(path, 14)
    folder = backup_folder(path)
    fresh = folder / copy_name(date(2036, 12, 1))
    stale = folder / copy_name(date(2037, 1, 1))
    for copy in (fresh, stale):
        copy.write_text("{}", encoding="utf-8")
    written_on(stale, REAL_TODAY - timedelta(days=20))
    daily_backup(path, REAL_TODAY)
    assert daily_copies(path) == sorted([*(copy_name(day) for day in used), fresh.name])


def test_a_simulated_date_names_no_copy_and_deletes_none(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    used = used_daily(path, 14)
    kept = daily_copies(path)
    assert len(kept) == 14
    path.write_text('{"roles": {}, "plans": {}}', encoding="utf-8")  # a new day's content
    for day in (date(2036, 12, 1), date(2001, 1, 1), REAL_TODAY + timedelta(days=30)):
        clock = DateShiftedClock(day, TZ)
        with Cockpit.open(path, clock, Settings(timezone=TZ)) as ctx:
            assert ctx.today() == day
        assert daily_copies(path) == kept, day
    assert daily_copies(path)[-1] == copy_name(used[-1])


def test_a_fixed_clock_is_the_real_calendar_of_a_test(tmp_path: Path) -> None:
    """Tests and the bench run on a fixed clock: its date is the one copies are named after."""
    path = data_file(tmp_path)
    day = date(2026, 11, 24)
    with Cockpit.open(path, FixedClock.on(day, TZ), Settings(timezone=TZ)):
        pass
    assert daily_copies(path) == [copy_name(day)]


def test_other_files_in_the_folder_are_left_alone(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    folder = backup_folder(path)
    folder.mkdir()
    others = [
        "cockpit-schema0-20200101T000000.json",
        "cockpit-before-import-20200101T000000.json",
        "cockpit-2020-13-45.json",
        "other-2020-01-01.json",
        "notes.txt",
    ]
    old = time.time() - 400 * 86400
    for name in others:
        (folder / name).write_text("{}", encoding="utf-8")
        os.utime(folder / name, (old, old))
    used_daily(path, 20)
    assert sorted(p.name for p in folder.iterdir() if p.name in others) == sorted(others)
