"""Two devices, one business: the laptop and the desktop, each a folder with its own copy of the
sample business and its own Cockpit; `sync` is what a sync client does (the other device's file
copied beside, then renamed over: a new inode)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cockpit.clock import FixedClock
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit
from cockpit.store.storage import decode
from tests.sample_fixtures import MONDAY, SETTINGS, TZ

if TYPE_CHECKING:
    from cockpit.services.merge import Merged


def sync(source: Path, target: Path) -> None:
    """The other device's file, copied beside the target, renamed over it."""
    temp = target.with_name(".sync-tmp")
    shutil.copyfile(source, temp)
    os.replace(temp, target)


def open_refs(ctx: Cockpit) -> list[str]:
    """The refs (`412.2`) of every open step due by the context's today."""
    return [
        f"{run.no}.{position}"
        for run in ctx.store.open_occurrences()
        if run.date <= ctx.today()
        for position, state in enumerate(run.steps, start=1)
        if state.is_open
    ]


def done_steps(path: Path) -> set[tuple[str, str, str]]:
    """(process, date, step) of every step done in the file: what no sync may lose."""
    data = decode(path.read_bytes())
    return {
        (doc["process"], doc["date"], state["step"])
        for doc in data.get("occurrences", {}).values()
        for state in doc.get("steps", ())
        if state.get("status") == "done"
    }


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[tuple[Cockpit, Cockpit]]:
    """The laptop and the desktop, each with the sample business, open as writers."""
    laptop_path = tmp_path / "laptop" / "cockpit.json"
    desktop_path = tmp_path / "desktop" / "cockpit.json"
    laptop_path.parent.mkdir()
    desktop_path.parent.mkdir()
    with Cockpit.open(laptop_path, FixedClock.on(MONDAY, TZ), SETTINGS) as first:
        load_sample(first)
        first.refresh()
    shutil.copyfile(laptop_path, desktop_path)
    laptop = Cockpit.open(laptop_path, FixedClock.on(MONDAY, TZ), SETTINGS)
    desktop = Cockpit.open(desktop_path, FixedClock.on(MONDAY, TZ), SETTINGS)
    try:
        yield laptop, desktop
    finally:
        laptop.close()
        desktop.close()


def merge_both_ways(
    laptop: Cockpit, desktop: Cockpit, copy_name: str, folder: Path
) -> tuple[Merged, Merged]:
    """Each device's file, as it is now, left beside the other as a conflict copy named
    `copy_name` and merged there: what the laptop's merge did, and the desktop's."""
    from cockpit.services.merge import merge_file

    laptop_before, desktop_before = folder / "laptop-before.json", folder / "desktop-before.json"
    shutil.copyfile(laptop.store.path, laptop_before)
    shutil.copyfile(desktop.store.path, desktop_before)
    shutil.copyfile(desktop_before, laptop.store.path.with_name(copy_name))
    here = merge_file(laptop, laptop.store.path.with_name(copy_name))
    shutil.copyfile(laptop_before, desktop.store.path.with_name(copy_name))
    there = merge_file(desktop, desktop.store.path.with_name(copy_name))
    return here, there
