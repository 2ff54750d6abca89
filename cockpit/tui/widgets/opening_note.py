"""The line a view shows until the data file is open, or why it could not be opened.

Each view holds one of these where its content will go. When the file cannot be
read (a hand-edited record that fails the schema, a file from a newer Cockpit),
the app calls `show_failure` on the notes of the screens it has, and a view
mounted later reads the failure from the app: no view keeps saying "Opening the
data file…" over a file that will never open.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from cockpit.tui.plain import plain_lines

OPENING = "Opening the data file…"


def failure_text(message: str) -> Content:
    return Content.assemble(
        ("Cannot open the data file.", "bold $error"),
        "\n\n",
        plain_lines(message),
        "\n\nNothing was changed. Fix the file or copy the backup back, then start Cockpit "
        "again; ctrl+q quits.",
    )


class OpeningNote(Static):
    """ "Opening the data file…", or the reason it could not be opened."""

    def __init__(self, *, id: str, only_on_failure: bool = False) -> None:
        """`only_on_failure`: hidden while the file opens (for a view with content of its own,
        such as Focus's "No focus session"), shown only to say why it did not."""
        super().__init__(OPENING, id=id, classes="opening-note")
        self.display = not only_on_failure

    def on_mount(self) -> None:
        failure = getattr(self.app, "open_failure", None)
        if isinstance(failure, str):
            self.show_failure(failure)

    def show_failure(self, message: str) -> None:
        self.update(failure_text(message))
        self.display = True
