"""The texts of the quarter view: months by role (done against due, time against budget),
routines gained and lost, KPI values with their trend, signals, notes.

Pure functions of a `QuarterReview`. Names are text, never markup (rich `Text` cells and
`plain` content); the shares, bars and trend marks come from the presenter, as the command
line's `review --quarter` says them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.content import Content

from cockpit.domain.text import printable
from cockpit.presenter import minutes_text, pct, trend_text, weeks_span
from cockpit.tui.plain import plain, plain_lines
from cockpit.tui.screens.signal_text import signal_content

if TYPE_CHECKING:
    from cockpit.services.quarter import QuarterReview


def header_content(report: QuarterReview, today: date) -> Content:
    f = report.figures
    return Content.assemble(
        (f"Quarter {f.quarter}", "bold $primary"),
        f" · weeks {weeks_span(f.start, f.end)} · {len(f.weeks)} weeks",
        ("  (this quarter)", "$foreground-muted") if f.start <= today <= f.end else "",
    )


def month_name(month: str) -> str:
    """ "2026-10" -> "Oct 2026"."""
    year, number = month.split("-")
    return f"{date(int(year), int(number), 1):%b %Y}"


def _table(first: str, columns: list[str]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False, show_edge=False)
    table.add_column(first, no_wrap=True)
    for column in columns:
        table.add_column(column, justify="right", no_wrap=True)
    return table


def _role_keys(report: QuarterReview) -> list[str]:
    months = report.figures.months
    return list(
        dict.fromkeys(k for m in months for k in (*m.completion_by_role, *m.budget_by_role))
    )


def months_table(report: QuarterReview) -> Table:
    """Done against due, by role and month: "51 of 56 · 91 %"."""
    f, roles = report.figures, report.role_names
    table = _table("role", [month_name(m.month) for m in f.months])
    for key in _role_keys(report):
        cells = []
        for m in f.months:
            done, due = m.completion_by_role.get(key, (0, 0))
            cells.append(Text(f"{done} of {due} · {pct(done / due)}" if due else "–"))
        table.add_row(Text(printable(roles.get(key, key)), style="bold"), *cells)
    return table


def time_table(report: QuarterReview) -> Table:
    """Focus time against budget, by role and month: "10h33 of 25h00"."""
    f, roles = report.figures, report.role_names
    table = _table("role", [month_name(m.month) for m in f.months])
    for key in _role_keys(report):
        cells = []
        for m in f.months:
            spent, budget = m.minutes_by_role.get(key, 0), m.budget_by_role.get(key, 0)
            over = budget and spent > budget
            text = f"{minutes_text(spent)} of {minutes_text(budget)}" if budget else "–"
            cells.append(Text(text, style="bold" if over else ""))
        table.add_row(Text(printable(roles.get(key, key)), style="bold"), *cells)
    return table


def routines_content(report: QuarterReview) -> Content:
    f, names = report.figures, report.process_names

    def listed(ids: tuple[str, ...]) -> Content:
        return plain(", ".join(names.get(p, p) for p in ids) or "none")

    return Content("\n").join(
        [
            Content.assemble(("gained: ", "$success"), listed(f.routines_gained)),
            Content.assemble(("lost: ", "$warning"), listed(f.routines_lost)),
        ]
    )


def kpi_table(report: QuarterReview, good: Style, bad: Style) -> Table:
    """Each KPI's values over the quarter, oldest first, its trend (in `good` when it moved
    the way that is better, `bad` the other way) and its target."""
    table = _table("system › KPI", ["values", "trend", "target"])
    for k in report.figures.kpis:
        values = ", ".join(f"{value:g}" for _, value in k.values) or "–"
        unit = f" {k.unit}" if k.unit and k.values else ""
        target = "–" if k.target is None else f"{k.target:g}"
        better = good if k.better else bad if k.better is False else ""
        table.add_row(
            Text(f"{printable(k.system_name)} › {printable(k.name)}"),
            Text(printable(values + unit)),
            Text(trend_text(k.trend, k.better), style=better),
            Text(target),
        )
    return table


def signals_content(report: QuarterReview) -> Content:
    found = report.figures.signals
    if not found:
        return Content.styled("Nothing to signal this quarter.", "$text-muted")
    return Content("\n").join(signal_content(signal) for signal in found)


def notes_content(report: QuarterReview) -> Content:
    notes = report.figures.notes
    if not notes:
        return Content.styled("No notes this quarter.", "$text-muted")
    return Content("\n\n").join(
        Content.assemble((week, "bold $accent"), "\n", plain_lines(text)) for week, text in notes
    )
