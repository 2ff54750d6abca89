"""One process's routine figures in full: why its strength is what it is, and its steps.

Everything shown comes with the row the Routines view already read: the
explanation (the formula, this process's numbers, the last runs with the score
after each) and the per-step figures, worked out by the services.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Sparkline, Static

from cockpit.domain.streaks import Outcome
from cockpit.reports import pct
from cockpit.tui.widgets.heatmap import WEEKS, weekly_shares

if TYPE_CHECKING:
    from cockpit.domain.routines import StepFigures
    from cockpit.services.routines import RoutineRow


def minutes(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g} min"


def dropped_text(step: StepFigures) -> str:
    if not step.runs:
        return "no runs yet"
    return f"{step.dropped} of {step.runs} ({round(100 * step.dropped / step.runs)} %)"


def outcomes_text(row: RoutineRow) -> str:
    counts = row.figures.outcomes
    shown = [
        f"{counts.get(kind, 0)} {kind.label}"
        for kind in (Outcome.ON_TIME, Outcome.LATE, Outcome.SKIPPED, Outcome.MISSED)
    ]
    waiting = counts.get(Outcome.OPEN, 0)
    if waiting:
        shown.append(f"{waiting} not judged yet")
    return " · ".join(shown)


class RoutineDetailScreen(ModalScreen[None]):
    """The explanation of one process's strength, and how each of its steps fares."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "dismiss(None)", "Close", id="routine_detail.close"),
    ]

    def __init__(self, row: RoutineRow, today: date) -> None:
        super().__init__()
        self.row = row
        self.today = today

    def compose(self) -> ComposeResult:
        row, f = self.row, self.row.figures
        process = row.process
        place = " · ".join(part for part in (row.role_name, row.system_name) if part)
        with VerticalScroll(classes="dialog wide", id="routine-detail"):
            yield Label(
                Content.assemble(
                    (process.name, "bold"),
                    f"  {process.schedule.text} · {place} · stage {process.stage.value}",
                ),
                classes="dialog-title",
            )
            yield Static(
                Content.assemble(
                    ("Strength ", "$text-muted"),
                    (pct(f.strength), "bold"),
                    (f" (four weeks ago {pct(f.strength_4_weeks_ago)})", "$text-muted"),
                    (f" · streak {f.current_streak} {f.streak_unit}", "$text-muted"),
                    (f", best {f.best_streak}", "$text-muted"),
                ),
                id="routine-detail-figures",
            )
            yield Static(outcomes_text(row), id="routine-detail-outcomes")
            if f.slipping:
                yield Static(f.slipping_message, id="routine-detail-slipping")
            shares = weekly_shares(f.recent, self.today, WEEKS)
            done = [share for share in shares if share is not None]
            if done:
                yield Label(
                    f"Share done per week, the last {WEEKS} weeks with runs",
                    classes="routine-detail-heading",
                )
                yield Sparkline(done, id="routine-detail-spark")
            yield Label("How the strength is worked out", classes="routine-detail-heading")
            yield Static(Text(f.explanation, no_wrap=False), id="routine-explanation")
            yield Label(
                "Steps over the latest judged runs (a whole-run skip is left out)",
                classes="routine-detail-heading",
            )
            yield DataTable(id="routine-steps", cursor_type="none", show_cursor=False)
            yield Label("escape, enter or q closes", id="routine-detail-keys")

    def on_mount(self) -> None:
        table = self.query_one("#routine-steps", DataTable)
        table.can_focus = False
        table.add_columns("#", "Step", "Estimate", "Median", "Timed", "Dropped", "")
        weak = self.row.figures.weakest_step
        weakest = weak.step_id if weak is not None else None
        for position, step in enumerate(self.row.figures.steps, start=1):
            mark = Text("← weakest", style="bold") if step.step_id == weakest else ""
            table.add_row(
                str(position),
                Text(step.title),
                minutes(step.estimate_minutes or None),
                minutes(step.median_minutes),
                str(step.timed),
                dropped_text(step),
                mark,
                key=step.step_id,
            )
        if not self.row.figures.steps:
            table.display = False
