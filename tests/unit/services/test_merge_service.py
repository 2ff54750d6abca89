"""`merge_file`, `conflict_copies` and `doctor`: two devices, each with its own copy of the
sample business, each working on it; a conflict copy of one lands beside the other."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from cockpit.domain.focus import FocusKind
from cockpit.services import actions
from cockpit.services.context import Cockpit
from cockpit.services.doctor import doctor
from cockpit.services.focus import start_focus, stop_focus
from cockpit.services.merge import MergeRefused, conflict_copies, merge_file
from cockpit.store.errors import StoreReadOnlyError
from cockpit.store.storage import decode
from tests.sample_fixtures import SETTINGS
from tests.two_devices import done_steps, open_refs

DROPBOX = "cockpit (Desktop's conflicted copy 2026-11-23).json"


def logged(path: Path) -> dict[str, int]:
    data = decode(path.read_bytes())
    return {
        doc["uid"]: doc.get("minutes") or 0
        for doc in data.get("focus", {}).values()
        if doc.get("status") == "logged"
    }


def work_on_both(laptop: Cockpit, desktop: Cockpit) -> None:
    """Each device does its own part of the day, and some of the same steps."""
    refs = open_refs(laptop)
    for ref in refs[:3]:
        actions.complete(laptop, ref, minutes=4)
    for ref in refs[2:6]:
        actions.complete(desktop, ref, minutes=6)
    actions.skip(desktop, refs[7], "no time")
    on_demand = next(p for p in laptop.store.processes() if p.schedule.kind.value == "on_demand")
    actions.start(laptop, on_demand.id)  # both number it the same; two runs all the same
    actions.start(desktop, on_demand.id)
    start_focus(laptop, FocusKind.STOPWATCH, role="sales")
    laptop.clock.advance(minutes=25)  # type: ignore[attr-defined]
    stop_focus(laptop)
    start_focus(desktop, FocusKind.STOPWATCH, role="admin")
    desktop.clock.advance(minutes=40)  # type: ignore[attr-defined]
    stop_focus(desktop)
    desktop.refresh(desktop.today() + timedelta(days=1))  # tomorrow's runs, numbered there


def test_a_conflict_copy_merged_loses_nothing_done_on_either_device(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    work_on_both(laptop, desktop)
    copy = laptop.store.path.with_name(DROPBOX)
    shutil.copyfile(desktop.store.path, copy)
    expected_done = done_steps(laptop.store.path) | done_steps(desktop.store.path)
    expected_focus = logged(laptop.store.path) | logged(desktop.store.path)
    before = laptop.store.path.read_bytes()
    assert conflict_copies(laptop) == [copy]

    done = merge_file(laptop, copy)

    assert done_steps(laptop.store.path) == expected_done
    assert logged(laptop.store.path) == expected_focus
    assert len(expected_focus) == 2 and sum(expected_focus.values()) == 65
    runs = decode(laptop.store.path.read_bytes())["occurrences"].values()
    assert sum(1 for doc in runs if doc.get("manual")) == 2
    assert done.report.runs_added > 0 and done.report.focus_minutes == 40
    assert done.backup is not None and done.backup.read_bytes() == before
    assert done.moved_to == laptop.store.path.parent / "backups" / "merged" / DROPBOX
    assert oct(done.moved_to.parent.stat().st_mode & 0o777) == "0o700"
    assert not copy.exists() and conflict_copies(laptop) == []
    # what the store holds is what it wrote: the next change keeps the merge
    actions.complete(laptop, open_refs(laptop)[0])
    assert expected_done < done_steps(laptop.store.path)


def test_merging_either_way_comes_to_the_same_business(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, desktop = devices
    work_on_both(laptop, desktop)
    to_desktop = desktop.store.path.with_name(DROPBOX)
    to_laptop = laptop.store.path.with_name(DROPBOX)
    shutil.copyfile(laptop.store.path, to_desktop)
    shutil.copyfile(desktop.store.path, to_laptop)
    merge_file(laptop, to_laptop)
    merge_file(desktop, to_desktop)
    assert done_steps(laptop.store.path) == done_steps(desktop.store.path)
    assert logged(laptop.store.path) == logged(desktop.store.path)


def test_merging_the_same_copy_again_brings_nothing(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, desktop = devices
    work_on_both(laptop, desktop)
    copy = laptop.store.path.with_name(DROPBOX)
    shutil.copyfile(desktop.store.path, copy)
    shutil.copyfile(desktop.store.path, copy.with_name("again.json"))
    merge_file(laptop, copy)
    after = laptop.store.path.read_bytes()
    again = merge_file(laptop, copy.with_name("again.json"))
    assert not again.report.changed and again.backup is None
    assert laptop.store.path.read_bytes() == after


def test_a_dry_run_changes_nothing(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, desktop = devices
    work_on_both(laptop, desktop)
    copy = laptop.store.path.with_name(DROPBOX)
    shutil.copyfile(desktop.store.path, copy)
    before = laptop.store.path.read_bytes()
    done = merge_file(laptop, copy, dry_run=True)
    assert done.report.changed and done.backup is None and done.moved_to is None
    assert laptop.store.path.read_bytes() == before and copy.exists()
    assert not (laptop.store.path.parent / "backups" / "merged").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"occurrences": {"1": [not json', "cannot merge"),
        (b'{"meta": {"1": {"schema": 99}}}', "newer Cockpit"),
        (b'{"roles": {"1": {"id": "x"}}}', "cannot merge"),
    ],
)
def test_a_copy_that_fails_the_checks_is_refused_and_nothing_changes(
    devices: tuple[Cockpit, Cockpit], content: bytes, words: str
) -> None:
    laptop, _ = devices
    copy = laptop.store.path.with_name(DROPBOX)
    copy.write_bytes(content)
    before = laptop.store.path.read_bytes()
    with pytest.raises(Exception, match=words) as refused:
        merge_file(laptop, copy)
    assert "Traceback" not in str(refused.value)
    assert laptop.store.path.read_bytes() == before
    assert copy.read_bytes() == content
    assert not (laptop.store.path.parent / "backups" / "merged").exists()


def test_the_data_file_itself_or_nothing_is_refused(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, _ = devices
    with pytest.raises(MergeRefused, match="the data file itself"):
        merge_file(laptop, laptop.store.path)
    link = laptop.store.path.with_name("link.json")
    link.symlink_to(laptop.store.path)
    with pytest.raises(MergeRefused, match="the data file itself"):
        merge_file(laptop, link)
    with pytest.raises(MergeRefused, match="no file"):
        merge_file(laptop, laptop.store.path.with_name("missing.json"))
    with pytest.raises(MergeRefused, match="folder"):
        merge_file(laptop, laptop.store.path.parent)


def test_a_read_only_cockpit_does_not_merge(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, desktop = devices
    copy = laptop.store.path.with_name(DROPBOX)
    shutil.copyfile(desktop.store.path, copy)
    with Cockpit.open(laptop.store.path, laptop.clock, SETTINGS, read_only=True) as reader:
        with pytest.raises(StoreReadOnlyError):
            merge_file(reader, copy)
        assert merge_file(reader, copy, dry_run=True).moved_to is None
    assert copy.exists()


def test_a_copy_from_an_older_cockpit_is_migrated_first(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, desktop = devices
    start_focus(desktop, FocusKind.STOPWATCH, role="sales")
    desktop.clock.advance(minutes=30)  # type: ignore[attr-defined]
    stop_focus(desktop)
    data = orjson.loads(desktop.store.path.read_bytes())
    data["meta"]["1"]["schema"] = 1
    for doc in data["focus"].values():
        doc.pop("uid")
    copy = laptop.store.path.with_name(DROPBOX)
    copy.write_bytes(orjson.dumps(data))
    shutil.copyfile(copy, copy.with_name("again.json"))
    assert merge_file(laptop, copy).report.focus_minutes == 30
    assert not merge_file(laptop, copy.with_name("again.json")).report.changed


def test_a_sync_that_came_while_open_is_kept_by_the_merge(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, desktop = devices
    refs = open_refs(laptop)
    actions.complete(desktop, refs[0])
    temp = laptop.store.path.with_name(".sync-tmp")
    shutil.copyfile(desktop.store.path, temp)
    os.replace(temp, laptop.store.path)  # the laptop's Cockpit still holds the old data
    actions.complete(desktop, refs[1])
    copy = laptop.store.path.with_name(DROPBOX)
    shutil.copyfile(desktop.store.path, copy)
    actions.complete(desktop, refs[2])  # not in the copy
    merge_file(laptop, copy)
    assert len(done_steps(laptop.store.path)) == 2


def test_doctor_finds_what_lies_beside_the_file(devices: tuple[Cockpit, Cockpit]) -> None:
    laptop, desktop = devices
    folder = laptop.store.path.parent
    laptop.store.path.chmod(0o600)
    assert doctor(laptop) == []
    copy = folder / "cockpit.sync-conflict-20261123-101010-ABCDEF1.json"
    shutil.copyfile(desktop.store.path, copy)
    dead = folder / ".cockpit.json.tmp-999999999-abcd1234"
    dead.write_bytes(b"{")
    laptop.store.path.chmod(0o644)
    found = {finding.kind: finding for finding in doctor(laptop)}
    assert set(found) == {"conflict-copy", "temp-file", "permissions"}
    assert found["conflict-copy"].command == f"cockpit merge {copy}"
    assert found["permissions"].command == f"chmod 600 {laptop.store.path}"
    assert copy.exists() and dead.exists()  # the doctor only looks


def test_a_pin_follows_its_step_when_the_merge_renumbers_the_run(
    devices: tuple[Cockpit, Cockpit], tmp_path: Path
) -> None:
    """Each device starts a run by hand (the same next number on both); the desktop pins a
    step of its run to a block. Merged into the laptop, that run gets a new number: the pin
    must name the step under the new number, not the laptop's own run."""
    from datetime import time

    from cockpit.services.planning import pin_step

    laptop, desktop = devices
    on_demand = [
        p for p in desktop.store.processes() if p.schedule.kind.value == "on_demand" and p.steps
    ]
    mine = actions.start(laptop, on_demand[0].id).after[0]
    theirs = actions.start(desktop, on_demand[-1].id).after[0]
    assert mine.no == theirs.no  # the premise: one number, two runs
    day = desktop.today()
    pin_step(desktop, day, f"{theirs.no}.1", time(13, 0))
    copy = laptop.store.path.with_name(DROPBOX)
    shutil.copyfile(desktop.store.path, copy)
    merge_file(laptop, copy)
    data = decode(laptop.store.path.read_bytes())
    runs = {doc["uid"]: doc["no"] for doc in data["occurrences"].values() if doc.get("uid")}
    plan = next(doc for doc in data["plans"].values() if doc["date"] == day.isoformat())
    assert plan["pins"] == {f"{runs[theirs.uid]}.1": "13:00"}
    assert runs[theirs.uid] != theirs.no
