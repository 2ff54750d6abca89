"""The timeline widget: the day's rows, a cursor on one step, j/k, clicks and scrolling."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cockpit.tui.widgets.timeline_rows import Row, row_text, timeline_rows

if TYPE_CHECKING:
    from cockpit.domain.timeline import Timeline

STYLES = ("block", "current", "free", "now", "over", "heading", "cursor")


class TimelineView(ScrollView, can_focus=True):
    """Rows of the timeline; the cursor moves over the steps only."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"timeline--{name}" for name in STYLES}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Down", id="timeline.down", show=False),
        Binding("k,up", "move(-1)", "Up", id="timeline.up", show=False),
        Binding("home,g", "edge(-1)", "First", id="timeline.first", show=False),
        Binding("end,G", "edge(1)", "Last", id="timeline.last", show=False),
        Binding("pageup", "page(-1)", "Page up", id="timeline.page_up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="timeline.page_down", show=False),
    ]

    class Moved(Message):
        """The cursor is on another step (None: no step)."""

        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.rows: list[Row] = []
        self.cursor: str | None = None

    # -- what it shows -----------------------------------------------------------------

    def show(self, timeline: Timeline, cursor: str | None = None) -> None:
        """Show a timeline, the cursor on `cursor` if it is there, else where it was, else on
        the first step of the block it is now, else on the first step."""
        self.timeline = timeline
        self.rows = timeline_rows(timeline)
        keys = self.keys
        wanted = [cursor, self.cursor]
        current = timeline.current
        if current is not None and current.slots:
            wanted.append(current.slots[0].work.key)
        chosen = next((key for key in wanted if key is not None and key in keys), None)
        self.cursor = chosen if chosen is not None else (keys[0] if keys else None)
        self.virtual_size = Size(self.size.width, len(self.rows))
        self.refresh()
        self.call_after_refresh(self.scroll_to_cursor)
        self.post_message(self.Moved(self.cursor))

    @property
    def keys(self) -> list[str]:
        """The steps in the order the rows show them."""
        return [row.key for row in self.rows if row.selectable and row.key is not None]

    def cursor_row(self) -> int | None:
        return next(
            (i for i, row in enumerate(self.rows) if row.selectable and row.key == self.cursor),
            None,
        )

    def move_to(self, key: str | None) -> None:
        if key is None or key not in self.keys or key == self.cursor:
            return
        self.cursor = key
        self.refresh()
        self.scroll_to_cursor()
        self.post_message(self.Moved(key))

    def scroll_to_cursor(self) -> None:
        index = self.cursor_row()
        if index is not None:
            self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)

    # -- keys and clicks -----------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        keys = self.keys
        if not keys:
            return
        index = keys.index(self.cursor) if self.cursor in keys else -delta
        self.move_to(keys[max(0, min(len(keys) - 1, index + delta))])

    def action_edge(self, delta: int) -> None:
        keys = self.keys
        if keys:
            self.move_to(keys[-1] if delta > 0 else keys[0])

    def action_page(self, delta: int) -> None:
        """A screenful on: the cursor to the step about a page away."""
        index = self.cursor_row() or 0
        target = index + delta * max(1, self.size.height - 1)
        order = range(target, len(self.rows)) if delta > 0 else range(target, -1, -1)
        for i in order:
            if 0 <= i < len(self.rows) and self.rows[i].selectable:
                self.move_to(self.rows[i].key)
                return
        self.action_edge(delta)

    def on_click(self, event: events.Click) -> None:
        """A click on a step puts the cursor on it; on a block, on its first step."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if 0 <= index < len(self.rows):
            self.focus()
            self.move_to(self.rows[index].key)

    # -- drawing -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + self.scroll_offset.y
        if index >= len(self.rows) or self.timeline is None:
            return Strip.blank(width, base)
        styles = {name: self.get_component_rich_style(f"timeline--{name}") for name in STYLES}
        text = row_text(
            self.rows[index],
            width,
            styles,
            current=self.timeline.current,
            cursor=self.cursor,
            planned=self.timeline.planned,
        )
        segments = list(text.render(self.app.console, end=""))
        return Strip(segments).adjust_cell_length(width, base).apply_style(base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()
