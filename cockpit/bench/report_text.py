"""What `cockpit bench` prints: the medians against the targets, as JSON or a table."""

from __future__ import annotations

import os
import platform
from typing import Any

from cockpit.bench.run import COMPLETE_ROUNDS, ROWS, WARM_PER_COLD, Report


def report_json(report: Report) -> dict[str, Any]:
    return {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
            "load_average": [round(load, 2) for load in os.getloadavg()],
        },
        "today": report.today.isoformat(),
        "rounds": report.rounds,
        "process_rounds": report.process_rounds,
        # complete_ms: the median of more rounds, the 2 cold ones in them (complete_cold_ms)
        "complete_rounds": COMPLETE_ROUNDS,
        "kept_today_rounds": report.process_rounds * WARM_PER_COLD,  # and import rich's
        "specs": {
            name: {
                "processes": s.processes,
                "years": s.years,
                "focus_sessions": s.focus_sessions,
                "tasks": s.tasks,
            }
            for name, s in report.specs.items()
        },
        "datasets": {
            name: {key: round(value, 2) for key, value in results.items()}
            for name, results in report.results.items()
        },
        "units": {r.name: r.unit for r in ROWS},
        "targets": {r.name: r.target for r in ROWS if r.target is not None},
        "judged_on": report.judged,
        "missed": report.missed(),
    }


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}"
    if unit in ("ms", "MB") and value < 1000:
        return f"{value:,.1f}"
    return f"{value:,.0f}"


def print_table(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"cockpit bench — medians, today = {report.today.isoformat()}")
    table.add_column("data set")
    table.add_column("measure")
    table.add_column("median", justify="right")
    table.add_column("target", justify="right")
    table.add_column("ok", justify="center")
    by_name = {r.name: r for r in ROWS}
    for name, results in report.results.items():
        for key, value in results.items():
            item = by_name.get(key)
            unit = item.unit if item else ""
            target, ok = "", ""
            if item is not None and item.target is not None:
                target = f"≤ {item.target:g} {unit}"
                if name == report.judged:
                    ok = "[green]✓[/]" if value <= item.target else "[bold red]✗[/]"
            style = "dim" if item is not None and item.context else None
            table.add_row(name, key, f"{_number(value, unit)} {unit}", target, ok, style=style)
        table.add_section()
    console = Console()
    console.print(table)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    machine = f"{os.cpu_count()} CPUs (load {load}), Python {platform.python_version()}"
    rounds = (
        f"{report.rounds} rounds (complete: {COMPLETE_ROUNDS}, the 2 cold ones among them and "
        f"in complete_cold_ms); today: {report.process_rounds * WARM_PER_COLD} runs of the kept "
        f"answer (each after import rich), {report.process_rounds} cold (an empty cache)"
    )
    footer = f"{machine}; {rounds}; targets judged on {report.judged}"
    console.print(footer, style="dim", markup=False)
