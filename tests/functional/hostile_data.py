"""A copy of the demo business whose names and texts hold markup and terminal escapes.

Written straight into the data file as JSON, the way an old file or a hand edit
could hold them (names typed today are refused such characters on input): every
role, system, tool, KPI, process, step, skip reason, focus note and review note
gets `HOSTILE` appended. Shown to a person, it must read `SHOWN`: the markup
literally, each control character as `?`, no escape byte reaching the terminal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# rich and Textual markup (a closing tag with nothing open, a link, a style), a "clear the
# screen" sequence and an OSC sequence that sets the terminal's title
MARKUP = "[/] [link=x]L [bold]B"
ESCAPES = "\x1b[2J\x1b]0;t\x07"
HOSTILE = f" {MARKUP} {ESCAPES}"
SHOWN = f" {MARKUP} ?[2J?]0;t?"
WEEK = "2026-W47"  # the demo's day, Friday 2026-11-20, falls in it


def hostile_copy(source: Path, target: Path) -> Path:
    """Write the data file `source` to `target` with `HOSTILE` on every text a person reads."""
    data: dict[str, Any] = json.loads(source.read_text("utf-8"))
    for role in data["roles"].values():
        role["name"] += HOSTILE
    for system in data["systems"].values():
        system["name"] += HOSTILE
        system["description"] = system.get("description", "") + HOSTILE
        system["tools"] = [tool + HOSTILE for tool in system.get("tools", [])]
        for kpi in system.get("kpis", []):
            kpi["name"] += HOSTILE
            kpi["unit"] = kpi.get("unit", "") + " [/]"
    for process in data["processes"].values():
        process["name"] += HOSTILE
        process["purpose"] = process.get("purpose", "") + HOSTILE
        process["notes"] = process.get("notes", "") + HOSTILE
        for step in process["steps"]:
            step["title"] += HOSTILE
            step["instructions"] = step.get("instructions", "") + "\n\n" + HOSTILE
            if step.get("tool"):
                step["tool"] += HOSTILE
    for run in data["occurrences"].values():
        if run.get("reason"):
            run["reason"] += HOSTILE
        for state in run["steps"]:
            if state.get("reason"):
                state["reason"] += HOSTILE
    for session in data.get("focus", {}).values():
        session["note"] = "focus" + HOSTILE
    measured = next(s for s in data["systems"].values() if s.get("kpis"))
    kpis = {measured["id"]: {measured["kpis"][0]["name"]: 7}}
    data["reviews"] = {"1": {"week": WEEK, "notes": "Notes" + HOSTILE, "kpis": kpis}}
    target.write_text(json.dumps(data), "utf-8")
    return target


def names_of(path: Path, table: str, field: str = "name") -> list[str]:
    """The raw texts of one field of a table of the data file."""
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return [str(doc[field]) for doc in data[table].values()]
