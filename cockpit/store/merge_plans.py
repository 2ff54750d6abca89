"""Merging the day plans of two copies of one data file: a plan's refs ("412.2") are per
file, so they are matched through run identities and step ids, and written back under the
merged file's numbers; a task's ("t12") through its uid; the same for the blocks steps were
pinned to on the timeline."""

from __future__ import annotations

import re
from typing import Any

from cockpit.store.identity import run_identity
from cockpit.store.merge import merge_plan

Doc = dict[str, Any]
Data = dict[str, dict[str, Any]]

REF = re.compile(r"^(\d+)\.(\d+)$")
TASK_REF = re.compile(r"^t(\d+)$")
TASK = "\x02"  # a plan key naming a task by its uid
RAW = "\x00"  # a plan ref that could not be tied to a run's identity: kept as it is
SEP = "\x1f"


def next_key(table: dict[str, Any]) -> int:
    return max((int(key) for key in table if key.isdigit()), default=0) + 1


def plan_keys(plan: Doc, data: Data) -> list[str]:
    """A plan's refs as both files can agree on them: run identity and step id."""
    runs = {int(doc["no"]): doc for doc in data.get("occurrences", {}).values()}
    tasks = data.get("tasks", {})
    keys = []
    for ref in plan.get("steps", []):
        task = TASK_REF.match(ref)
        if task is not None and task.group(1) in tasks:
            keys.append(f"{TASK}{tasks[task.group(1)].get('uid')}")
            continue
        found = REF.match(ref)
        run = runs.get(int(found.group(1))) if found else None
        steps = run.get("steps", []) if run is not None else []
        position = int(found.group(2)) if found else 0
        if run is not None and 1 <= position <= len(steps):
            keys.append(f"{run_identity(run)}{SEP}{steps[position - 1]['step']}")
        else:
            keys.append(f"{RAW}{ref}")
    return keys


def _places(data: Data) -> dict[str, str]:
    """Plan key -> this file's ref ("412.2") of every step of every run."""
    places: dict[str, str] = {}
    for run in data.get("occurrences", {}).values():
        identity = run_identity(run)
        for position, state in enumerate(run.get("steps", []), start=1):
            places[f"{identity}{SEP}{state['step']}"] = f"{run['no']}.{position}"
    for key, task in data.get("tasks", {}).items():
        places[f"{TASK}{task.get('uid')}"] = f"t{key}"
    return places


def _plan_refs(keys: list[str], data: Data) -> list[str]:
    """Plan keys back to this file's refs; a step its run no longer has is left out."""
    places = _places(data)
    refs = []
    for key in keys:
        if key.startswith(RAW):
            refs.append(key[len(RAW) :])
        elif key in places:
            refs.append(places[key])
    return list(dict.fromkeys(refs))


def pin_keys(plan: Doc, data: Data) -> dict[str, str]:
    """A plan's pins (step ref -> the block's start) keyed as both files agree on a step."""
    pins = plan.get("pins") or {}
    refs = list(pins)
    return dict(zip(plan_keys({"steps": refs}, data), (pins[ref] for ref in refs), strict=True))


def merge_pins(result: Data, pins_by_date: dict[str, dict[str, str]]) -> None:
    """Each merged plan's pins, both copies' (the live one's first), under this file's refs:
    a merge that renumbers runs must not leave a pin naming another step."""
    if not any(pins_by_date.values()):
        return
    places = _places(result)
    for key, doc in result.get("plans", {}).items():
        pins = {}
        for step, start in pins_by_date.get(doc["date"], {}).items():
            ref = step[len(RAW) :] if step.startswith(RAW) else places.get(step)
            if ref is not None:
                pins[ref] = start
        merged = {k: v for k, v in doc.items() if k != "pins"}
        if pins:
            merged["pins"] = pins
        if merged != doc:
            result["plans"][key] = merged


def merge_plans(
    result: Data,
    live_plans: dict[str, list[str]],
    other_plans: list[tuple[Doc, list[str]]],
    told: list[str],
) -> None:
    plans = result.setdefault("plans", {})
    by_date = {doc["date"]: key for key, doc in plans.items()}
    for key, keys in live_plans.items():  # the live refs follow merged runs' step order
        plans[key] = {**plans[key], "steps": _plan_refs(keys, result)}
    for doc, theirs in sorted(other_plans, key=lambda item: str(item[0]["date"])):
        found = by_date.get(doc["date"])
        if found is None:
            new = str(next_key(plans))
            plans[new] = {**doc, "steps": _plan_refs(merge_plan(theirs, theirs), result)}
            by_date[doc["date"]] = new
            told.append(doc["date"])
            continue
        steps = _plan_refs(merge_plan(live_plans.get(found, []), theirs), result)
        if steps != plans[found]["steps"]:
            plans[found] = {**plans[found], "steps": steps}
            told.append(doc["date"])
