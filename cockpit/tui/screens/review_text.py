"""The texts of the Review screen: the week's days, the estimate rows, slips and routines.

Pure functions of a `WeekReview`; colours come from theme variables ($success,
$warning, $error), so a change of theme recolours them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.content import Content

from cockpit.domain.text import printable
from cockpit.tui.plain import plain

if TYPE_CHECKING:
    from cockpit.domain.weekly import Estimate
    from cockpit.services.review import WeekReview


def days_text(start: date, end: date) -> str:
    """ "Mon 16 – Sun 22 Nov", "Mon 30 Nov – Sun 6 Dec"."""
    first = f"{start:%a} {start.day}" + ("" if start.month == end.month else f" {start:%b}")
    return f"{first} – {end:%a} {end.day} {end:%b}"


def edge_note(what: str, delta: int) -> str:
    """What `[` on the calendar's first week (or `]` on its last) says: "week" or "quarter"."""
    side = "before" if delta < 0 else "after"
    return f"No {what} {side} this one: Cockpit counts the days from 2000-01-01 to 2100-12-31."


def estimate_rows(report: WeekReview, accent: Style) -> list[tuple[str, list[Text]]]:
    """The estimate table's rows, by key: each process ("id|"), then its steps ("id|step")."""
    steps: dict[str, list[Estimate]] = {}
    for estimate in report.figures.step_estimates:
        steps.setdefault(estimate.process_id, []).append(estimate)
    rows: list[tuple[str, list[Text]]] = []
    for process in report.figures.process_estimates:
        rows.append((f"{process.process_id}|", estimate_cells(process, None, bold=True)))
        for step in steps.get(process.process_id, []):
            rows.append((f"{step.process_id}|{step.step_id}", estimate_cells(step, accent)))
    return rows


def estimate_of(row_key: str, report: WeekReview) -> Estimate | None:
    """The step estimate of an estimate table's row, by its key ("id|step"; a process's row
    "id|" has none)."""
    process_id, _, step_id = row_key.partition("|")
    found = (
        e
        for e in report.figures.step_estimates
        if (e.process_id, e.step_id) == (process_id, step_id)
    )
    return next(found, None)


def estimate_cells(e: Estimate, accent: Style | None, *, bold: bool = False) -> list[Text]:
    """Title, estimate, actual (median), runs, suggested: highlighted when it differs."""
    new, old = e.suggested_estimate, e.estimate_minutes
    suggested = Text("–" if new is None else str(new))
    if accent is not None and new is not None and new != old:
        suggested = Text(f"{new} {'▲' if new > old else '▼'}", style=accent)
    actual = "–" if e.actual_median is None else f"{e.actual_median:g}"
    figures = (str(old), actual, str(e.count))
    name = printable(e.title)
    title = Text(name, style="bold") if bold else Text(f"  › {name}")
    return [title, *(Text(text, justify="right") for text in figures), suggested]


def slipped_text(report: WeekReview, today: date | None = None) -> Content:
    """Each run that slipped this week, with its outcome and the reason given; with none,
    what is true of the week (done, still to do, or not begun); then the week's tasks, done
    and still open."""
    runs = _runs_slipped_text(report, today)
    tasks = _tasks_text(report)
    return runs if tasks is None else Content("\n").join([runs, tasks])


def _tasks_text(report: WeekReview) -> Content | None:
    f = report.figures
    if not f.tasks_done and not f.tasks_slipped:
        return None
    lines = [
        Content.assemble(("task done  ", "$success"), plain(f"{task.key} {task.title}"))
        for task in f.tasks_done
    ]
    lines += [
        Content.assemble(("task open  ", "$warning"), plain(f"{task.key} {task.title}"))
        for task in f.tasks_slipped
    ]
    return Content("\n").join(lines)


def _runs_slipped_text(report: WeekReview, today: date | None) -> Content:
    f = report.figures
    slips = f.slipped
    if not slips:
        done = sum(d for d, _ in f.completion_by_role.values())
        due = sum(n for _, n in f.completion_by_role.values())
        if today is not None and today < f.start:
            return Content.styled("This week has not begun.", "$text-muted")
        if done >= due:
            return Content.styled("Nothing. Every due run was done.", "$success")
        return Content.styled(
            f"Nothing slipped so far: {done} of {due} due runs done, the rest still open.",
            "$text-muted",
        )
    lines = [
        Content.assemble(
            f"{slip.date:%a %d %b}  ",
            plain(slip.name, "bold"),
            " · ",
            (slip.label, "$error" if slip.outcome.value == "missed" else "$warning"),
            plain(f": {slip.reason}" if slip.reason else ""),
        )
        for slip in slips
    ]
    return Content("\n").join(lines)


def routines_text(report: WeekReview, slipping_misses: int) -> Content:
    """Routines gained and lost this week, and the processes slipping (missed
    `slipping_misses` times or more in a row)."""
    f, names = report.figures, report.process_names

    def listed(ids: tuple[str, ...]) -> Content:
        return plain(", ".join(names.get(p, p) for p in ids) or "none")

    lines = [
        Content.assemble(("gained: ", "$success"), listed(f.routines_gained)),
        Content.assemble(("lost: ", "$warning"), listed(f.routines_lost)),
    ]
    for process_id in f.slipping:
        lines.append(
            Content.assemble(
                plain(names.get(process_id, process_id), "bold $error"),
                f" is slipping: missed {slipping_misses} times or more in a row."
                " Time to redesign it (fewer steps, another day, or retire it).",
            )
        )
    if not f.slipping:
        lines.append(Content.styled("Nothing is slipping.", "$foreground-muted"))
    return Content("\n").join(lines)
