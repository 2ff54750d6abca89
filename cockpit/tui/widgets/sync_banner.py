"""The line under the status bar when a sync client left conflict copies beside the data file.

Two devices that changed the file at once leave a copy such as
`cockpit (Laptop's conflicted copy 2026-12-01).json`: work that is in no view until it is
merged. The app counts them every few seconds (disk_watch.py) into its `conflict_copies`;
each view's status bar mounts this banner the first time there are any, and the banner
follows that count from then on, hiding itself when none are left.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from cockpit.tui.plain import plain

SHOWN_NAMES = 2  # more names than this end in "…"


def banner_text(names: tuple[str, ...]) -> Content:
    """ "⚠ 2 conflict copies beside the data file: M merges them (or quit, then cockpit merge
    FILE): a, b" """
    count = len(names)
    what = "1 conflict copy" if count == 1 else f"{count} conflict copies"
    listed = Content(", ").join(plain(name) for name in names[:SHOWN_NAMES])
    if count > SHOWN_NAMES:
        listed = Content.assemble(listed, ", …")
    return Content.assemble(
        ("⚠ ", "bold"),
        (what, "bold"),
        " beside the data file: ",
        ("M", "bold"),
        f" merges {'it' if count == 1 else 'them'} (or quit Cockpit, then ",
        ("cockpit merge FILE", "bold"),
        "): ",
        listed,
    )


class SyncBanner(Static):
    """Hidden while there are no conflict copies."""

    def __init__(self) -> None:
        super().__init__("", id="sync-banner")
        self.display = False

    def on_mount(self) -> None:
        self.watch(self.app, "conflict_copies", self.show_copies, init=True)

    def show_copies(self, names: tuple[str, ...]) -> None:
        self.display = bool(names)
        if names:
            self.update(banner_text(names))
