"""Today: the day's due steps by role, and every key that acts on them."""

from __future__ import annotations

from collections.abc import Callable
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
from cockpit.tui.screens.base import CockpitScreen
from cockpit.tui.screens.today.keep_day import day_job, keep_day
from cockpit.tui.screens.today.texts import empty_note, same_step_in, side_facts, side_instructions
from cockpit.tui.widgets.cached_day import CachedDay
from cockpit.tui.widgets.footer import CockpitFooter
from cockpit.tui.widgets.opening_note import OpeningNote
from cockpit.tui.widgets.status_bar import StatusBar
from cockpit.tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from rich.text import Text
    from textual.widgets import Markdown

    from cockpit.domain.due import DueStep
    from cockpit.domain.focus import FocusKind, FocusSession
    from cockpit.services.context import Cockpit
    from cockpit.services.day import DayPlan

T = TypeVar("T")


def _actions() -> ModuleType:
    """The services, imported on first use: the first frame needs none of them."""
    from cockpit.services import actions

    return actions


class TodayScreen(CockpitScreen[None]):
    """Plan the day by role and work through the due steps."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor(1)", "Down", id="today.down", show=False),
        Binding("k", "cursor(-1)", "Up", id="today.up", show=False),
        Binding("x,space", "complete", "Done", id="today.complete"),
        Binding("s", "skip", "Skip", id="today.skip"),
        Binding("z", "snooze", "Snooze", id="today.snooze"),
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
        if highlight is None or message.plan.find(highlight) is None:
            # gone (done on another device, too): the step under the cursor, or the next
            key = self.query_one(StepList).current_key if self.built else None
            highlight = same_step_in(self.plan, key, message.plan)
        self.plan = message.plan
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
        self.show_side(self.current())

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
        self.show_side(self.current())

    def _instructions(self) -> Markdown:
        """The Markdown viewer, mounted with the first step shown (markdown-it loads then)."""
        from textual.widgets import Markdown

        found = self.query("#side-instructions")
        if found:
            return found.first(Markdown)
        viewer = Markdown(id="side-instructions", parser_factory=markdown_parser)
        self.query_one("#today-side").mount(viewer)
        return viewer

    def show_side(self, due: DueStep | None) -> None:
        title = self.query_one("#side-title", Static)
        if due is None and not self.query("#side-instructions"):
            title.update("")
            return
        body = self._instructions()
        if due is None:
            title.update("")
            body.update("")
            return
        title.update(side_facts(due))
        body.update(side_instructions(due))

    # -- acting --------------------------------------------------------------------------

    def _act(
        self,
        job: Callable[[Cockpit], T],
        then_highlight: str | None = None,
        *,
        hide: str | None = None,
    ) -> None:
        """Run an action in a worker; `hide` takes its step off the list at once (the
        repaint does not wait for the disk), and a failure brings it back."""
        if hide is not None:
            self.query_one(StepList).hide_step(hide, then_highlight)

        def done(change: object) -> None:
            message = getattr(change, "message", None)
            if isinstance(message, str):  # recorded for undo by run_service, as every write
                self.notify(message, timeout=3)
            self.load(then_highlight)

        self.cockpit_app.run_service(
            job,
            done,
            group="write",
            failed=lambda: self.load(hide),
        )

    def next_key(self) -> str | None:
        return self.query_one(StepList).next_key()

    def action_cursor(self, delta: int) -> None:
        steps = self.query_one(StepList)
        if delta > 0:
            steps.action_cursor_down()
        else:
            steps.action_cursor_up()

    def action_complete(self) -> None:
        due = self.current()
        if due is not None:
            self._act(
                lambda c: _actions().complete(c, due.id),
                self.next_key(),
                hide=due.id,
            )

    def action_skip(self) -> None:
        due = self.current()
        if due is None:
            return
        from cockpit.tui.screens.today.skip import SkipScreen

        nxt = self.next_key()

        def chosen(reason: str | None) -> None:
            if reason:
                self._act(lambda c: _actions().skip(c, due.id, reason), nxt, hide=due.id)

        self.app.push_screen(SkipScreen(due), chosen)

    def action_snooze(self) -> None:
        due = self.current()
        if due is None or self.plan is None:
            return
        from cockpit.tui.screens.snooze import SnoozeScreen

        def chosen(to: date | None) -> None:
            if to is not None:
                self._act(lambda c: _actions().snooze(c, due.id, to), self.next_key())

        self.app.push_screen(SnoozeScreen(due, self.plan.today), chosen)

    def action_detail(self) -> None:
        due = self.current()
        if due is not None:
            from cockpit.tui.screens.step_detail import StepDetailScreen

            self.app.push_screen(StepDetailScreen(due))

    def action_focus_step(self) -> None:
        due = self.current()
        if due is None:
            return
        if self.cockpit_app.says_session_runs():  # before asking for the timer kind
            return
        from cockpit.tui.screens.today.focus_kind import FocusKindScreen

        def chosen(kind: FocusKind | None) -> None:
            if kind is not None:
                from cockpit.services.focus import start_focus

                self._start_focus(lambda c: start_focus(c, kind, ref=due.id))

        self.app.push_screen(FocusKindScreen(due), chosen)

    def action_focus_role(self) -> None:
        due = self.current()
        role = (
            due.role if due else (self.plan.roles[0].id if self.plan and self.plan.roles else None)
        )
        if role is None:
            return
        from cockpit.tui.block_watch import start_role_focus

        start_role_focus(self.cockpit_app, role)

    def _start_focus(self, job: Callable[[Cockpit], FocusSession]) -> None:
        self.cockpit_app.run_service(job, self.cockpit_app.focus_started, group="write")

    def action_start_process(self) -> None:
        from cockpit.tui.screens.today.process_picker import ProcessPickerScreen

        def chosen(process_id: str | None) -> None:
            if process_id:
                self._act(lambda c: _actions().start(c, process_id))

        self.app.push_screen(ProcessPickerScreen(), chosen)

    def action_toggle_plan(self) -> None:
        due = self.current()
        if due is not None and self.plan is not None:
            from cockpit.services.planning import toggle_planned

            day, key = self.plan.date, due.id
            self.cockpit_app.run_service(
                lambda c: toggle_planned(c, day, key), lambda _: self.load(key), group="write"
            )

    def action_move_plan(self, delta: int) -> None:
        due = self.current()
        if due is not None and self.plan is not None and due in self.plan.planned:
            from cockpit.services.planning import move_planned

            day, key = self.plan.date, due.id
            self.cockpit_app.run_service(
                lambda c: move_planned(c, day, key, delta), lambda _: self.load(key), group="write"
            )

    def action_day(self, delta: int) -> None:
        base = self.day or self.cockpit_app.clock.today()
        self.day = base + timedelta(days=delta)
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
