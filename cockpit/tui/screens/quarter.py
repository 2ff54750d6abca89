"""The quarter (Q in the Review screen): months by role, routines gained and lost, KPI values
with their trend, the quarter's signals and the owner's notes; [ and ] move by quarter as
the review moves by week, escape comes back to the week.

Every figure comes from `services.quarter.quarter_review`, read in a worker: the weekly
review's figures summed, never counted again by another rule.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import LAST_DAY
from cockpit.domain.quarter import parse_quarter, quarter_of, quarter_span
from cockpit.tui.dismiss_once import DismissOnce
from cockpit.tui.screens.base import CockpitScreen
from cockpit.tui.screens.quarter_text import (
    header_content,
    kpi_table,
    months_table,
    notes_content,
    routines_content,
    signals_content,
    time_table,
)
from cockpit.tui.screens.review_text import edge_note
from cockpit.tui.themes import tone_style
from cockpit.tui.widgets.footer import CockpitFooter

if TYPE_CHECKING:
    from cockpit.services.context import Cockpit
    from cockpit.services.quarter import QuarterReview


def shift_quarter(quarter: str, delta: int) -> str:
    """The quarter `delta` quarters before (negative) or after this one."""
    start, end = quarter_span(parse_quarter(quarter))
    for _ in range(abs(delta)):
        day = start - timedelta(days=1) if delta < 0 else end + timedelta(days=1)
        start, end = quarter_span(quarter_of(day))
    return quarter_of(start)


class QuarterScreen(DismissOnce, CockpitScreen[None]):
    """One quarter of the business, read from the weekly figures."""

    CSS_PATH = "../quarter.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "quarter(-1)", "Quarter back", id="quarter.prev"),
        Binding("right_square_bracket", "quarter(1)", "Quarter on", id="quarter.next"),
        Binding("escape,Q", "close", "Back to the week", id="quarter.close"),
        Binding("j", "scroll(1)", "Down", id="quarter.down", show=False),
        Binding("k", "scroll(-1)", "Up", id="quarter.up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="quarter.page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="quarter.page_up", show=False),
    ]

    def __init__(self, quarter: str) -> None:
        super().__init__()
        self.quarter = parse_quarter(quarter)  # the quarter asked for
        self.report: QuarterReview | None = None  # the quarter shown
        self._token = 0  # the latest load: older answers are dropped

    @classmethod
    def of_week(cls, first_day: date) -> QuarterScreen:
        """The quarter that counts the week starting on `first_day`: the one holding its
        fourth day, as the quarter's weeks are chosen (Mon 28 Sep 2026 is in 2026-Q4); the
        week of 31 Dec 2100 from Friday, whose fourth day is in 2101, shows 2100-Q4."""
        return cls(quarter_of(min(first_day + timedelta(days=3), LAST_DAY)))

    def compose(self) -> ComposeResult:
        def heading(text: str) -> Label:
            return Label(text, classes="quarter-heading")

        with VerticalScroll(id="quarter-body"):
            yield Static("", id="quarter-header")
            yield heading("Done against due, by role and month")
            yield Static("", id="quarter-months")
            yield heading("Time per role: focus against budget, by month")
            yield Static("", id="quarter-time")
            yield heading("Routines gained and lost")
            yield Static("", id="quarter-routines")
            yield heading("KPIs across the quarter")
            yield Static("", id="quarter-kpis")
            yield heading("Signals")
            yield Static("", id="quarter-signals")
            yield heading("Notes of the quarter's weeks")
            yield Static("", id="quarter-notes")
        yield CockpitFooter()

    def on_mount(self) -> None:
        self.query_one("#quarter-body").focus()
        self.app.theme_changed_signal.subscribe(self, lambda _: self.show_report())
        self.load()

    def load(self) -> None:
        if self.cockpit_app.cockpit is None:
            return
        quarter = self.quarter
        self._token += 1
        token = self._token

        def job(cockpit: Cockpit) -> QuarterReview:
            from cockpit.services.quarter import quarter_review

            return quarter_review(cockpit, quarter)

        def done(report: QuarterReview) -> None:
            if token == self._token:
                self.report = report
                self.show_report()

        self.cockpit_app.run_service(job, done, group="quarter-load")

    def show_report(self) -> None:
        report = self.report
        if report is None:
            return
        today = self.cockpit_app.clock.today()
        self.query_one("#quarter-header", Static).update(header_content(report, today))
        begun = bool(report.figures.months)
        if begun:
            self.query_one("#quarter-months", Static).update(months_table(report))
            self.query_one("#quarter-time", Static).update(time_table(report))
        else:
            for box in ("#quarter-months", "#quarter-time"):
                self.query_one(box, Static).update("Nothing yet: the quarter has not begun.")
        self.query_one("#quarter-routines", Static).update(routines_content(report))
        good, bad = tone_style(self.app, "success"), tone_style(self.app, "error")
        kpis = kpi_table(report, good, bad) if report.figures.kpis else "No KPIs yet."
        self.query_one("#quarter-kpis", Static).update(kpis)
        self.query_one("#quarter-signals", Static).update(signals_content(report))
        self.query_one("#quarter-notes", Static).update(notes_content(report))

    def action_quarter(self, delta: int) -> None:
        try:
            self.quarter = shift_quarter(self.quarter, delta)
        except ValidationError:  # 1999-Q4 or 2101-Q1: a word, the quarter stays
            self.notify(edge_note("quarter", delta), timeout=3)
            return
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, delta: int) -> None:
        body = self.query_one("#quarter-body", VerticalScroll)
        body.scroll_relative(y=delta, animate=False)

    def action_page(self, delta: int) -> None:
        body = self.query_one("#quarter-body", VerticalScroll)
        (body.scroll_page_down if delta > 0 else body.scroll_page_up)()
