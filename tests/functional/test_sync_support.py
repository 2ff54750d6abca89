"""What the test_sync_* files share (no tests here): two devices and the sync between them.

Each device is a folder with its own copy of the data file. A sync client brings the
other device's file the way Dropbox, Syncthing or Nextcloud do: written beside this one,
then renamed over it (a new inode, a new mtime).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cockpit.services.context import Cockpit
from cockpit.tui.app import CockpitApp
from tests.ui_support import Driver, notes, open_cockpit

DESKTOP = "desktop"


def other_device(data_path: Path, folder: Path) -> Path:
    """The other device's copy of the data file, as the sync client left it there."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / data_path.name
    shutil.copyfile(data_path, copy)
    return copy


def sync(source: Path, target: Path) -> None:
    """What a sync client does: the other device's file, copied beside this one, then renamed
    over it."""
    temp = target.with_name(f".{target.name}.sync-tmp")
    shutil.copyfile(source, temp)
    os.replace(temp, target)


@contextmanager
def on_device(path: Path) -> Iterator[Cockpit]:
    """The other device at work on its copy: the services, as its CLI or TUI calls them."""
    with open_cockpit(path) as ctx:
        yield ctx


def looking_every(app: CockpitApp, seconds: float) -> CockpitApp:
    """The app, looking at the disk this often (a test needn't wait 1.5 s)."""
    app.disk_check_seconds = seconds
    return app


def not_looking(app: CockpitApp) -> CockpitApp:
    """The app, never looking at the disk during the test: its next write meets the change."""
    return looking_every(app, 3600)


def noted(pilot: Driver, words: str) -> bool:
    return any(words in message for message in notes(pilot))
