"""Routines: every recurring process's strength, trend, streaks and stage, with a heatmap.

Every figure comes from `services.routines.routine_rows`, read in a worker; the
screen only lays them out. The heatmap shows the selected process (or its whole
role) over 26 weeks; the note beside it says in words what the figures mean.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.events import Resize
from textual.widgets import DataTable, Static

from cockpit.domain.outcome_calendar import (
    process_cells,
    role_cells,
    spark_text,
    week_start,
    weekly_shares,
)
from cockpit.domain.text import printable
from cockpit.presenter import bar, pct
from cockpit.tui.messages import CockpitReady
from cockpit.tui.plain import plain
from cockpit.tui.screens.base import CockpitScreen
from cockpit.tui.screens.routine_detail import (
    RoutineDetailScreen,
    note_text,
    process_note,
    role_note,
    streak_text,
    trend_text,
)
from cockpit.tui.screens.routines_load import Filters, Loaded, cycle, load_routines
from cockpit.tui.themes import tone_style
from cockpit.tui.widgets.footer import CockpitFooter
from cockpit.tui.widgets.heatmap import ROLE_LEGEND, WEEKS, Heatmap
from cockpit.tui.widgets.opening_note import OpeningNote
from cockpit.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from cockpit.domain.model import Process
    from cockpit.services.context import Cockpit
    from cockpit.services.routines import RoutineRow

NARROW = 100  # below this width the table drops its role, trend and sparkline columns
STAGES = (None, "draft", "testing", "routine", "retired")
PERIOD_STEP = 4  # [ and ] move the heatmap by this many weeks
MAX_BACK = 27  # the figures keep 53 weeks of outcomes: the oldest 26-week window
SPARK_WEEKS = 12
NAME_WIDTH, NAME_WIDTH_NARROW = 26, 20  # a long name is cut, never pushes the columns off


class RoutinesScreen(CockpitScreen[None]):
    """Which processes have become routines, which are slipping, and why."""

    CSS_PATH = "../routines.tcss"  # loaded when the screen is first shown, not at start

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor(1)", "Down", id="routines.down", show=False),
        Binding("k", "cursor(-1)", "Up", id="routines.up", show=False),
        Binding("enter", "detail", "Detail", id="routines.detail"),
        Binding("r", "cycle_role", "Role", id="routines.role"),
        Binding("y", "cycle_system", "System", id="routines.system"),
        Binding("g", "cycle_stage", "Stage", id="routines.stage"),
        Binding("w", "toggle_whole_role", "Map", id="routines.whole_role"),
        Binding("left_square_bracket", "period(-1)", "Earlier", id="routines.earlier", show=False),
        Binding("right_square_bracket", "period(1)", "Later", id="routines.later", show=False),
        Binding("p", "promote", "Make routine", id="routines.promote"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.data: Loaded | None = None
        self.whole_role = False
        self.weeks_back = 0  # how far the heatmap's last week is before this week
        self.narrow = False
        self._token = 0  # the latest load: older answers are dropped

    @property
    def rows(self) -> list[RoutineRow]:
        return self.data.rows if self.data else []

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static("", id="routines-filters")
        yield DataTable(id="routines-table", cursor_type="row", zebra_stripes=True)
        yield OpeningNote(id="routines-empty")
        with Vertical(id="routines-lower"):
            yield Static("", id="routines-map-title")
            with Horizontal(id="routines-map-row"):
                yield Heatmap(id="routines-heatmap")
                yield Static("", id="routines-note")
        yield CockpitFooter()

    def on_mount(self) -> None:
        self.narrow = self.size.width < NARROW
        self.set_class(self.narrow, "-narrow")
        self.watch(self.app, "theme", self._retheme, init=False)
        self.show_filters()
        self.query_one(DataTable).focus()

    def on_cockpit_ready(self, message: CockpitReady) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.cockpit_app.cockpit is not None:
            self.load()

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < NARROW
        if narrow != self.narrow:
            self.narrow = narrow
            self.set_class(narrow, "-narrow")
            self.fill_table()

    def _retheme(self) -> None:
        self.fill_table()

    # -- loading -------------------------------------------------------------------------

    def load(self) -> None:
        self._token += 1
        token, filters = self._token, self.filters
        self.cockpit_app.run_service(
            lambda c: load_routines(c, filters), lambda data: self.loaded(data, token), group="load"
        )

    def loaded(self, data: Loaded, token: int) -> None:
        if token != self._token:
            return
        self.data = data
        self.query_one(StatusBar).show(data.today, data.roles)
        self.show_filters()
        self.fill_table()

    # -- showing -------------------------------------------------------------------------

    def show_filters(self) -> None:
        data, filters = self.data, self.filters
        roles = {r.id: r.name for r in data.roles} if data else {}
        systems = {s.id: s.name for s in data.systems} if data else {}
        parts: list[Content | str] = []
        for key, label, value in (
            ("r", "role", roles.get(filters.role or "", filters.role)),
            ("y", "system", systems.get(filters.system or "", filters.system)),
            ("g", "stage", filters.stage),
        ):
            parts.append(
                Content.assemble((f"{label} ", "$text-muted"), plain(value or "all", "bold"))
            )
            parts.append(Content.styled(f" ({key})   ", "$text-muted"))
        shown = f"{len(self.rows)} of {len(data.all_rows)} processes" if data else ""
        parts.append(Content.styled(shown, "$text-muted"))
        self.query_one("#routines-filters", Static).update(Content.assemble(*parts))

    def _styles(self) -> dict[str, Style]:
        return {
            tone: tone_style(self.app, tone) for tone in ("success", "warning", "error", "accent")
        }

    def fill_table(self) -> None:
        table = self.query_one(DataTable)
        keep = self.current_id()
        table.clear(columns=True)
        narrow = self.narrow
        streak = ("Streak now/best", "streak")
        columns = [("Process", "process"), ("Role", "role"), ("Strength", "strength")]
        columns += [("Trend", "trend"), streak, ("Stage", "stage")]
        columns += [(f"{SPARK_WEEKS} weeks", "weeks"), ("Note", "note")]
        if narrow:
            columns = [("Process", "process"), ("Strength", "strength"), streak]
            columns += [("Stage", "stage"), ("Note", "note")]
        for label, key in columns:
            table.add_column(label, key=key)
        styles = self._styles()
        data = self.data
        for row in self.rows:
            f = row.figures
            tone = "success" if f.is_routine else "error" if f.slipping else "warning"
            strength = Text.assemble(
                (bar(round(f.strength * 100), 100, width=5 if narrow else 10), styles[tone]),
                f" {pct(f.strength)}".rjust(6),
            )
            note_tone = "error" if f.slipping else "accent" if f.suggest_routine else "success"
            note = Text(note_text(row), style=styles[note_tone])
            name = Text(printable(row.process.name), no_wrap=True, overflow="ellipsis", end="")
            name.truncate(NAME_WIDTH_NARROW if narrow else NAME_WIDTH, overflow="ellipsis")
            if narrow:
                cells: list[object] = [name, strength, streak_text(row), row.process.stage.value]
            else:
                shares = weekly_shares(f.recent, data.today if data else date.min, SPARK_WEEKS)
                cells = [
                    name,
                    Text(printable(row.role_name), no_wrap=True),
                    strength,
                    trend_text(f.strength, f.strength_4_weeks_ago),
                    streak_text(row),
                    row.process.stage.value,
                    Text(spark_text(shares), style=styles["accent"]),
                ]
            table.add_row(*cells, note, key=row.process.id)
        empty = self.query_one("#routines-empty", Static)
        empty.display = not self.rows
        if self.filters != Filters():
            empty.update("No recurring process matches: r, y and g change the filters.")
        else:
            empty.update(
                "No recurring process yet: press 5, then n, and give it a schedule "
                "(daily, every mon, monthly on the 1st...)."
            )
        self.query_one("#routines-lower").display = bool(self.rows)
        ids = [row.process.id for row in self.rows]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), animate=False, scroll=True)
        self.show_map()

    def current_id(self) -> str | None:
        """The process of the row under the cursor, as the table shows it."""
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), table.row_count - 1)
        key = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value
        return str(key) if key is not None else None

    def current(self) -> RoutineRow | None:
        wanted = self.current_id()
        return next((row for row in self.rows if row.process.id == wanted), None)

    @on(DataTable.RowHighlighted, "#routines-table")
    def _highlighted(self) -> None:
        self.show_map()

    @on(DataTable.RowSelected, "#routines-table")
    def _selected(self) -> None:
        self.action_detail()

    def period_end(self, today: date) -> date:
        """The Sunday that ends the heatmap's last week."""
        return week_start(today) + timedelta(days=6) - timedelta(weeks=self.weeks_back)

    def show_map(self) -> None:
        row, data = self.current(), self.data
        if row is None or data is None:
            return
        heatmap = self.query_one(Heatmap)
        end = self.period_end(data.today)
        span = f"{WEEKS} weeks, {end - timedelta(days=7 * WEEKS - 1):%d %b %Y} – {end:%d %b %Y}"
        title = self.query_one("#routines-map-title", Static)
        note = self.query_one("#routines-note", Static)
        if self.whole_role:
            mates = [r for r in data.all_rows if r.process.role == row.process.role]
            cells = role_cells(r.figures.recent for r in mates)
            heatmap.show(cells, today=data.today, end=end, legend=ROLE_LEGEND)
            title.update(
                Content.assemble(
                    plain(row.role_name, "bold"),
                    f" — all its processes, share of each day's runs done · {span}",
                    (" (w: this process)", "$text-muted"),
                )
            )
            note.update(role_note(row, mates))
        else:
            heatmap.show(process_cells(row.figures.recent), today=data.today, end=end)
            title.update(
                Content.assemble(
                    plain(row.process.name, "bold"),
                    plain(f" — {row.process.schedule.text} · {span}"),
                    (" (w: whole role)", "$text-muted"),
                )
            )
            note.update(process_note(row))

    # -- keys ----------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        table = self.query_one(DataTable)
        if delta > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_detail(self) -> None:
        row, data = self.current(), self.data
        if row is None or data is None:
            return
        if not isinstance(self.app.screen, RoutineDetailScreen):
            self.app.push_screen(RoutineDetailScreen(row, data.today))

    def _refilter(self, filters: Filters) -> None:
        self.filters = filters
        self.show_filters()
        self.load()

    def action_cycle_role(self) -> None:
        if self.data is not None:
            choices: list[str | None] = [None, *(r.id for r in self.data.roles)]
            role = cycle(choices, self.filters.role)
            self._refilter(Filters(role, self.filters.system, self.filters.stage))

    def action_cycle_system(self) -> None:
        if self.data is not None:
            choices: list[str | None] = [None, *(s.id for s in self.data.systems)]
            system = cycle(choices, self.filters.system)
            self._refilter(Filters(self.filters.role, system, self.filters.stage))

    def action_cycle_stage(self) -> None:
        if self.data is not None:
            stage = cycle(list(STAGES), self.filters.stage)
            self._refilter(Filters(self.filters.role, self.filters.system, stage))

    def action_toggle_whole_role(self) -> None:
        self.whole_role = not self.whole_role
        self.show_map()

    def action_period(self, delta: int) -> None:
        back = min(MAX_BACK, max(0, self.weeks_back - delta * PERIOD_STEP))
        if back == self.weeks_back:
            edge = "this week" if delta > 0 else "the oldest week the figures keep"
            self.notify(f"The heatmap already reaches {edge}.", timeout=3)
            return
        self.weeks_back = back
        self.show_map()

    def action_promote(self) -> None:
        row = self.current()
        if row is None:
            return
        f, process = row.figures, row.process
        if not f.suggest_routine:
            if process.stage.value == "routine":
                why = f'"{process.name}" is already at the routine stage.'
            elif process.stage.value == "retired":
                why = f'"{process.name}" is retired.'
            else:
                why = (
                    f'"{process.name}" is at {pct(f.strength)}: under the '
                    f"{pct(f.threshold)} that makes a routine, so it stays {process.stage.value}."
                )
            self.notify(why, title="No stage change", timeout=5)
            return

        def job(cockpit: Cockpit) -> Process:
            from cockpit.domain.model import Stage
            from cockpit.services.routines import set_stage

            return set_stage(cockpit, process.id, Stage.ROUTINE)

        def done(moved: Process) -> None:
            self.notify(f'"{moved.name}" moved to the routine stage.', timeout=4)
            self.load()

        self.cockpit_app.run_service(job, done, group="write")
