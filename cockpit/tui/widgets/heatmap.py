"""A heatmap calendar: weeks as columns, weekdays (Mon..Sun) as rows, month labels on top.

Each cell is one day in a *state*: how the process's run of that day turned out
(done on time, late, skipped, missed, not judged yet), that nothing was scheduled,
or that the day is still to come; for a whole role, how much of the day's runs
were done. Each state has its own glyph as well as its colour, so the map reads
without colour (a monochrome terminal, a colour-blind owner). The colours are
component classes, styled in routines.tcss with theme variables, so a change of
theme recolours the map.

The cells come from `cockpit.domain.outcome_calendar`, which regroups the judged
outcomes by day; this module only draws them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from cockpit.domain.outcome_calendar import week_start

WEEKS = 26
ROW_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4
# state -> the glyph of its cell (a blank for days to come)
GLYPHS: dict[str, str] = {
    "on_time": "■",
    "late": "▪",
    "skipped": "○",
    "missed": "×",
    "open": "◌",
    "all_done": "■",
    "some_done": "▪",
    "none_done": "×",
    "none": "·",
    "future": " ",
}

# state -> (component class, legend label)
STATES: dict[str, tuple[str, str]] = {
    "on_time": ("heatmap--on-time", "on time"),
    "late": ("heatmap--late", "late"),
    "skipped": ("heatmap--skipped", "skipped"),
    "missed": ("heatmap--missed", "missed"),
    "open": ("heatmap--open", "not judged yet"),
    "all_done": ("heatmap--all-done", "all done"),
    "some_done": ("heatmap--some-done", "some done"),
    "none_done": ("heatmap--none-done", "none done"),
    "none": ("heatmap--none", "not scheduled"),
    "future": ("heatmap--future", "future"),
}
PROCESS_LEGEND = ("on_time", "late", "skipped", "missed", "none", "future")
ROLE_LEGEND = ("all_done", "some_done", "none_done", "skipped", "none", "future")


class Heatmap(Widget):
    """Days of `weeks` weeks ending with the week of `end`, coloured by state, with a legend."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {name for name, _ in STATES.values()} | {
        "heatmap--label"
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.cells: dict[date, str] = {}
        self.today = date(2000, 1, 3)  # until `show`: an empty map of the weeks before it
        self.end = self.today
        self.weeks = WEEKS
        self.legend: tuple[str, ...] = PROCESS_LEGEND

    def show(
        self,
        cells: Mapping[date, str],
        *,
        today: date,
        end: date,
        weeks: int = WEEKS,
        legend: tuple[str, ...] = PROCESS_LEGEND,
    ) -> None:
        """Show `cells` for the weeks up to the one of `end`; days after `today` are future."""
        self.cells = dict(cells)
        self.today = today
        self.end = end
        self.weeks = weeks
        self.legend = legend
        self.refresh(layout=True)

    @property
    def first_day(self) -> date:
        return week_start(self.end) - timedelta(weeks=self.weeks - 1)

    @property
    def last_day(self) -> date:
        return week_start(self.end) + timedelta(days=6)

    def state_on(self, day: date) -> str:
        """The state the cell of `day` shows."""
        if day > self.today:
            return "future"
        return self.cells.get(day, "none")

    def shown_legend(self) -> tuple[str, ...]:
        legend = self.legend
        first, last = self.first_day, self.last_day
        if any(s == "open" and first <= d <= last for d, s in self.cells.items()):
            legend = (*legend[:4], "open", *legend[4:])
        return legend

    def legend_text(self) -> Text:
        text = Text(no_wrap=True, end="")
        for index, state in enumerate(self.shown_legend()):
            name, label = STATES[state]
            if index:
                text.append("  ")
            if state == "future":  # a blank cell: said in words
                text.append(f"{label} (blank)")
                continue
            text.append(GLYPHS[state] + " ", style=self.get_component_rich_style(name))
            text.append(label)
        return text

    def month_text(self) -> Text:
        """The month names over the weeks in which a month starts (and over the first week,
        when the next label leaves room)."""
        first = self.first_day
        starts = [
            column
            for column in range(1, self.weeks)
            if (first + timedelta(weeks=column, days=6)).day <= 7
        ]
        if not starts or starts[0] >= 2:
            starts.insert(0, 0)
        line = [" "] * (LABEL_WIDTH + 2 * self.weeks + 3)
        for column in starts:
            sunday = first + timedelta(weeks=column, days=6)
            shown = first if column == 0 else sunday
            x = LABEL_WIDTH + 2 * column
            line[x : x + 3] = list(f"{shown:%b}")
        label_style = self.get_component_rich_style("heatmap--label")
        return Text("".join(line).rstrip(), style=label_style, no_wrap=True, end="")

    def grid_width(self) -> int:
        return LABEL_WIDTH + 2 * self.weeks

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(self.grid_width(), self.legend_text().cell_len)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 9

    def render(self) -> Text:
        label_style = self.get_component_rich_style("heatmap--label")
        styles: dict[str, Style] = {
            state: self.get_component_rich_style(name) for state, (name, _) in STATES.items()
        }
        lines = [self.month_text()]
        first = self.first_day
        for weekday in range(7):
            row = Text(no_wrap=True, end="")
            row.append(ROW_LABELS[weekday].ljust(LABEL_WIDTH), style=label_style)
            for column in range(self.weeks):
                day = first + timedelta(weeks=column, days=weekday)
                state = self.state_on(day)
                row.append(GLYPHS[state] + " ", style=styles[state])
            lines.append(row)
        lines.append(self.legend_text())
        return Text("\n", no_wrap=True, end="").join(lines)
