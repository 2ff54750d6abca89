"""`cockpit merge` as the owner reads it when definitions differ between the two devices:
a process edited on both, a role set differently, a copy of another business, a copy kept
somewhere else than beside the data file."""

from __future__ import annotations

import shutil
from pathlib import Path

from cockpit.clock import FixedClock
from cockpit.services import library
from cockpit.services.context import Cockpit
from tests.sample_fixtures import SETTINGS, TZ
from tests.unit.cli.helpers import DAY, Cli, error_line
from tests.unit.cli.test_merge_cli import DROPBOX, devices


def on(cli: Cli) -> Cockpit:
    from datetime import date

    return Cockpit.open(cli.data, FixedClock.on(date.fromisoformat(DAY), TZ), SETTINGS)


def rename_invoicing(cli: Cli, name: str) -> None:
    with on(cli) as ctx:
        process = next(p for p in ctx.store.processes() if p.name == "Invoice clients")
        library.save_process(
            ctx, process_id=process.id, name=name, role_id=process.role,
            system_id=process.system, schedule_text=process.schedule.text,
            target_minutes=process.target_minutes, stage=process.stage,
        )  # fmt: skip


def test_a_process_edited_on_both_is_told_in_both_directions(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path)
    rename_invoicing(laptop, "Invoice clients (laptop)")
    rename_invoicing(desktop, "Invoice clients (desktop)")
    shutil.copyfile(desktop.data, laptop.data.with_name(DROPBOX))
    shutil.copyfile(laptop.data, desktop.data.with_name(DROPBOX))
    for cli in (laptop, desktop):
        said = cli.ok("merge", str(cli.data.with_name(DROPBOX)))
        assert not said.startswith("Nothing new"), said
        assert "edited on both devices" in said and "in its history" in said
    assert laptop.ok("processes", "--json") == desktop.ok("processes", "--json")


def test_a_role_set_differently_stays_and_is_named(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path)
    with on(desktop) as ctx:
        role = ctx.store.roles()[0]
        library.save_role(ctx, role_id=role.id, name=role.name, colour="#000000")
    shutil.copyfile(desktop.data, laptop.data.with_name(DROPBOX))
    before = laptop.data.read_bytes()
    said = laptop.ok("merge", str(laptop.data.with_name(DROPBOX)))
    assert said.startswith("Nothing new")
    assert f'role "{role.name}" (its ' in said  # and what differs: the colour, here
    assert "colour) differs in the copy: kept as this device has it" in said
    assert laptop.data.read_bytes() == before


def test_another_business_is_refused_with_one_line(tmp_path: Path) -> None:
    laptop, _ = devices(tmp_path)
    other = Cli(tmp_path, "other/cockpit.json")
    (tmp_path / "other").mkdir()
    other.ok("init", "--roles", "Baking")
    with on(other) as ctx:
        library.save_process(
            ctx, name="Bake bread", role_id="baking", system_id=None,
            schedule_text="daily", target_minutes=None,
        )  # fmt: skip
    copy = laptop.data.with_name(DROPBOX)
    shutil.copyfile(other.data, copy)
    before = laptop.data.read_bytes()
    line = error_line(laptop.run("merge", str(copy)))
    assert "looks like a different business" in line
    assert laptop.data.read_bytes() == before and copy.exists()


def test_a_copy_from_elsewhere_stays_where_it_was(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path)
    rename_invoicing(desktop, "Invoice every client")
    said = laptop.ok("merge", str(desktop.data))
    assert f"Left {desktop.data} where it was" in said
    assert desktop.data.exists()


def test_a_bare_init_elsewhere_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    laptop, _ = devices(tmp_path)
    (tmp_path / "other").mkdir()
    other = Cli(tmp_path, "other/cockpit.json")
    other.ok("init", "--roles", "Baking,Pastry")  # another business, not a process yet
    copy = laptop.data.with_name(DROPBOX)
    shutil.copyfile(other.data, copy)
    before = laptop.data.read_bytes()
    line = error_line(laptop.run("merge", str(copy)))
    assert "looks like a different business" in line and "nothing was changed" in line
    assert laptop.data.read_bytes() == before and copy.exists()


def test_a_bare_init_with_the_same_roles_is_refused_too(tmp_path: Path) -> None:
    laptop, _ = devices(tmp_path)
    (tmp_path / "other").mkdir()
    other = Cli(tmp_path, "other/cockpit.json")
    other.ok("init")  # Sales, Delivery, Admin: as the sample's, with other settings
    before = laptop.data.read_bytes()
    line = error_line(laptop.run("merge", str(other.data)))
    assert "looks like a different business" in line
    assert laptop.data.read_bytes() == before and other.data.exists()


def test_an_empty_copy_of_this_business_brings_nothing(tmp_path: Path) -> None:
    laptop, _ = devices(tmp_path)
    empty = tmp_path / "empty.json"
    empty.write_text("{}")
    before = laptop.data.read_bytes()
    said = laptop.ok("merge", str(empty))
    assert said.startswith("Nothing new")
    assert laptop.data.read_bytes() == before
