"""Conflict copies: the files sync clients leave beside the data file when two devices
changed it at once.

Only names made from the data file's own name are taken (for `cockpit.json`):

- Dropbox: `cockpit (Laptop's conflicted copy 2026-12-01).json`, also with a number
  `... 2026-12-01 (1)).json`, and its selective-sync and case conflicts;
- Nextcloud and ownCloud: `cockpit (conflicted copy 2026-12-01 101010).json`,
  `cockpit (conflict 2026-12-01 101010).json`, `cockpit_conflict-20261201-101010.json`;
- Syncthing: `cockpit.sync-conflict-20261201-101010-ABCDEF1.json`;
- Google Drive and browsers: `cockpit (1).json`; OneDrive: `cockpit-DESKTOP-AB12CD.json`
  (the other computer's name, capitals as Windows writes them, with at least one letter,
  so a dated copy such as `cockpit-2026-12-01.json` is not taken for one).

Never the data file, its lock, its temp files, nor anything in the backups or archive
folders (they are not beside it). A copy of a copy (`cockpit (A's conflicted copy ...)
(B's conflicted copy ...).json`) is a copy too.
"""

from __future__ import annotations

import re
from pathlib import Path


def _patterns(stem: str, suffix: str) -> list[re.Pattern[str]]:
    name, ext = re.escape(stem), re.escape(suffix)
    return [
        # Dropbox, Nextcloud, ownCloud: a note in brackets after the name
        re.compile(
            rf"^{name} \([^()]*conflict[^()]*(\(\d+\))?[^()]*\)( \([^()]*\))*{ext}$",
            re.IGNORECASE,
        ),
        re.compile(rf"^{name}_conflict-\d{{8}}-\d{{6}}{ext}$", re.IGNORECASE),
        re.compile(rf"^{name}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Za-z0-9]+{ext}$"),
        re.compile(rf"^{name} \(\d{{1,3}}\){ext}$"),
        re.compile(rf"^{name}-(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{{0,13}}[A-Z0-9]{ext}$"),
    ]


def is_conflict_copy(data_path: Path, candidate: Path) -> bool:
    """Whether `candidate`'s name is a conflict copy's of `data_path` (names only)."""
    if candidate.name == data_path.name:
        return False
    return any(p.match(candidate.name) for p in _patterns(data_path.stem, data_path.suffix))


def conflict_copies(data_path: Path) -> list[Path]:
    """The conflict copies beside the data file, plain files only, sorted by name."""
    folder = data_path.parent
    patterns = _patterns(data_path.stem, data_path.suffix)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        if entry.name == data_path.name or not any(p.match(entry.name) for p in patterns):
            continue
        try:
            if entry.is_file():
                found.append(entry)
        except OSError:
            continue
    return sorted(found)
