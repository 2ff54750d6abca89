"""Today: the day's due steps by role, and every key that acts on them."""

from __future__ import annotations

from datetime import date, timedelta
from types import ModuleType
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static

from cockpit.tui.messages import (
    CockpitReady,
    DayChanged,
    DayLoaded,
    DayShown,
    ProcessChosen,
    StepChosen,
)
from cockpit.tui.plain import markdown_parser
from cockpit.tui.screens.today.keep_day import day_job, keep_day
from cockpit.tui.screens.today.row_actions import Row, RowActions
from cockpit.tui.screens.today.texts import (
    empty_note,
    same_step_in,
    side_facts,
    side_instructions,
    task_side,
)
from cockpit.tui.widgets.cached_day import CachedDay
from cockpit.tui.widgets.footer import CockpitFooter
from cockpit.tui.widgets.opening_note import OpeningNote
from cockpit.tui.widgets.status_bar import StatusBar
from cockpit.tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from rich.text import Text
    from textual.widgets import Markdown

    from cockpit.domain.due import DueStep
    from cockpit.services.day import DayPlan

T = TypeVar("T")


def _actions() -> ModuleType:
    """The services, imported on first use: the first frame needs none of them."""
    from cockpit.services import actions

    return actions


class TodayScreen(RowActions):
    """Plan the day by role and work through the due steps."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor(1)", "Down", id="today.down", show=False),
        Binding("k", "cursor(-1)", "Up", id="today.up", show=False),
        Binding("x,space", "complete", "Done", id="today.complete"),
        Binding("s", "skip", "Skip", id="today.skip"),
        Binding("z", "snooze", "Snooze", id="today.snooze"),
        Binding("a", "capture", "Add", id="today.capture"),
        Binding("r", "task_role", "Task role", id="today.task_role", show=False),
        Binding("d", "task_day", "Task day", id="today.task_day", show=False),
        Binding("e", "task_estimate", "Task estimate", id="today.task_estimate", show=False),
        Binding("enter", "detail", "Detail", id="today.detail", show=False),
        Binding("f", "focus_step", "Focus", id="today.focus"),
        Binding("F", "focus_role", "Role focus", id="today.role_focus", show=False),
        Binding("n", "start_process", "Start", id="today.start", show=False),
        Binding("p", "toggle_plan", "Plan", id="today.plan"),
        Binding("J", "move_plan(1)", "Plan down", id="today.plan_down", show=False),
        Binding("K", "move_plan(-1)", "Plan up", id="today.plan_up", show=False),
        Binding("left_square_bracket", "day(-1)", "Day back", id="today.prev", show=False),
        Binding("right_square_bracket", "day(1)", "Day on", id="today.next", show=False),
        Binding("t", "go_today", "Today", id="today.today", show=False),
        Binding("slash", "filter", "Filter", id="today.filter"),
        Binding("h", "toggle_done", "Done steps", id="today.show_done", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="today.clear", show=False),
    ]

    def __init__(self, cached: list[Text] | None = None) -> None:
        super().__init__()
        self.cached = cached  # the day kept from the last run: a picture until the live one
        self.day: date | None = None
        self.plan: DayPlan | None = None
        self.needle = ""
        self.show_done = False  # the day's done and skipped steps, dimmed (h)

    def compose(self) -> ComposeResult:
        # The first frame is the bar and a line of text; the rest mounts right after it,
        # so the terminal shows Cockpit as soon as a bare Textual app would.
        yield StatusBar(id="status")
        yield (
            CachedDay(self.cached, id="today-cached")
            if self.cached
            else OpeningNote(id="today-opening")
        )

    def on_mount(self) -> None:
        # Through the app, not the screen: while Textual starts up it holds every frame
        # back, and a screen's after-refresh callbacks run at once; the app's queue is
        # read only after that, so the list mounts after the first frame is on the terminal.
        self.app.call_after_refresh(self._build)

    def _build(self) -> None:
        self.query("#today-opening").remove()
        steps = StepList(id="steps")
        field = Input(placeholder="filter: process, step, tool…", id="filter")
        field.display = False
        body = Horizontal(
            Vertical(field, steps, OpeningNote(id="today-empty"), id="today-main"),
            Vertical(Static(id="side-title"), id="today-side"),
            id="today-body",
        )
        pictured = bool(self.query("#today-cached")) and self.cockpit_app.open_failure is None
        self.query("#today-cached").set(display=pictured)  # a failure says why in the body
        body.display = not pictured  # else shown with the live day
        self.mount(body, CockpitFooter())
        self.call_after_refresh(steps.focus)  # once mounted: focus() before that may be lost
        if self.plan is not None:
            self.render_plan()
        elif self.cockpit_app.cockpit is not None:
            self.load()

    @property
    def built(self) -> bool:
        return bool(self.query("#steps"))

    def on_cockpit_ready(self, message: CockpitReady) -> None:
        if self.built:
            self.load(message.highlight)

    def on_day_changed(self, message: DayChanged) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.cockpit_app.cockpit is not None and self.built:
            self.load()

    # -- loading -------------------------------------------------------------------------

    def load(self, highlight: str | None = None) -> None:
        job = day_job(self, self.day, self.show_done, highlight, keep=not self.needle)
        self.cockpit_app.run_service(job, group="load")

    def on_day_loaded(self, message: DayLoaded) -> None:
        highlight = message.highlight
        plan = message.plan
        if highlight is None or (plan.find(highlight) or plan.find_task(highlight)) is None:
            # gone (done on another device, too): the step under the cursor, or the next
            key = self.query_one(StepList).current_key if self.built else None
            highlight = same_step_in(self.plan, key, message.plan)
        self.plan = message.plan
        if message.unsaved:
            self.notify(message.unsaved, severity="warning", timeout=12)
        self.post_message(DayShown(message.plan))
        self.day = message.plan.date
        self.render_plan(highlight)
        if message.identity is not None and self.built:
            keep_day(self.cockpit_app, self.query_one(StepList), message)

    def render_plan(self, highlight: str | None = None) -> None:
        plan = self.plan
        if plan is None or not self.built:
            return
        self.drop_picture()
        steps = self.query_one(StepList)
        shown = steps.show_plan(plan, self.needle, highlight)
        empty = self.query_one("#today-empty", Static)
        empty.display = not shown
        if not shown:
            empty.update(empty_note(plan, self.needle, self.show_done))
        self.query_one(StatusBar).show(plan.date, plan.roles)
        self.show_side(self.current_row())

    def drop_picture(self) -> None:
        """The live day (or why there is none) takes the place of the kept picture."""
        if self.built and self.query("#today-cached"):
            self.query("#today-cached").remove()
            self.query_one("#today-body").display = True
            self.query_one(StepList).focus()

    def current(self) -> DueStep | None:
        if self.plan is None:
            return None
        key = self.query_one(StepList).current_key
        return self.plan.find(key) if key else None

    @on(OptionList.OptionHighlighted, "#steps")
    def _highlighted(self) -> None:
        self.show_side(self.current_row())
        self.refresh_bindings()  # a task's own keys (r, d, e) come and go with the row

    def _instructions(self) -> Markdown:
        """The Markdown viewer, mounted with the first step shown (markdown-it loads then)."""
        from textual.widgets import Markdown

        found = self.query("#side-instructions")
        if found:
            return found.first(Markdown)
        viewer = Markdown(id="side-instructions", parser_factory=markdown_parser)
        self.query_one("#today-side").mount(viewer)
        return viewer

    def show_side(self, row: Row | None) -> None:
        title = self.query_one("#side-title", Static)
        if (row is None or row.due is None) and not self.query("#side-instructions"):
            title.update(task_side(row.task, self.plan) if row and row.task else "")
            return
        body = self._instructions()
        if row is not None and row.due is not None:
            title.update(side_facts(row.due))
            body.update(side_instructions(row.due))
            return
        title.update(task_side(row.task, self.plan) if row and row.task else "")
        body.update("")

    # -- acting --------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        steps = self.query_one(StepList)
        if delta > 0:
            steps.action_cursor_down()
        else:
            steps.action_cursor_up()

    def action_detail(self) -> None:
        due = self.current()
        if due is not None:
            from cockpit.tui.screens.step_detail import StepDetailScreen

            self.app.push_screen(StepDetailScreen(due))

    def action_focus_role(self) -> None:
        due = self.current()
        role = (
            due.role if due else (self.plan.roles[0].id if self.plan and self.plan.roles else None)
        )
        if role is None:
            return
        from cockpit.tui.block_watch import start_role_focus

        start_role_focus(self.cockpit_app, role)

    def action_start_process(self) -> None:
        from cockpit.tui.screens.today.process_picker import ProcessPickerScreen

        def chosen(process_id: str | None) -> None:
            if process_id:
                self._act(lambda c: _actions().start(c, process_id))

        self.app.push_screen(ProcessPickerScreen(), chosen)

    def action_day(self, delta: int) -> None:
        from cockpit.clock import outside_calendar

        base = self.day or self.cockpit_app.clock.today()
        day = base + timedelta(days=delta)
        if problem := outside_calendar(day, "the day"):  # a plan of 1999 would spoil the file
            self.notify(f"{problem}: Cockpit counts days in those years only.", timeout=4)
            return
        self.day = day
        self.load()

    def action_go_today(self) -> None:
        self.day = None
        self.load()

    def action_toggle_done(self) -> None:
        self.show_done = not self.show_done
        said = "Done and skipped steps shown, dimmed." if self.show_done else "Done steps hidden."
        self.notify(said, timeout=2)
        self.load(self.query_one(StepList).current_key if self.built else None)

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        field.display = False
        self.needle = ""
        self.render_plan()
        self.query_one(StepList).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.needle = event.value
        self.render_plan()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(StepList).focus()

    def on_step_chosen(self, message: StepChosen) -> None:
        self.jump_to(message.key)

    def on_process_chosen(self, message: ProcessChosen) -> None:
        self.start_by_id(message.process_id)

    def jump_to(self, key: str) -> None:
        self.query_one(StepList).select_key(key)
        self.query_one(StepList).focus()

    def start_by_id(self, process_id: str) -> None:
        self._act(lambda c: _actions().start(c, process_id))

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self) -> None:
        self.action_detail()
