"""A copy of the demo business whose names and texts hold markup and terminal escapes.

Written straight into the data file as JSON, the way an old file or a hand edit
could hold them: every role, system, tool, KPI, process and step gets `MARKUP`
appended to its name (and to its description, purpose, notes or instructions);
every skip reason, focus note and review note gets `HOSTILE`, markup and escape
sequences. Names themselves cannot hold control characters: the data file is
refused at open when one does (the domain model checks every name it reads).

Shown to a person, `MARKUP` must read as typed and `HOSTILE` as `SHOWN`: the
markup literally, each control character as `?`, no escape byte reaching the
terminal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# rich and Textual markup: a closing tag with nothing open, a link, a style
MARKUP = " [/] [link=x]L [bold]B"
# a "clear the screen" sequence and an OSC sequence that sets the terminal's title
ESCAPES = " \x1b[2J\x1b]0;t\x07"
HOSTILE = MARKUP + ESCAPES
SHOWN = MARKUP + " ?[2J?]0;t?"
WEEK = "2026-W47"  # the demo's day, Friday 2026-11-20, falls in it


def hostile_copy(source: Path, target: Path) -> Path:
    """Write the data file `source` to `target` with markup in every name and escapes in
    every reason and note."""
    data: dict[str, Any] = json.loads(source.read_text("utf-8"))
    for role in data["roles"].values():
        role["name"] += MARKUP
    for system in data["systems"].values():
        system["name"] += MARKUP
        system["description"] = system.get("description", "") + MARKUP
        system["tools"] = [tool + MARKUP for tool in system.get("tools", [])]
        for kpi in system.get("kpis", []):
            kpi["name"] += MARKUP
            kpi["unit"] = kpi.get("unit", "") + " [/]"
    for process in data["processes"].values():
        process["name"] += MARKUP
        process["purpose"] = process.get("purpose", "") + MARKUP
        process["notes"] = process.get("notes", "") + MARKUP
        for step in process["steps"]:
            step["title"] += MARKUP
            step["instructions"] = step.get("instructions", "") + "\n\n[/] [bold]" + MARKUP
            if step.get("tool"):
                step["tool"] += MARKUP
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
