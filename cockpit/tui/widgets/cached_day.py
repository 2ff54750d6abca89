"""The day's list as the last run left it (day_cache), drawn in the first frame: a picture,
never a list that keys act on; Today takes it away when the live day is shown."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class CachedDay(Static):
    """The kept rows, one a line, cut with an ellipsis like the live list's."""

    DEFAULT_CSS = """
    CachedDay {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, rows: list[Text], *, id: str) -> None:
        joined = Text("\n", no_wrap=True, overflow="ellipsis").join(rows)
        super().__init__(joined, id=id)
