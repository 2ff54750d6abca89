"""Review: the weekly look back, one week at a time, with the owner's notes and KPI values.

Every figure comes from `services.review.week_review`, read in a worker with today's
signals (`review_signals`: a key acts on each); `Q` opens the quarter. Notes
typed here are never lost: changing the week or leaving the screen saves them
first (in the same worker as the next read, so the two cannot cross).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static, TextArea
from textual.widgets.data_table import RowDoesNotExist

from cockpit.tui.messages import CockpitReady
from cockpit.tui.plain import editable
from cockpit.tui.screens import review_text
from cockpit.tui.screens.kpi_entry import KpiEntry, KpiTable, number_text
from cockpit.tui.screens.review_signals import SIGNAL_BINDINGS, SignalSection
from cockpit.tui.screens.review_text import days_text, estimate_rows, routines_text, slipped_text
from cockpit.tui.themes import tone_style
from cockpit.tui.widgets.bars import BudgetBar, DoneBar
from cockpit.tui.widgets.footer import CockpitFooter
from cockpit.tui.widgets.opening_note import OpeningNote
from cockpit.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from cockpit.domain.model import Process
    from cockpit.domain.review import Review
    from cockpit.domain.signals import Signal
    from cockpit.domain.weekly import Estimate
    from cockpit.services.context import Cockpit
    from cockpit.services.review import WeekReview

NARROW = 100  # below this width the side-by-side sections stack


class ReviewScreen(SignalSection):
    """One week: done against due, time per role, estimates, slips, routines, KPIs, notes."""

    CSS_PATH = "../review.tcss"  # loaded when the screen is first shown, not at start

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "week(-1)", "Week back", id="review.prev", show=False),
        Binding("right_square_bracket", "week(1)", "Week on", id="review.next", show=False),
        Binding("t", "this_week", "This week", id="review.this_week", show=False),
        Binding("a", "accept", "Accept", id="review.accept"),
        Binding("j", "cursor(1)", "Down", id="review.down", show=False),
        Binding("k", "cursor(-1)", "Up", id="review.up", show=False),
        Binding("K", "kpi", "KPI", id="review.kpi"),
        Binding("n", "notes", "Notes", id="review.notes"),
        Binding("ctrl+s", "save_notes", "Save notes", id="review.save"),
        Binding("m", "mark_reviewed", "Mark reviewed", id="review.mark"),
        Binding("escape", "leave_notes", "Leave notes", id="review.leave_notes", show=False),
        Binding(
            "pagedown", "page(1)", "Page down", id="review.page_down", show=False, priority=True
        ),
        Binding("pageup", "page(-1)", "Page up", id="review.page_up", show=False, priority=True),
        *SIGNAL_BINDINGS,
        Binding("Q", "quarter", "Quarter", id="review.quarter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week: str | None = None  # the week asked for (None: this week)
        self.report: WeekReview | None = None  # the week shown
        self.saved_notes = ""  # the notes of the week shown, as stored
        self._token = 0  # the latest load: older answers are dropped
        self.notes_area = TextArea(id="review-notes", soft_wrap=True, show_line_numbers=False)

    @property
    def shown_week(self) -> str | None:
        return self.report.figures.week if self.report else None

    def compose(self) -> ComposeResult:
        def heading(text: str) -> Label:
            return Label(text, classes="review-heading")

        yield StatusBar(id="status")
        with VerticalScroll(id="review-body"):
            yield OpeningNote(id="review-header")
            yield from self.compose_signals()
            with Horizontal(classes="review-pair"):
                with Vertical(classes="review-section"):
                    yield heading("Done against due, by role")
                    yield Vertical(id="review-by-role", classes="review-bars")
                    yield heading("by system")
                    yield Vertical(id="review-by-system", classes="review-bars")
                with Vertical(classes="review-section"):
                    yield heading("Time per role: focus against budget")
                    yield Vertical(id="review-time", classes="review-bars")
            yield heading("Estimate against actual (a takes the suggested estimate)")
            yield DataTable(id="review-estimates", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="review-pair"):
                with Vertical(classes="review-section"):
                    yield heading("What slipped or was skipped")
                    yield Static("", id="review-slipped")
                with Vertical(classes="review-section"):
                    yield heading("Routines")
                    yield Static("", id="review-routines")
            yield heading("KPIs (K types this week's value)")
            yield KpiTable(id="review-kpis")
            yield heading("Notes: what fell through the cracks, what to change")
            yield Static("", id="review-notes-state")
            yield self.notes_area
        yield CockpitFooter()

    def on_mount(self) -> None:
        table = self.query_one("#review-estimates", DataTable)
        table.add_columns("process › step", "estimate", "actual", "runs", "suggested")
        table.focus()
        self.app.theme_changed_signal.subscribe(self, lambda _: self.show_report())

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def on_cockpit_ready(self, message: CockpitReady) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.cockpit_app.cockpit is not None:
            self.load()

    def on_screen_suspend(self) -> None:
        # a dialog over this screen comes back to it; another mode may not
        if not isinstance(self.app.screen, ModalScreen):
            self.save_notes(quiet=True)

    def on_unmount(self) -> None:
        """The app is closing: save typed notes now (the workers are gone)."""
        cockpit, week, notes = self.cockpit_app.cockpit, self.shown_week, self.notes_text
        if cockpit is None or week is None or not self.dirty or cockpit.read_only:
            return
        from cockpit.domain.errors import CockpitError
        from cockpit.services.review import save_notes

        try:
            save_notes(cockpit, week, notes)
        except (CockpitError, OSError):
            pass

    # -- loading ---------------------------------------------------------------------------

    @property
    def notes_text(self) -> str:
        return self.notes_area.text

    @property
    def dirty(self) -> bool:
        return self.report is not None and self.notes_text.strip() != self.saved_notes.strip()

    def load(self, week: str | None = None) -> None:
        """Read a week (default: the one asked for last), saving typed notes first."""
        if self.cockpit_app.cockpit is None:
            return
        if week is not None:
            self.week = week
        wanted = self.week
        pending = (self.shown_week, self.notes_text) if self.dirty else None
        self._token += 1
        token = self._token

        def job(cockpit: Cockpit) -> tuple[Review | None, WeekReview, list[Signal]]:
            from cockpit.services.review import save_notes, week_review
            from cockpit.services.signals import signals

            saved = None
            if pending is not None and pending[0] is not None:
                saved = save_notes(cockpit, pending[0], pending[1])
            return saved, week_review(cockpit, wanted), signals(cockpit)

        def done(result: tuple[Review | None, WeekReview, list[Signal]]) -> None:
            saved, report, found = result
            if saved is not None and saved.week == self.shown_week:
                self.saved_notes = saved.notes
            if token == self._token:
                self.show(report)
                self.show_signals(found)

        self.cockpit_app.run_service(job, done, group="review-load")

    def show(self, report: WeekReview) -> None:
        new_week = report.figures.week != self.shown_week
        self.report = report
        self.week = report.figures.week
        cockpit = self.cockpit_app.cockpit
        self.notes_area.read_only = cockpit is not None and cockpit.read_only
        if new_week:  # the same week keeps what is being typed
            self.saved_notes = editable(report.review.notes)
            self.notes_area.load_text(self.saved_notes)
        self.show_report()

    # -- drawing ---------------------------------------------------------------------------

    def show_report(self) -> None:
        report = self.report
        if report is None:
            return
        f = report.figures
        today = self.cockpit_app.clock.today()
        reviewed = report.review.reviewed_at
        header = Content.assemble(
            (f"Week {f.week}", "bold $primary"),
            f" · {days_text(f.start, f.end)} · ",
            (f"reviewed ✓ {reviewed:%a %d %b %H:%M}", "$success")
            if reviewed
            else ("not reviewed yet", "$warning"),
            ("  (this week)", "$foreground-muted") if f.start <= today <= f.end else "",
        )
        self.query_one("#review-header", Static).update(header)
        roles, systems = report.role_names, report.system_names
        by_role = f.completion_by_role.items()
        by_system = f.completion_by_system.items()
        self._bars("#review-by-role", [DoneBar(roles.get(k, k), d, t) for k, (d, t) in by_role])
        self._bars(
            "#review-by-system", [DoneBar(systems.get(k, k), d, t) for k, (d, t) in by_system]
        )
        spent, budgets = f.minutes_by_role, f.budget_by_role.items()
        self._bars(
            "#review-time", [BudgetBar(roles.get(k, k), spent.get(k, 0), b) for k, b in budgets]
        )
        self.show_estimates(report)
        self.query_one("#review-slipped", Static).update(
            slipped_text(report, self.cockpit_app.clock.today())
        )
        self.query_one("#review-routines", Static).update(
            routines_text(report, self.cockpit_app.settings.slipping_misses)
        )
        self.query_one(KpiTable).show(report.kpis)
        self.show_notes_state()
        self.query_one(StatusBar).show(today, list(report.roles))

    def _bars(self, selector: str, bars: list[DoneBar] | list[BudgetBar]) -> None:
        box = self.query_one(selector, Vertical)
        box.remove_children()
        if bars:
            box.mount_all(bars)
        else:
            box.mount(Label("nothing this week", classes="review-muted"))

    def show_estimates(self, report: WeekReview) -> None:
        table = self.query_one("#review-estimates", DataTable)
        current = None
        if table.row_count and table.cursor_row >= 0:
            current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear()
        for key, cells in estimate_rows(report, tone_style(self.app, "accent", bold=True)):
            table.add_row(*cells, key=key)
        if not table.row_count:
            table.add_row(Text("Nothing was timed this week.", style="italic"), "", "", "", "")
        if current is not None:
            try:
                table.move_cursor(row=table.get_row_index(current), scroll=True)
            except RowDoesNotExist:  # the row is gone: the cursor stays where it was
                pass

    def show_notes_state(self) -> None:
        if self.report is None:
            return
        if self.notes_area.read_only:
            text, tone = "read-only: notes can't be saved", "$warning"
        elif self.dirty:
            text, tone = "unsaved: ctrl+s saves, m marks reviewed", "$warning"
        else:
            text, tone = "saved · n writes, ctrl+s saves", "$foreground-muted"
        state = self.query_one("#review-notes-state", Static)
        if str(state.content) != text:  # typing repaints only when the state changes
            state.update(Content.styled(text, tone))

    @on(TextArea.Changed, "#review-notes")
    def _notes_changed(self) -> None:
        self.show_notes_state()

    # -- keys ------------------------------------------------------------------------------

    def action_week(self, delta: int) -> None:
        if self.week is not None:
            from cockpit.services.review import step_week
            from cockpit.tui.screens.review_text import edge_note

            week = step_week(self.week, delta, self.cockpit_app.settings.first_day_of_week)
            if week is None:  # no week of 1999 or 2101: a word, the week stays
                self.notify(edge_note("week", delta), timeout=3)
            else:
                self.load(week)

    def action_this_week(self) -> None:
        self.week = None
        self.load()

    def selected_estimate(self) -> Estimate | None:
        table = self.query_one("#review-estimates", DataTable)
        if self.report is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        return review_text.estimate_of(key, self.report)

    def action_accept(self) -> None:
        estimate = self.selected_estimate()
        if estimate is None:
            self.notify("Pick a step row to take its suggested estimate.", timeout=3)
            return
        new = estimate.suggested_estimate
        if new is None or new == estimate.estimate_minutes:
            self.notify(f"The estimate of {estimate.title} already fits.", timeout=3)
            return
        old = estimate.estimate_minutes

        def job(cockpit: Cockpit) -> Process:
            from cockpit.services.review import accept_estimate

            return accept_estimate(cockpit, estimate.process_id, estimate.step_id, new)

        def done(_: Process) -> None:
            self.notify(f"estimate of {estimate.title}: {old} → {new} min", timeout=4)
            self.load()

        self.cockpit_app.run_service(job, done, group="write")

    def action_kpi(self) -> None:
        report = self.report
        if report is None:
            return
        from cockpit.tui.screens.kpi_entry import KpiEntryScreen

        kpis = report.kpis
        first_empty = next((i for i, kpi in enumerate(kpis) if kpi.value is None), 0)

        def saved(entry: KpiEntry | None) -> None:  # coming back to the screen reloads it
            if entry is not None:
                value = "cleared" if entry.value is None else number_text(entry.value)
                self.notify(f"{entry.name}: {value} {entry.unit}".strip(), timeout=3)

        self.app.push_screen(KpiEntryScreen(report.figures.week, kpis, first_empty), saved)

    def action_cursor(self, delta: int) -> None:
        """j/k move in the estimate table, as every list moves (the signals' list moves itself)."""
        table = self.query_one("#review-estimates", DataTable)
        (table.action_cursor_down if delta > 0 else table.action_cursor_up)()

    def action_quarter(self) -> None:
        """Q: the quarter of the week shown; escape comes back to the week."""
        from cockpit.tui.screens.quarter import QuarterScreen

        if self.report is not None:
            self.app.push_screen(QuarterScreen.of_week(self.report.figures.start))

    def action_page(self, delta: int) -> None:
        body = self.query_one("#review-body", VerticalScroll)
        if delta > 0:
            body.scroll_page_down()
        else:
            body.scroll_page_up()

    def action_notes(self) -> None:
        self.notes_area.focus()

    def action_leave_notes(self) -> None:
        self.query_one("#review-estimates", DataTable).focus()

    def save_notes(self, *, reviewed: bool = False, quiet: bool = False) -> None:
        week, notes = self.shown_week, self.notes_text
        if week is None or (quiet and not self.dirty):
            return
        cockpit = self.cockpit_app.cockpit
        if cockpit is not None and cockpit.read_only and quiet:
            return

        def job(cockpit: Cockpit) -> Review:
            from cockpit.services.review import save_notes

            return save_notes(cockpit, week, notes, reviewed=reviewed)

        def done(review: Review) -> None:
            if review.week == self.shown_week:
                self.saved_notes = review.notes
            if reviewed:
                self.notify(f"Week {week} marked as reviewed.", timeout=3)
                self.load()
            elif not quiet:
                self.notify("Notes saved.", timeout=2)
            self.show_notes_state()

        self.cockpit_app.run_service(job, done, group="write")

    def action_save_notes(self) -> None:
        self.save_notes()

    def action_mark_reviewed(self) -> None:
        self.save_notes(reviewed=True)
