"""A picture of the day's list kept from the last run, drawn in the first frame.

After Today shows the live day, its rows are written to a small file in the cache folder
(never beside the data, so never in a sync folder), keyed by the identity of the data the
day was computed from (device, inode, size, modification time), the date, the settings and
Cockpit's version. At the next start, a file whose key still matches is drawn at once, as a
picture only: no key acts on it. The live data replaces it as soon as it is open, and keys
that change data wait for that (the list they act on is the live one).

The file is written atomically (a private temporary file renamed over the old one), 0600 in a
0700 folder; one that cannot be read, or whose key does not match, is ignored.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cockpit import __version__
from cockpit.services.cache_files import Identity, file_identity, keep_file, settings_digest

if TYPE_CHECKING:
    from rich.text import Text

    from cockpit.config import Settings

FORMAT = 1
MAX_ROWS = 200  # more than any terminal shows
MAX_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class DayCache:
    """Where the picture of one data file's day is kept."""

    folder: Path
    data_path: Path
    # the file `data_path` was copied from, byte for byte (copy2: same size and time), whose
    # picture every copy shares: the demo's, copied from the one built in the cache folder
    origin: Path | None = None

    @property
    def source(self) -> Path:
        return (self.origin or self.data_path).absolute()

    @property
    def file(self) -> Path:
        name = hashlib.sha256(str(self.source).encode()).hexdigest()[:20]
        return self.folder / f"day-{name}.json"

    def identity(self, held: Identity | None = None) -> Identity | None:
        """What the picture is keyed by: the data file's identity (`held`: as the data in
        memory has it, else as on disk now); for a copy, the origin's, while the copy is as
        the origin was (same size and modification time)."""
        identity = held or file_identity(self.data_path)
        if identity is None or self.origin is None:
            return identity
        origin = file_identity(self.origin)
        # size and modification time: copy2 keeps them (a copy's change time is its own)
        return origin if origin is not None and origin[2:4] == identity[2:4] else None

    def key(self, identity: Identity, day: date, settings: Settings) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": __version__,
            "data": str(self.source),
            "identity": list(identity),
            "date": day.isoformat(),
            "config": settings_digest(settings),
        }

    def read(self, day: date, settings: Settings) -> list[Text] | None:
        """The rows kept for this data file as it is now, on `day` with `settings`; None when
        there are none, or they were kept for another file, day or config."""
        identity = self.identity()
        if identity is None:
            return None
        try:
            with open(self.file, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                return None
            kept = json.loads(raw)
            if not isinstance(kept, dict) or kept.get("key") != self.key(identity, day, settings):
                return None
            return [_text(row) for row in kept["rows"][:MAX_ROWS]]
        except Exception:  # unreadable, foreign or hand-edited: a picture is never worth a crash
            return None

    def write(self, held: Identity, day: date, settings: Settings, rows: list[Text]) -> None:
        """Keep `rows`, the day computed from the data of `held` (atomically, 0600)."""
        identity = self.identity(held)
        if identity is None:
            return
        payload = json.dumps(
            {"key": self.key(identity, day, settings), "rows": [_row(t) for t in rows[:MAX_ROWS]]}
        ).encode()
        keep_file(self.file, payload, "day-")  # and pictures of data no longer opened go

    def forget(self) -> None:
        self.file.unlink(missing_ok=True)


def _row(text: Text) -> dict[str, Any]:
    return {
        "plain": text.plain,
        "style": str(text.style),
        "spans": [[span.start, span.end, str(span.style)] for span in text.spans],
    }


def _text(row: dict[str, Any]) -> Text:
    """A kept row as rich Text: its characters are text, never read as markup."""
    from rich.style import Style
    from rich.text import Span, Text

    from cockpit.domain.text import printable

    spans = [
        Span(int(start), int(end), Style.parse(str(style))) for start, end, style in row["spans"]
    ]
    return Text(
        printable(str(row["plain"])),
        style=Style.parse(str(row["style"])) if row["style"] else "",
        spans=spans,
        no_wrap=True,
        overflow="ellipsis",
    )
