"""The keys of Today that act on the row under the cursor, a step (412.2) or a task (t12):
done, skip, snooze, focus, the plan; and those only a task has: capture (a), its role (r),
its day (d) and its estimate (e). Every change goes through the services, in a worker, and
can be undone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

from cockpit.tui.screens.base import CockpitScreen
from cockpit.tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from cockpit.domain.due import DueStep
    from cockpit.domain.focus import FocusKind, FocusSession
    from cockpit.domain.tasks import Task
    from cockpit.services.context import Cockpit
    from cockpit.services.day import DayPlan

T = TypeVar("T")
TASK_ONLY = frozenset({"task_role", "task_day", "task_estimate"})


def _actions() -> ModuleType:
    """The services, imported on first use: the first frame needs none of them."""
    from cockpit.services import actions

    return actions


def _tasks() -> ModuleType:
    from cockpit.services import tasks

    return tasks


@dataclass(frozen=True, slots=True)
class Row:
    """The step or task under the cursor, as the keys need it."""

    key: str
    title: str
    estimate: int | None
    due: DueStep | None = None
    task: Task | None = None


class RowActions(CockpitScreen[None]):
    """Today's keys on its rows (mixed into TodayScreen, which holds the plan and loads it)."""

    plan: DayPlan | None = None

    def load(self, highlight: str | None = None) -> None:
        raise NotImplementedError  # TodayScreen's

    def current_row(self) -> Row | None:
        plan = self.plan
        key = self.query_one(StepList).current_key if self.query("#steps") else None
        if plan is None or key is None:
            return None
        if (due := plan.find(key)) is not None:
            return Row(key, due.step.title, due.step.estimate_minutes or None, due=due)
        if (task := plan.find_task(key)) is not None:
            return Row(key, task.title, task.estimate, task=task)
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A task's own keys (r, d, e) are offered on a task's row only."""
        if action in TASK_ONLY:
            row = self.current_row()
            return row is not None and row.task is not None
        return True

    def _act(
        self,
        job: Callable[[Cockpit], T],
        then_highlight: str | None = None,
        *,
        hide: str | None = None,
    ) -> None:
        """Run an action in a worker; `hide` takes its row off the list at once (the
        repaint does not wait for the disk), and a failure brings it back."""
        keep = self.query_one(StepList).current_key  # where the cursor stays if refused
        if hide is not None:
            self.query_one(StepList).hide_step(hide, then_highlight)

        def done(change: object) -> None:
            message = getattr(change, "message", None)
            if isinstance(message, str):  # recorded for undo by run_service, as every write
                self.notify(message, timeout=3)
            self.load(then_highlight)

        self.cockpit_app.run_service(
            job, done, group="write", failed=lambda: self.load(hide or keep)
        )

    def next_key(self) -> str | None:
        return self.query_one(StepList).next_key()

    # -- steps and tasks alike ----------------------------------------------------------------

    def action_complete(self) -> None:
        row = self.current_row()
        if row is not None:
            key = row.key
            self._act(lambda c: _actions().complete(c, key), self.next_key(), hide=key)

    def action_skip(self) -> None:
        row = self.current_row()
        if row is None:
            return
        from cockpit.tui.screens.today.skip import SkipScreen

        nxt, key = self.next_key(), row.key

        def chosen(reason: str | None) -> None:
            if reason:
                self._act(lambda c: _actions().skip(c, key, reason), nxt, hide=key)

        self.app.push_screen(SkipScreen(key, row.title), chosen)

    def action_snooze(self) -> None:
        row = self.current_row()
        if row is None or self.plan is None:
            return
        from cockpit.tui.screens.snooze import SnoozeScreen

        key = row.key

        def chosen(to: date | None) -> None:
            if to is not None:
                self._act(lambda c: _actions().snooze(c, key, to), self.next_key())

        today = self.plan.today
        screen = SnoozeScreen(key, row.title, today, today_too=row.task is not None)
        self.app.push_screen(screen, chosen)

    def action_focus_step(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if self.cockpit_app.says_session_runs():  # before asking for the timer kind
            return
        if row.task is not None and row.task.role_id is None:
            self.notify(f"{row.key} has no role yet: give it one with r first.", timeout=4)
            return
        from cockpit.tui.screens.today.focus_kind import FocusKindScreen

        key = row.key

        def chosen(kind: FocusKind | None) -> None:
            if kind is not None:
                from cockpit.services.focus import start_focus

                self._start_focus(lambda c: start_focus(c, kind, ref=key))

        self.app.push_screen(FocusKindScreen(row.title, row.estimate), chosen)

    def _start_focus(self, job: Callable[[Cockpit], FocusSession]) -> None:
        self.cockpit_app.run_service(job, self.cockpit_app.focus_started, group="write")

    def action_toggle_plan(self) -> None:
        row = self.current_row()
        if row is not None and self.plan is not None:
            from cockpit.services.planning import toggle_planned

            day, key = self.plan.date, row.key
            self.cockpit_app.run_service(
                lambda c: toggle_planned(c, day, key), lambda _: self.load(key), group="write"
            )

    def action_move_plan(self, delta: int) -> None:
        row, plan = self.current_row(), self.plan
        if row is None or plan is None:
            return
        planned = {due.id for due in plan.planned} | {t.key for t in plan.planned_tasks}
        if row.key in planned:
            from cockpit.services.planning import move_planned

            day, key = plan.date, row.key
            self.cockpit_app.run_service(
                lambda c: move_planned(c, day, key, delta), lambda _: self.load(key), group="write"
            )

    # -- tasks ----------------------------------------------------------------------------------

    def action_capture(self) -> None:
        """a: a task on one line, `Call the accountant fri #admin 15m`."""
        if self.cockpit_app.says_read_only():
            return
        from cockpit.tui.screens.today.capture import CaptureScreen

        today = self.cockpit_app.clock.today()

        def chosen(line: str | None) -> None:
            if line:
                self.cockpit_app.run_service(
                    lambda c: _tasks().capture(c, line), self._captured, group="write"
                )

        roles = [role for role in self.plan.every_role if not role.archived] if self.plan else []
        self.app.push_screen(CaptureScreen(today, roles), chosen)

    def _captured(self, change: object) -> None:
        message, key = getattr(change, "message", ""), getattr(change, "key", None)
        self.notify(str(message), timeout=4)
        self.load(key)

    def action_task_role(self) -> None:
        row = self.current_row()
        if row is None or row.task is None:
            return
        from cockpit.tui.screens.today.triage import RoleChoiceScreen

        key = row.key

        def chosen(role_id: str | None) -> None:
            if role_id is not None:
                self._act(lambda c: _tasks().set_task_role(c, key, role_id), key)

        roles = [role for role in self.plan.every_role if not role.archived] if self.plan else []
        self.app.push_screen(RoleChoiceScreen(row.title, roles, row.task.role_id), chosen)

    def action_task_day(self) -> None:
        row = self.current_row()
        if row is None or row.task is None:
            return
        from cockpit.tui.screens.today.triage import INBOX, TaskDayScreen

        key = row.key

        def chosen(day: date | str | None) -> None:
            if day is None:
                return
            when = None if day == INBOX else day
            assert when is None or isinstance(when, date)
            self._act(lambda c: _tasks().move_task(c, key, when), self.next_key())

        self.app.push_screen(TaskDayScreen(row.title, self.cockpit_app.clock.today()), chosen)

    def action_task_estimate(self) -> None:
        row = self.current_row()
        if row is None or row.task is None:
            return
        from cockpit.tui.screens.today.triage import EstimateScreen

        key = row.key

        def chosen(minutes: int | None) -> None:
            if minutes is not None:
                self._act(lambda c: _tasks().set_task_estimate(c, key, minutes), key)

        self.app.push_screen(EstimateScreen(row.title), chosen)
