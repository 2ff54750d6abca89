"""A Cockpit opened read-only because another one held the lock becomes the writer when that
one closes or dies (`Cockpit.try_take_over`, which the app calls every few seconds): it reads
the file again, and saves from then on. Read-only for another reason, it stays so."""

from __future__ import annotations

import errno
import os
import signal
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.services import actions
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.store import backups
from cockpit.store.errors import StoreReadOnlyError
from tests.sample_fixtures import MONDAY, SETTINGS, TZ
from tests.unit.cli.test_fs_support import read_only_folder
from tests.unit.store.helpers import spawn, write_script

CLOCK = FixedClock.on(MONDAY, TZ)


def open_cockpit(path: Path, **options: bool) -> Cockpit:
    return Cockpit.open(path, CLOCK, SETTINGS, **options)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    data = tmp_path / "c.json"
    with open_cockpit(data) as cockpit:
        load_sample(cockpit)
        cockpit.refresh()
    return data


@pytest.fixture
def other(path: Path) -> Iterator[Cockpit]:
    """The other Cockpit: the writer, holding the lock."""
    cockpit = open_cockpit(path)
    try:
        yield cockpit
    finally:
        cockpit.close()


def reason(cockpit: Cockpit) -> str | None:
    """`read_only_reason`, read afresh (a call, so no narrowing from an earlier look)."""
    return cockpit.read_only_reason


def writes(cockpit: Cockpit) -> bool:
    return not cockpit.read_only


def keys(cockpit: Cockpit) -> list[str]:
    return [due.id for due in plan_day(cockpit).steps]


def first_step(cockpit: Cockpit) -> str:
    return keys(cockpit)[0]


def test_the_reader_takes_over_when_the_writer_closes_and_sees_its_last_change(
    path: Path, other: Cockpit
) -> None:
    reader = open_cockpit(path, fall_back_to_read_only=True)
    try:
        assert reader.read_only
        assert reason(reader) == "another Cockpit holds the data file"
        assert reader.try_take_over() is False  # still held
        step = first_step(other)
        actions.complete(other, step)  # its last act
        other.close()

        assert reader.try_take_over() is True
        assert writes(reader) and reason(reader) is None
        assert step not in keys(reader)  # read again
        mine = first_step(reader)
        actions.complete(reader, mine)  # and it saves
        assert reader.try_take_over() is False  # a writer has nothing to take
        third = open_cockpit(path, fall_back_to_read_only=True)
        assert third.read_only and third.read_only_reason == "another Cockpit holds the data file"
        third.close()
    finally:
        reader.close()
    with open_cockpit(path, read_only=True) as after:
        assert {step, mine}.isdisjoint(keys(after))


HOLDER = """
import sys, time
from pathlib import Path
from cockpit.store.database import Store

store = Store.open(Path(sys.argv[1]))
print("holding", flush=True)
time.sleep(600)
"""


def test_the_reader_takes_over_when_the_writer_is_killed(tmp_path: Path, path: Path) -> None:
    child = spawn(tmp_path, write_script(tmp_path, "hold.py", HOLDER), str(path))
    try:
        assert child.stdout is not None and child.stdout.readline() == "holding\n"
        reader = open_cockpit(path, fall_back_to_read_only=True)
        assert reader.read_only and reader.try_take_over() is False
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        assert reader.try_take_over() is True
        actions.complete(reader, first_step(reader))
        reader.close()
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=30)


def test_a_failed_try_is_cheap(path: Path, other: Cockpit) -> None:
    reader = open_cockpit(path, fall_back_to_read_only=True)
    timings = []
    for _ in range(200):
        started = time.perf_counter()
        assert reader.try_take_over() is False
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.001


def test_read_only_by_choice_or_by_its_folder_never_takes_over(path: Path) -> None:
    asked = open_cockpit(path, read_only=True)
    assert asked.try_take_over() is False and asked.read_only
    assert reason(asked) is None  # a writer could open it: nothing to say
    with pytest.raises(StoreReadOnlyError):
        asked.require_writer()

    path.with_name("c.json.lock").unlink()
    with read_only_folder(path.parent):
        folder = open_cockpit(path, fall_back_to_read_only=True)
        assert folder.read_only
        assert reason(folder) == f"the folder {path.parent} cannot be written"
        assert reason(asked) == f"the folder {path.parent} cannot be written"
        assert folder.try_take_over() is False
        assert not path.with_name("c.json.lock").exists()
        with pytest.raises(StoreReadOnlyError, match=r"folder .* cannot be written") as refused:
            actions.complete(folder, first_step(folder))
        assert "another Cockpit" not in str(refused.value)


def test_a_refused_change_says_why_and_a_reader_is_not_told_of_writers(
    path: Path, other: Cockpit
) -> None:
    reader = open_cockpit(path, fall_back_to_read_only=True)
    asked = open_cockpit(path, read_only=True)
    try:
        assert reason(reader) == "another Cockpit holds the data file"
        assert reason(asked) is None  # `cockpit today` while a writer works: nothing to say
        for cockpit in (reader, asked):
            with pytest.raises(StoreReadOnlyError, match="another Cockpit holds the data file"):
                actions.complete(cockpit, first_step(cockpit))
    finally:
        reader.close()
        asked.close()


def test_a_take_over_whose_backup_fails_warns(
    path: Path, other: Cockpit, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = open_cockpit(path, fall_back_to_read_only=True)
    assert reader.warnings == []
    other.close()
    for copy in backups.backup_folder(path).glob("*"):
        copy.unlink()

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backups, "atomic_copy", no_space)
    assert reader.try_take_over() is True
    assert len(reader.warnings) == 1 and "No space left on device" in reader.warnings[0]
    reader.close()
