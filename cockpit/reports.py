"""Routines and weekly reviews as text: Markdown a person keeps in their notes, and JSON."""

from __future__ import annotations

from typing import Any

from cockpit.services.review import WeekReview
from cockpit.services.routines import RoutineRow


def pct(value: float) -> str:
    return f"{round(value * 100)} %"


def bar(done: int, due: int, width: int = 20) -> str:
    filled = round(width * done / due) if due else 0
    return "█" * filled + "░" * (width - filled)


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


def review_markdown(report: WeekReview) -> str:
    f = report.figures
    roles, systems, names = report.role_names, report.system_names, report.process_names
    out = [f"# Weekly review {f.week} ({f.start:%a %d %b} – {f.end:%a %d %b %Y})", ""]
    if report.review.reviewed_at:
        out += [f"Reviewed {report.review.reviewed_at:%Y-%m-%d %H:%M}.", ""]
    out += ["## Done against due", "", "| role | done | due | |", "| --- | ---: | ---: | --- |"]
    for key, (done, due) in f.completion_by_role.items():
        out.append(
            f"| {roles.get(key, key)} | {done} | {due} | {pct(done / due) if due else '-'} |"
        )
    out += ["", "| system | done | due | |", "| --- | ---: | ---: | --- |"]
    for key, (done, due) in f.completion_by_system.items():
        share = pct(done / due) if due else "-"
        out.append(f"| {systems.get(key, key)} | {done} | {due} | {share} |")
    out += ["", "## Time per role (focus sessions against budget)", ""]
    for key, budget in f.budget_by_role.items():
        minutes = f.minutes_by_role.get(key, 0)
        out.append(f"- {roles.get(key, key)}: {minutes} of {budget} min")
    out += ["", "## Estimate against actual", ""]
    rows = [e for e in f.step_estimates if e.count or e.suggested_estimate]
    if rows:
        out += ["| process › step | estimate | actual (median) | suggested |"]
        out += ["| --- | ---: | ---: | ---: |"]
        for e in rows:
            actual = f"{e.actual_median:g}" if e.actual_median is not None else "-"
            suggested = e.suggested_estimate if e.suggested_estimate is not None else "-"
            label = f"{names.get(e.process_id, e.process_id)} › {e.title}"
            out.append(f"| {label} | {e.estimate_minutes} | {actual} | {suggested} |")
    else:
        out.append("Nothing was timed this week.")
    out += ["", "## What slipped or was skipped", ""]
    out += [
        f"- {s.date:%a %d %b} {s.name}: {s.outcome.label}" + (f" ({s.reason})" if s.reason else "")
        for s in f.slipped
    ] or ["Nothing. Every due run was done."]
    out += ["", "## Routines", ""]
    out.append("- gained: " + (", ".join(names.get(p, p) for p in f.routines_gained) or "none"))
    out.append("- lost: " + (", ".join(names.get(p, p) for p in f.routines_lost) or "none"))
    out.append("- slipping: " + (", ".join(names.get(p, p) for p in f.slipping) or "none"))
    if report.kpis:
        out += ["", "## KPIs", "", "| system | KPI | this week | target |"]
        out += ["| --- | --- | ---: | ---: |"]
        for k in report.kpis:
            value = f"{k.value:g} {k.unit}".strip() if k.value is not None else "-"
            target = f"{k.target:g}" if k.target is not None else "-"
            out.append(f"| {k.system_name} | {k.name} | {value} | {target} |")
    out += ["", "## Notes", "", report.review.notes or "_No notes yet._", ""]
    return "\n".join(out)


def review_text(report: WeekReview) -> str:
    """The Markdown report without the table syntax noise, for a terminal."""
    return review_markdown(report)
