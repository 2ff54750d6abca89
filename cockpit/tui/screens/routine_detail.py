"""One process's routine figures in words, and the detail dialog that shows them in full.

The short texts (trend, streak, the note beside the heatmap) are shared with the
Routines view. The dialog shows what the row the view already read carries: the
explanation (the formula, this process's numbers, the last runs with the score
after each) and the per-step figures, all worked out by the services.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Label, Static

from cockpit.domain.outcome_calendar import spark_text, weekly_shares
from cockpit.domain.streaks import Outcome
from cockpit.domain.text import printable, printable_lines
from cockpit.presenter import pct
from cockpit.tui.plain import plain, plain_lines
from cockpit.tui.screens.dialog import DialogScreen
from cockpit.tui.widgets.heatmap import WEEKS

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


def trend_text(now: float, then: float) -> str:
    """ "↑ 62→81 %", "↓ 43→28 %", "→ 55 %"."""
    before, after = round(then * 100), round(now * 100)
    if after == before:
        return f"→ {after} %"
    return f"{'↑' if after > before else '↓'} {before}→{after} %"


def streak_text(row: RoutineRow) -> str:
    f = row.figures
    return f"{f.current_streak}/{f.best_streak} {f.streak_unit}"


def note_text(row: RoutineRow) -> str:
    f = row.figures
    if f.slipping:
        return "slipping"
    if f.suggest_routine:
        return "→ routine?"
    return ""


def process_note(row: RoutineRow) -> Content:
    """Beside the heatmap: what to do about the process (redesign it, call it a routine, or
    how far it is from one), then its figures and its weakest step."""
    f = row.figures
    unit = f.streak_unit
    lines: list[Content] = []
    if f.slipping:
        lines.append(plain(f"Slipping: {f.slipping_message}", "$error"))
    elif f.suggest_routine:
        lines.append(
            plain(
                f'"{row.process.name}" is at {pct(f.strength)} strength, past the '
                f"{pct(f.threshold)} that makes a routine, but its stage is still "
                f"{row.process.stage.value}. Press p to move it to routine.",
                "$accent",
            )
        )
    elif f.explanation:
        lines.append(plain(f.explanation.splitlines()[-1]))
    lines.append(
        Content.assemble(
            ("Strength ", "$text-muted"),
            (pct(f.strength), "bold"),
            (f", {pct(f.strength_4_weeks_ago)} four weeks ago", "$text-muted"),
            (f" · streak {f.current_streak} {unit}, best {f.best_streak}", "$text-muted"),
        )
    )
    if f.weakest_step is not None:
        weak = f.weakest_step
        lines.append(
            plain(
                f'Most often dropped: "{weak.title}" ({weak.dropped} of {weak.runs} runs).',
                "$text-muted",
            )
        )
    lines.append(Content.styled("enter: how the strength is worked out", "$text-muted"))
    return Content("\n").join(lines)


def role_note(row: RoutineRow, mates: list[RoutineRow]) -> Content:
    """Beside the role's heatmap: how many of its processes are routines, which slip."""
    routines = sum(r.figures.is_routine for r in mates)
    slipping = [r.process.name for r in mates if r.figures.slipping]
    lines = [
        Content.assemble(
            plain(row.role_name, "bold"),
            f": {len(mates)} recurring processes, {routines} at routine strength.",
        )
    ]
    if slipping:
        lines.append(plain("Slipping: " + ", ".join(slipping) + ".", "$error"))
    else:
        lines.append(Content.styled("Nothing is slipping.", "$success"))
    lines.append(
        Content.styled(
            "A day is all done when each of its runs was done (skips left out).", "$text-muted"
        )
    )
    return Content("\n").join(lines)


class RoutineDetailScreen(DialogScreen[None]):
    """The explanation of one process's strength, and how each of its steps fares."""

    CSS_PATH = "../routines.tcss"  # loaded when the screen is first shown, not at start

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
        place = f"role {row.role_name}" + (
            f" · system {row.system_name}" if row.system_name else ""
        )
        with VerticalScroll(classes="dialog wide", id="routine-detail"):
            yield Label(
                Content.assemble(
                    plain(process.name, "bold"),
                    plain(f"  {process.schedule.text} · {place} · stage {process.stage.value}"),
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
                yield Static(plain_lines(f.slipping_message), id="routine-detail-slipping")
            shares = weekly_shares(f.recent, self.today, WEEKS)
            if any(share is not None for share in shares):
                yield Label(
                    f"Share of the runs done, week by week, the last {WEEKS} weeks "
                    "(blank: nothing judged)",
                    classes="routine-detail-heading",
                )
                yield Static("".join(c * 2 for c in spark_text(shares)), id="routine-detail-spark")
            yield Label("How the strength is worked out", classes="routine-detail-heading")
            explanation = Text(printable_lines(f.explanation), no_wrap=False)
            yield Static(explanation, id="routine-explanation")
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
                Text(printable(step.title)),
                minutes(step.estimate_minutes or None),
                minutes(step.median_minutes),
                str(step.timed),
                dropped_text(step),
                mark,
                key=step.step_id,
            )
        if not self.row.figures.steps:
            table.display = False
