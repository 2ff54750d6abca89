"""The commands that read the figures for signs: `signals`, and the quarter's texts that
`review --quarter` prints.

JSON keeps names as they are; the terminal and Markdown get them printable (each
control character shown as `?`) and never read as markup.
"""

from __future__ import annotations

from typing import Any

import click

from cockpit.cli.options import Options, common
from cockpit.domain.signals import Signal
from cockpit.domain.text import printable, printable_lines
from cockpit.presenter import KIND_LABELS, TREND_MARKS, pct, weeks_span
from cockpit.services.quarter import QuarterReview


@click.command()
@common
@click.option("--json", "as_json", is_flag=True, help="Print the signals as JSON.")
@click.pass_obj
def signals(options: Options, as_json: bool) -> None:
    """What to act on: to-dos that need a system, slipping processes, roles under water."""
    import orjson

    from cockpit.services.signals import signals as find_signals

    with options.open(write=False) as cockpit:
        found = find_signals(cockpit)
    if as_json:
        data = [signal_json(signal) for signal in found]
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return
    from rich.text import Text

    from cockpit.cli import render

    console = render.console()  # at least MIN_COLUMNS wide (COLUMNS=0 printed nothing)
    if not found:
        console.print(
            "Nothing to signal: no to-do needs a system, nothing slips, no role is under water."
        )
        return
    for signal in found:
        line = Text(f"{KIND_LABELS[signal.kind]}: ", style="bold")
        line.append(printable(signal.subject))
        line.append(f"  (since {signal.since.isoformat()})", style="dim")
        console.print(line)
        console.print(Text("  " + printable(signal.evidence)))
        console.print(Text("  → " + printable(signal.suggestion)))


def signal_json(signal: Signal) -> dict[str, Any]:
    return {
        "kind": signal.kind.value,
        "subject": signal.subject,
        "since": signal.since.isoformat(),
        "evidence": signal.evidence,
        "suggestion": signal.suggestion,
    }


def quarter_json(report: QuarterReview) -> dict[str, Any]:
    f = report.figures
    roles, names = report.role_names, report.process_names
    return {
        "quarter": f.quarter,
        "start": f.start.isoformat(),
        "end": f.end.isoformat(),
        "weeks": list(f.weeks),
        "months": [
            {
                "month": m.month,
                "weeks": list(m.weeks),
                "completion_by_role": {
                    roles.get(k, k): {"done": d, "due": t}
                    for k, (d, t) in m.completion_by_role.items()
                },
                "time_by_role": {
                    roles.get(k, k): {"minutes": m.minutes_by_role.get(k, 0), "budget": b}
                    for k, b in m.budget_by_role.items()
                },
            }
            for m in f.months
        ],
        "routines_gained": [names.get(p, p) for p in f.routines_gained],
        "routines_lost": [names.get(p, p) for p in f.routines_lost],
        "kpis": [
            {
                "system": k.system_name,
                "kpi": k.name,
                "unit": k.unit,
                "target": k.target,
                "direction": k.direction,
                "values": [list(item) for item in k.values],
                "trend": k.trend or None,
                "better": k.better,
            }
            for k in f.kpis
        ],
        "signals": [signal_json(signal) for signal in f.signals],
        "notes": [{"week": week, "notes": notes} for week, notes in f.notes],
    }


def _cell(text: str) -> str:
    return printable(text).replace("|", "\\|")


def quarter_markdown(report: QuarterReview) -> str:
    f = report.figures
    roles = report.role_names
    names = {key: printable(name) for key, name in report.process_names.items()}
    out = [f"# Quarter review {f.quarter} (weeks {weeks_span(f.start, f.end)})", ""]
    if not f.months:
        out += ["The quarter has not begun.", ""]
    months = [m.month for m in f.months]
    keys = list(
        dict.fromkeys(k for m in f.months for k in (*m.completion_by_role, *m.budget_by_role))
    )
    header = ["| role | " + " | ".join(months) + " |", "| --- |" + " ---: |" * len(months)]
    out += ["## Done against due, by month", "", *header]
    for key in keys:
        cells = []
        for m in f.months:
            done, due = m.completion_by_role.get(key, (0, 0))
            cells.append(f"{done} of {due} ({pct(done / due)})" if due else "-")
        out.append(f"| {_cell(roles.get(key, key))} | " + " | ".join(cells) + " |")
    out += ["", "## Time per role, by month (focus minutes of budget)", "", *header]
    for key in keys:
        cells = [
            f"{m.minutes_by_role.get(key, 0)} of {m.budget_by_role.get(key, 0)}" for m in f.months
        ]
        out.append(f"| {_cell(roles.get(key, key))} | " + " | ".join(cells) + " |")
    out += ["", "## Routines", ""]
    for label, ids in (("gained", f.routines_gained), ("lost", f.routines_lost)):
        out.append(f"- {label}: " + (", ".join(names.get(p, printable(p)) for p in ids) or "none"))
    if f.kpis:
        out += ["", "## KPIs", "", "| system | KPI | values | trend | target |"]
        out += ["| --- | --- | --- | :---: | ---: |"]
        for k in f.kpis:
            values = ", ".join(f"{value:g}" for _, value in k.values) or "-"
            mark = TREND_MARKS[k.trend] + (
                "" if k.better is None else " better" if k.better else " worse"
            )
            target = f"{k.target:g}" if k.target is not None else "-"
            unit = f" {k.unit}" if k.unit and k.values else ""
            label = f"| {_cell(k.system_name)} | {_cell(k.name)} | {_cell(values + unit)}"
            out.append(f"{label} | {mark} | {target} |")
    out += ["", "## Signals", ""]
    out += [
        printable(
            f"- {KIND_LABELS[s.kind]}: {s.subject} (since {s.since.isoformat()}): "
            f"{s.evidence} → {s.suggestion}"
        )
        for s in f.signals
    ] or ["Nothing to signal."]
    out += ["", "## Notes", ""]
    for week, notes in f.notes:
        out += [f"### {week}", "", printable_lines(notes), ""]
    if not f.notes:
        out += ["_No notes this quarter._", ""]
    return "\n".join(out)
