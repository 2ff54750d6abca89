"""Merging definitions: a process edited on both devices keeps both definitions, roles and
systems the owner set on this device stay, and a copy of another business is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.model import Process
from cockpit.services import library
from cockpit.services.context import Cockpit
from cockpit.services.merge import MergeRefused, merge_file
from cockpit.store.storage import decode
from tests.sample_fixtures import MONDAY, SETTINGS, TZ
from tests.two_devices import merge_both_ways

COPY = "cockpit (Desktop's conflicted copy 2026-11-23).json"


def invoicing(ctx: Cockpit) -> Process:
    return next(p for p in ctx.store.processes() if p.name == "Invoice clients")


def edit(ctx: Cockpit, **changes: object) -> None:
    process = invoicing(ctx)
    fields: dict[str, object] = {
        "process_id": process.id,
        "name": process.name,
        "role_id": process.role,
        "system_id": process.system,
        "schedule_text": process.schedule.text,
        "target_minutes": process.target_minutes,
        "stage": process.stage,
        "notes": process.notes,
        "purpose": process.purpose,
    }
    library.save_process(ctx, **(fields | changes))  # type: ignore[arg-type]


def definitions(path: Path, process_id: str) -> list[tuple[str, str, str]]:
    """(where, name, schedule) of every definition of the process the file holds."""
    data = decode(path.read_bytes())
    return sorted(
        (table, doc["name"], doc["schedule"]["text"])
        for table in ("processes", "process_history")
        for doc in data.get(table, {}).values()
        if doc["id"] == process_id
    )


def test_a_process_edited_on_both_devices_keeps_both_definitions_either_way(
    devices: tuple[Cockpit, Cockpit], tmp_path: Path
) -> None:
    laptop, desktop = devices
    process_id = invoicing(laptop).id
    edit(laptop, name="Invoice clients (laptop)")
    edit(desktop, schedule_text="weekly on mon")

    here, there = merge_both_ways(laptop, desktop, COPY, tmp_path)

    kept = definitions(laptop.store.path, process_id)
    assert kept == definitions(desktop.store.path, process_id)  # the same, either way
    assert any(name == "Invoice clients (laptop)" for _, name, _ in kept)
    assert any(
        schedule == "weekly on mon" and name == "Invoice clients" for _, name, schedule in kept
    )
    assert [where for where, _, _ in kept].count("processes") == 1
    for done in (here, there):  # told in both directions, never "nothing new"
        assert done.report.changed and len(done.report.differing) == 1


def test_roles_set_on_this_device_stay_and_the_difference_is_told(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    laptop, desktop = devices
    role = laptop.store.roles()[0]
    library.save_role(desktop, role_id=role.id, name=role.name, colour="#000000", budget_minutes=5)
    copy = laptop.store.path.with_name(COPY)
    shutil.copyfile(desktop.store.path, copy)
    done = merge_file(laptop, copy)
    assert laptop.store.roles()[0] == role
    assert done.report.kept_live == [f'role "{role.name}" (its budget, colour)']


def test_a_copy_of_another_business_is_refused(
    devices: tuple[Cockpit, Cockpit], tmp_path: Path
) -> None:
    laptop, _ = devices
    elsewhere = tmp_path / "other" / "cockpit.json"
    with Cockpit.open(elsewhere, FixedClock.on(MONDAY, TZ), SETTINGS) as other:
        role = library.save_role(other, name="Bakery")
        library.save_process(
            other, name="Bake bread", role_id=role.id, system_id=None,
            schedule_text="daily", target_minutes=None,
        )  # fmt: skip
    copy = laptop.store.path.with_name(COPY)
    shutil.copyfile(elsewhere, copy)
    before = laptop.store.path.read_bytes()
    with pytest.raises(MergeRefused, match="different business") as refused:
        merge_file(laptop, copy)
    assert "nothing was changed" in str(refused.value)
    assert laptop.store.path.read_bytes() == before and copy.exists()


def test_a_copy_from_elsewhere_is_merged_and_left_where_it_was(
    devices: tuple[Cockpit, Cockpit], tmp_path: Path
) -> None:
    laptop, desktop = devices
    edit(desktop, name="Invoice every client")
    outside = tmp_path / "downloads" / "cockpit-copy.json"
    outside.parent.mkdir()
    shutil.copyfile(desktop.store.path, outside)
    done = merge_file(laptop, outside)
    assert done.report.changed and done.moved_to is None and outside.exists()


def test_another_business_sharing_a_process_name_is_still_refused(
    devices: tuple[Cockpit, Cockpit], tmp_path: Path
) -> None:
    """A process id is its name's slug: another business's "Inbox zero" (a checklist of its
    own, run on the same days) shares the id and the runs' identities, not a definition."""
    laptop, _ = devices
    elsewhere = tmp_path / "other" / "cockpit.json"
    with Cockpit.open(elsewhere, FixedClock.on(MONDAY, TZ), SETTINGS) as other:
        role = library.save_role(other, name="Bakery")
        inbox = library.save_process(
            other, name="Inbox zero", role_id=role.id, system_id=None,
            schedule_text="daily", target_minutes=None,
        )  # fmt: skip
        library.save_step(other, process_id=inbox.id, title="Read the flour orders")
        other.refresh()
    shared = {p.id for p in laptop.store.processes()} & {"inbox-zero"}
    assert shared  # the premise: the same id
    copy = laptop.store.path.with_name(COPY)
    shutil.copyfile(elsewhere, copy)
    before = laptop.store.path.read_bytes()
    with pytest.raises(MergeRefused, match="different business"):
        merge_file(laptop, copy)
    assert laptop.store.path.read_bytes() == before and copy.exists()
