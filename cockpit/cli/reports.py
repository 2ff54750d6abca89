"""The command line's routines and weekly reviews as text: Markdown a person keeps in
their notes, and JSON (`pct` and `bar` are shared with the app: cockpit.presenter).

JSON keeps names and notes as they are. Markdown and the terminal get them
printable (each control character shown as `?`, notes keep their line breaks),
and a `|` in a table cell escaped so it cannot split the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cockpit.domain.text import printable, printable_lines
from cockpit.presenter import bar, pct
from cockpit.services.review import WeekReview
from cockpit.services.routines import RoutineRow

if TYPE_CHECKING:
    from rich.table import Table

    from cockpit.domain.tasks import Task
    from cockpit.domain.weekly import WeekFigures


def cell(text: str) -> str:
    """A name in a Markdown table cell: printable, its `|` escaped."""
    return printable(text).replace("|", "\\|")


def routine_json(row: RoutineRow) -> dict[str, Any]:
    f = row.figures
    return {
        "process": row.process.name,
        "id": row.process.id,
        "role": row.role_name,
        "system": row.system_name or None,
        "stage": row.process.stage.value,
        "schedule": row.process.schedule.text,
        "strength": round(f.strength, 4),
        "strength_4_weeks_ago": round(f.strength_4_weeks_ago, 4),
        "current_streak": f.current_streak,
        "best_streak": f.best_streak,
        "streak_unit": f.streak_unit,
        "is_routine": f.is_routine,
        "suggest_routine": f.suggest_routine,
        "slipping": f.slipping,
        "missed_in_a_row": f.missed_in_a_row,
        "slipping_message": f.slipping_message or None,
        "outcomes": {outcome.value: count for outcome, count in f.outcomes.items()},
        "weakest_step": f.weakest_step.title if f.weakest_step else None,
        "steps": [
            {
                "id": s.step_id,
                "title": s.title,
                "estimate_minutes": s.estimate_minutes,
                "median_minutes": s.median_minutes,
                "runs": s.runs,
                "dropped": s.dropped,
            }
            for s in f.steps
        ],
        "explanation": f.explanation,
    }


def review_json(report: WeekReview) -> dict[str, Any]:
    f = report.figures
    roles, systems, names = report.role_names, report.system_names, report.process_names
    return {
        "week": f.week,
        "start": f.start.isoformat(),
        "end": f.end.isoformat(),
        "reviewed_at": report.review.reviewed_at.isoformat() if report.review.reviewed_at else None,
        "notes": report.review.notes,
        "completion_by_role": {
            roles.get(k, k): {"done": d, "due": t} for k, (d, t) in f.completion_by_role.items()
        },
        "completion_by_system": {
            systems.get(k, k): {"done": d, "due": t} for k, (d, t) in f.completion_by_system.items()
        },
        "time_by_role": {
            roles.get(k, k): {"minutes": f.minutes_by_role.get(k, 0), "budget": budget}
            for k, budget in f.budget_by_role.items()
        },
        "estimates": [
            {
                "process": names.get(e.process_id, e.process_id),
                "step": e.title if e.step_id else None,
                "estimate_minutes": e.estimate_minutes,
                "actual_median": e.actual_median,
                "runs": e.count,
                "suggested_estimate": e.suggested_estimate,
            }
            for e in (*f.process_estimates, *f.step_estimates)
        ],
        "slipped": [
            {
                "process": s.name,
                "date": s.date.isoformat(),
                "outcome": s.outcome.value,
                "reason": s.reason or None,
            }
            for s in f.slipped
        ],
        "tasks_done": [_task_json(task, roles) for task in f.tasks_done],
        "tasks_slipped": [_task_json(task, roles) for task in f.tasks_slipped],
        "routines_gained": [names.get(p, p) for p in f.routines_gained],
        "routines_lost": [names.get(p, p) for p in f.routines_lost],
        "slipping": [names.get(p, p) for p in f.slipping],
        "kpis": [
            {
                "system": k.system_name,
                "kpi": k.name,
                "value": k.value,
                "unit": k.unit,
                "target": k.target,
                "history": [list(item) for item in k.history],
            }
            for k in report.kpis
        ],
    }


def _task_json(task: Task, roles: dict[str, str]) -> dict[str, Any]:
    return {
        "id": task.key,
        "title": task.title,
        "role": roles.get(task.role_id or "", task.role_id),
        "due": task.due.isoformat() if task.due else None,
        "status": task.status.value,
        "minutes": task.minutes,
    }


def _task_lines(f: WeekFigures, roles: dict[str, str]) -> list[str]:
    """The week's tasks: those done, and those due in it still open after their day."""
    if not f.tasks_done and not f.tasks_slipped:
        return []
    out = ["", "## Tasks", ""]
    for task in f.tasks_done:
        role = f" ({roles.get(task.role_id or '', '')})" if task.role_id else ""
        took = f", {task.minutes} min" if task.minutes else ""
        out.append(printable(f"- done: {task.key} {task.title}{role}{took}"))
    for task in f.tasks_slipped:
        due = f" (due {task.due:%a %d %b})" if task.due else ""
        out.append(printable(f"- still open: {task.key} {task.title}{due}"))
    return out


def review_markdown(report: WeekReview) -> str:
    f = report.figures
    roles = {key: printable(name) for key, name in report.role_names.items()}
    systems = {key: printable(name) for key, name in report.system_names.items()}
    names = {key: printable(name) for key, name in report.process_names.items()}

    def named(table: dict[str, str], key: str) -> str:
        return table.get(key, printable(key))

    out = [f"# Weekly review {f.week} ({f.start:%a %d %b} – {f.end:%a %d %b %Y})", ""]
    if report.review.reviewed_at:
        out += [f"Reviewed {report.review.reviewed_at:%Y-%m-%d %H:%M}.", ""]
    out += ["## Done against due", "", "| role | done | due | |", "| --- | ---: | ---: | --- |"]
    for key, (done, due) in f.completion_by_role.items():
        share = pct(done / due) if due else "-"
        out.append(f"| {cell(named(roles, key))} | {done} | {due} | {share} |")
    out += ["", "| system | done | due | |", "| --- | ---: | ---: | --- |"]
    for key, (done, due) in f.completion_by_system.items():
        share = pct(done / due) if due else "-"
        out.append(f"| {cell(named(systems, key))} | {done} | {due} | {share} |")
    out += ["", "## Time per role (focus sessions against budget)", ""]
    for key, budget in f.budget_by_role.items():
        minutes = f.minutes_by_role.get(key, 0)
        out.append(f"- {named(roles, key)}: {minutes} of {budget} min")
    out += ["", "## Estimate against actual", ""]
    rows = [e for e in f.step_estimates if e.count or e.suggested_estimate]
    if rows:
        out += ["| process › step | estimate | actual (median) | suggested |"]
        out += ["| --- | ---: | ---: | ---: |"]
        for e in rows:
            actual = f"{e.actual_median:g}" if e.actual_median is not None else "-"
            suggested = e.suggested_estimate if e.suggested_estimate is not None else "-"
            label = cell(f"{named(names, e.process_id)} › {e.title}")
            out.append(f"| {label} | {e.estimate_minutes} | {actual} | {suggested} |")
    else:
        out.append("Nothing was timed this week.")
    out += ["", "## What slipped or was skipped", ""]
    out += [
        printable(
            f"- {s.date:%a %d %b} {s.name}: {s.label}" + (f" ({s.reason})" if s.reason else "")
        )
        for s in f.slipped
    ] or ["Nothing. Every due run was done."]
    out += _task_lines(f, roles)
    out += ["", "## Routines", ""]
    for label, keys in (
        ("gained", f.routines_gained),
        ("lost", f.routines_lost),
        ("slipping", f.slipping),
    ):
        out.append(f"- {label}: " + (", ".join(named(names, p) for p in keys) or "none"))
    if report.kpis:
        out += ["", "## KPIs", "", "| system | KPI | this week | target |"]
        out += ["| --- | --- | ---: | ---: |"]
        for k in report.kpis:
            value = f"{k.value:g} {k.unit}".strip() if k.value is not None else "-"
            target = f"{k.target:g}" if k.target is not None else "-"
            out.append(f"| {cell(k.system_name)} | {cell(k.name)} | {cell(value)} | {target} |")
    notes = printable_lines(report.review.notes)
    out += ["", "## Notes", "", notes or "_No notes yet._", ""]
    return "\n".join(out)


def review_text(report: WeekReview) -> str:
    """The Markdown report without the table syntax noise, for a terminal."""
    return review_markdown(report)


def routines_table(rows: list[RoutineRow]) -> Table:
    """The routines as a terminal table: names as text, never markup, and printable."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False)
    for column in ("Process", "Role", "Strength", "", "Streak", "Best", "Stage", "Note"):
        table.add_column(column)
    for row in rows:
        f = row.figures
        note = "slipping" if f.slipping else ("→ routine?" if f.suggest_routine else "")
        table.add_row(
            Text(printable(row.process.name)),
            Text(printable(row.role_name)),
            pct(f.strength),
            bar(round(f.strength * 100), 100, 10),
            f"{f.current_streak} {f.streak_unit}",
            str(f.best_streak),
            row.process.stage.value,
            note,
        )
    return table
