"""Two devices, one business: a data file that a sync client replaces loses nothing.

Each device is a folder with its own copy of the data file and its own Cockpit; "sync"
copies one device's file over the other's with os.replace (a new inode, as Dropbox,
Syncthing and Nextcloud do). The Cockpit on the receiving side was open all along, with
the old data in memory: its next write must carry its change over onto the new file.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import RuleError
from cockpit.domain.focus import FocusKind
from cockpit.services import actions
from cockpit.services.context import Cockpit
from cockpit.services.focus import start_focus, stop_focus
from cockpit.services.sync import check_disk
from cockpit.store.errors import StoreConflictError
from cockpit.store.storage import decode
from tests.sample_fixtures import MONDAY, SETTINGS, TZ
from tests.two_devices import done_steps, open_refs, sync


def test_a_write_after_a_sync_keeps_the_other_devices_work(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    refs = open_refs(desktop)
    for ref in refs[:4]:
        actions.complete(desktop, ref, minutes=5)
    on_demand = next(
        p for p in desktop.store.processes() if p.schedule.kind.value == "on_demand" and p.steps
    )
    actions.start(desktop, on_demand.id)
    desktop_done = done_steps(desktop.store.path)
    assert len(desktop_done) == 4

    sync(desktop.store.path, laptop.store.path)
    actions.complete(laptop, refs[5], minutes=7)  # the laptop still holds the old data

    on_disk = done_steps(laptop.store.path)
    assert desktop_done <= on_disk
    assert len(on_disk) == 5
    runs = decode(laptop.store.path.read_bytes())["occurrences"].values()
    assert any(doc["process"] == on_demand.id and doc.get("manual") for doc in runs)
    # and what the laptop holds is what it wrote: the next write keeps all of it too
    actions.complete(laptop, refs[6], minutes=1)
    assert len(done_steps(laptop.store.path)) == 6


def test_looking_at_tomorrow_after_a_sync_does_not_undo_the_other_device(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    for ref in open_refs(desktop)[:3]:
        actions.complete(desktop, ref)
    sync(desktop.store.path, laptop.store.path)

    laptop.refresh(laptop.today() + timedelta(days=1))  # `]` creates tomorrow's runs

    assert done_steps(desktop.store.path) <= done_steps(laptop.store.path)
    news = check_disk(laptop)  # the write took the sync in: the next look still tells it
    assert news is not None and news.message.startswith("Updated from disk: 3 steps done")
    assert check_disk(laptop) is None  # once


def test_both_devices_starting_runs_by_hand_keep_both_under_their_own_numbers(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    on_demand = next(p for p in laptop.store.processes() if p.schedule.kind.value == "on_demand")
    mine = actions.start(laptop, on_demand.id).after[0]
    theirs = actions.start(desktop, on_demand.id).after[0]
    assert mine.no == theirs.no  # each counter handed out the same number

    sync(desktop.store.path, laptop.store.path)
    actions.complete(laptop, f"{mine.no}.1")

    runs = decode(laptop.store.path.read_bytes())["occurrences"]
    by_uid = {doc.get("uid"): doc for doc in runs.values() if doc.get("manual")}
    assert set(by_uid) == {mine.uid, theirs.uid}
    assert by_uid[mine.uid]["no"] != by_uid[theirs.uid]["no"]
    assert by_uid[mine.uid]["steps"][0]["status"] == "done"
    assert laptop.store.renumbered == {mine.no: by_uid[mine.uid]["no"]}
    meta = decode(laptop.store.path.read_bytes())["meta"]["1"]
    assert meta["next_no"] > max(int(key) for key in runs)


def test_the_same_scheduled_run_made_on_both_devices_is_one_run(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    later = laptop.today() + timedelta(days=9)
    desktop.refresh(later)
    sync(desktop.store.path, laptop.store.path)
    laptop.refresh(later)  # makes the same runs from its old data, then writes

    runs = decode(laptop.store.path.read_bytes())["occurrences"].values()
    keys = [(doc["process"], doc["date"]) for doc in runs if not doc.get("manual")]
    assert len(keys) == len(set(keys))


def test_focus_sessions_of_both_devices_are_both_kept(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, desktop = devices
    role = laptop.store.roles()[0].name
    start_focus(desktop, FocusKind.STOPWATCH, role=role)
    desktop.clock = FixedClock(desktop.now() + timedelta(minutes=20), TZ)
    stop_focus(desktop)
    sync(desktop.store.path, laptop.store.path)
    start_focus(laptop, FocusKind.STOPWATCH, role=role)

    sessions = decode(laptop.store.path.read_bytes())["focus"].values()
    assert len({doc["uid"] for doc in sessions}) == 2
    assert sorted(doc["status"] for doc in sessions) == ["logged", "running"]


def test_a_process_changed_on_both_devices_is_refused_and_the_disk_kept(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    from dataclasses import replace

    process = laptop.store.processes()[0]
    desktop.store.save_process(replace(process, purpose="desktop's words"))
    sync(desktop.store.path, laptop.store.path)
    before = laptop.store.path.read_bytes()

    with pytest.raises(StoreConflictError, match="changed there as well"):
        laptop.store.save_process(replace(process, purpose="laptop's words"))

    assert laptop.store.path.read_bytes() == before
    assert laptop.store.processes()[0].purpose == "desktop's words"  # memory is the disk now


def test_a_file_replaced_by_garbage_is_never_written_over(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, _ = devices
    laptop.store.path.write_bytes(b'{"roles": {"1": ')
    ref = open_refs(laptop)[0]

    with pytest.raises(StoreConflictError, match="cannot be read"):
        actions.complete(laptop, ref)

    assert laptop.store.path.read_bytes() == b'{"roles": {"1": '
    news = check_disk(laptop)
    assert news is not None and news.problem
    assert check_disk(laptop) is None  # said once, until the file changes again


def test_a_change_refused_on_a_broken_file_is_not_kept_and_never_saved_later(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    """The outside tester: refused on a half-synced file, the step still showed as done, and
    the next write that worked saved it without a word. Refused means not made."""
    laptop, desktop = devices
    laptop.store.path.write_bytes(b'{"roles": {"1": ')
    first, second = open_refs(laptop)[:2]

    with pytest.raises(StoreConflictError, match="cannot be read") as refused:
        actions.complete(laptop, first)

    assert not refused.value.reloaded
    assert first in open_refs(laptop)  # what the app shows next comes from the store
    sync(desktop.store.path, laptop.store.path)  # the sync finishes: a good file again
    actions.complete(laptop, second)
    assert len(done_steps(laptop.store.path)) == 1  # the second only
    assert first in open_refs(laptop)


def test_a_look_at_the_disk_takes_in_what_came_and_says_so(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    assert check_disk(laptop) is None
    refs = open_refs(desktop)
    for ref in refs[:4]:
        actions.complete(desktop, ref)
    sync(desktop.store.path, laptop.store.path)

    news = check_disk(laptop)

    assert news is not None and not news.problem
    assert news.message == "Updated from disk: 4 steps done elsewhere"
    assert open_refs(laptop) == refs[4:]
    assert check_disk(laptop) is None


def test_a_snooze_that_came_is_named_as_one(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, desktop = devices
    snoozed = 0
    for ref in open_refs(desktop):
        try:
            actions.snooze(desktop, ref, MONDAY + timedelta(days=1))
        except RuleError:
            continue  # its next run falls due tomorrow: no snooze past it
        snoozed += 1
    assert snoozed >= 2
    sync(desktop.store.path, laptop.store.path)

    news = check_disk(laptop)

    assert news is not None and not news.problem
    assert news.message == f"Updated from disk: {snoozed} steps snoozed elsewhere"


@pytest.mark.parametrize(
    "garbage",
    [b'{"roles": {"1": [not json', b'{"roles": {"1": ', b"", b"\x00\x01binary"],
)
def test_a_half_synced_or_broken_file_is_named_as_such(
    devices: tuple[Cockpit, Cockpit], garbage: bytes
) -> None:
    laptop, _ = devices
    laptop.store.path.write_bytes(garbage)

    news = check_disk(laptop)

    assert news is not None and news.problem
    assert "cannot be read" in news.message and "Traceback" not in news.message
    assert laptop.store.path.read_bytes() == garbage


def test_a_copy_of_the_same_bytes_put_in_place_is_no_news(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, _ = devices
    actions.complete(laptop, open_refs(laptop)[0])
    sync(laptop.store.path, laptop.store.path.with_name("elsewhere.json"))
    sync(laptop.store.path.with_name("elsewhere.json"), laptop.store.path)

    assert check_disk(laptop) is None
    assert check_disk(laptop) is None


def test_a_file_that_now_holds_another_business_refuses_the_change(
    devices: tuple[Cockpit, Cockpit], tmp_path: Path
) -> None:
    laptop, _ = devices
    ref = open_refs(laptop)[0]
    other = tmp_path / "other" / "cockpit.json"
    other.parent.mkdir()
    with Cockpit.open(other, FixedClock.on(MONDAY, TZ), SETTINGS) as elsewhere:
        from cockpit.domain.model import Role

        elsewhere.store.save_role(Role(id="ops", name="Ops"))
    sync(other, laptop.store.path)
    before = laptop.store.path.read_bytes()

    with pytest.raises(StoreConflictError, match="not in the file"):
        actions.complete(laptop, ref)

    assert laptop.store.path.read_bytes() == before


def test_a_step_skipped_there_is_not_made_done_here_but_done_on_both_is_fine(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    first, second = open_refs(desktop)[:2]
    stale = laptop.store.occurrence(int(first.split(".")[0]))  # what the laptop's screen shows
    assert stale is not None
    actions.skip(desktop, first, "not this week")
    actions.complete(desktop, second, minutes=3)
    sync(desktop.store.path, laptop.store.path)

    actions.complete(laptop, second, minutes=4)  # done there too: nothing is lost either way
    assert len(done_steps(laptop.store.path)) == 1

    sync(desktop.store.path, laptop.store.path)  # once more, so the laptop has not read it
    before = laptop.store.path.read_bytes()
    done_here = stale.complete_step(stale.steps[0].step_id, laptop.now(), MONDAY)
    with pytest.raises(StoreConflictError, match=r'was skipped there \("not this week"\)') as why:
        laptop.store.save_occurrences([done_here])
    name = next(p.name for p in laptop.store.processes() if p.id == stale.process_id)
    assert f'of "{name}" ({stale.date})' in str(why.value)  # its name, not its id
    assert laptop.store.path.read_bytes() == before


def test_a_write_that_took_a_sync_in_counts_only_the_other_devices_work(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    refs = open_refs(desktop)
    for ref in refs[:2]:
        actions.complete(desktop, ref)
    sync(desktop.store.path, laptop.store.path)
    actions.complete(laptop, refs[5])  # carried over onto the file that came

    news = check_disk(laptop)

    assert news is not None and not news.problem
    assert news.message == "Updated from disk: 2 steps done elsewhere"
    assert check_disk(laptop) is None
