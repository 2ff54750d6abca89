"""Carrying a change over onto a data file that another device changed meanwhile.

Before a write, the store checks that the file on disk is the one it last read or
wrote (`disk_state`). When it is not, the file is read again (with every check), and
this write's changes, and only those, are carried over onto it: the store notes,
for each record a batch touches, the record as it was before (`Journal`). For each:

- the record on disk is still as it was before: ours replaces it;
- it is already as ours: nothing to do;
- both changed a run, a focus session, a review, a plan, a task or the meta record: the two are
  merged by the rules of `cockpit merge` (`merge`: done beats open, no focus minute lost);
- a run or focus session ours wrote before that the disk lacks: a sync put the other
  device's file over ours before taking ours in, so it is carried over again, unless the
  other device archived it or the file now holds another business;
- both changed a role, a system or a process, or the disk holds another business: the
  change does not apply, and `RebaseConflict` says what changed.

Records are matched by identity (`identity`), not by their per-file numbers: a run or a
focus session ours made gets the next free number if another device used its number,
and references to it (a session's run, a plan's step) follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cockpit.store.identity import focus_identity, run_identity

Data = dict[str, dict[str, Any]]
Doc = dict[str, Any]
Journal = dict[tuple[str, str], Doc | None]  # (table, key) -> the record before the batch

# the small tables, each keyed by a field of its own
KEYED_BY = {
    "roles": "id",
    "systems": "id",
    "processes": "id",
    "reviews": "week",
    "tasks": "uid",  # before the plans: a plan's task refs follow the tasks' new numbers
    "plans": "date",
}
WHAT = {"roles": "role", "systems": "system", "processes": "process"}
OPEN_STATES = (None, "open", "running", "paused")
REF = re.compile(r"^(\d+)\.(\d+)$")
TASK_REF = re.compile(r"^t(\d+)$")


class RebaseConflict(Exception):
    """The change cannot be carried over; `str()` says what changed on disk."""


@dataclass
class Rebased:
    """The disk's data with this write's changes carried over."""

    data: Data
    runs_renumbered: dict[int, int] = field(default_factory=dict)
    focus_renumbered: dict[int, int] = field(default_factory=dict)


def rebase(theirs: Data, ours: Data, journal: Journal) -> Rebased:
    """Carry the changes `journal` names from `ours` over onto `theirs` (changed in place)."""
    from cockpit.store.merge import merge_focus, merge_meta, merge_run  # only when it happens

    result = Rebased(theirs)
    touched: dict[str, list[tuple[str, Doc | None]]] = {}
    for (table, key), before in sorted(journal.items()):
        touched.setdefault(table, []).append((key, before))
    _carry_numbered(
        result,
        ours,
        "occurrences",
        touched.get("occurrences", []),
        run_identity,
        merge_run,
        result.runs_renumbered,
    )
    _carry_numbered(
        result,
        ours,
        "focus",
        touched.get("focus", []),
        focus_identity,
        merge_focus,
        result.focus_renumbered,
    )
    for table in KEYED_BY:  # after the runs: a plan's refs follow their new numbers
        for key, before in touched.get(table, []):
            _carry_keyed(result, ours, table, key, before)
    for key, before in touched.get("process_history", []):
        _carry_history(theirs, ours, key, before)
    if ("meta", "1") in journal:
        mine = ours.get("meta", {}).get("1")
        disk = theirs.setdefault("meta", {}).get("1")
        if mine is not None:
            theirs["meta"]["1"] = merge_meta(disk, mine) if disk is not None else dict(mine)
    _settle_counters(theirs)
    return result


def _without_no(doc: Doc) -> Doc:
    return {name: value for name, value in doc.items() if name not in ("no", "id")}


def _carry_numbered(
    result: Rebased,
    ours: Data,
    table: str,
    touched: list[tuple[str, Doc | None]],
    identity: Callable[[Doc], str],
    merge: Callable[[Doc, Doc], Doc],
    renumbered: dict[int, int],
) -> None:
    """Runs or focus sessions: matched by identity, renumbered where their number is taken."""
    if not touched:
        return
    disk = result.data.setdefault(table, {})
    number = "no" if table == "occurrences" else "id"
    by_identity = {identity(doc): key for key, doc in disk.items()}
    for key, before in touched:
        mine = ours.get(table, {}).get(key)
        if mine is None:  # moved to the archive here: gone from the live file there too
            found = by_identity.get(identity(before)) if before is not None else None
            if found is not None and disk[found].get("status") not in OPEN_STATES:
                del disk[found]
            continue
        if table == "focus":
            mine = _focus_refs(mine, result.runs_renumbered)
        found = by_identity.get(identity(mine))
        if found is None:
            if before is not None:  # ours, written before, but not in the file there
                _check_missing(result.data, table, before)
            found = key if key not in disk else str(_next_number(disk))
            disk[found] = {**mine, number: int(found)}
            by_identity[identity(mine)] = found
        else:
            theirs = disk[found]
            mine = {**mine, number: int(found)}
            if before is not None and _without_no(theirs) == _without_no(before):
                disk[found] = mine
            elif _without_no(theirs) != _without_no(mine):
                if table == "occurrences" and before is not None:
                    _check_steps(result.data, theirs, before, mine)
                disk[found] = merge(theirs, mine)
        if found != key:
            renumbered[int(key)] = int(found)


def _steps(doc: Doc) -> dict[str, Doc]:
    return {state["step"]: state for state in doc.get("steps", ())}


def _check_steps(data: Data, theirs: Doc, before: Doc, mine: Doc) -> None:
    """A step this write closes must still be open there (or closed there the same way):
    a step skipped there is not made done here behind the owner's back, nor the reverse."""
    was, there = _steps(before), _steps(theirs)
    for position, (step, state) in enumerate(_steps(mine).items(), start=1):
        status = state.get("status", "open")
        if status == "open" or status == was.get(step, {}).get("status", "open"):
            continue  # not what this write changed
        other = there.get(step, {}).get("status", "open")
        if other not in ("open", status):
            reason = there[step].get("reason")
            why = f' ("{reason}")' if reason else ""
            raise RebaseConflict(
                f'step {theirs.get("no")}.{position} of "{_process_name(data, theirs)}" '
                f"({theirs.get('date')}) was {other} there{why}"
            )


def _check_missing(theirs: Data, table: str, before: Doc) -> None:
    """A run or session this Cockpit wrote before that the file there lacks: a sync put the
    other device's file over ours before it took ours in (it is carried over again), unless
    the other device archived it or the file holds another business (then it is refused)."""
    archived = theirs.get("meta", {}).get("1", {}).get("archived_before")
    day = before.get("date") or str(before.get("started_at", ""))[:10]
    if archived and day < archived and before.get("status") not in OPEN_STATES:
        raise RebaseConflict(f"{_describe(table, before, theirs)} was moved to the archive there")
    if table == "occurrences":
        names = {doc.get("id") for doc in theirs.get("processes", {}).values()}
        if before.get("process") not in names:
            raise RebaseConflict(
                f"{_describe(table, before, theirs)}: its process is not in the file"
            )
    else:
        roles = {doc.get("id") for doc in theirs.get("roles", {}).values()}
        if before.get("role") not in roles:
            raise RebaseConflict(f"{_describe(table, before, theirs)}: its role is not in the file")


def _focus_refs(doc: Doc, runs: dict[int, int]) -> Doc:
    run = doc.get("occurrence")
    if run is not None and run in runs:
        return {**doc, "occurrence": runs[run]}
    return doc


def _plan_refs(doc: Doc, runs: dict[int, int]) -> Doc:
    if not runs:
        return doc
    steps = []
    for ref in doc.get("steps", []):
        found = REF.match(ref)
        if found and int(found.group(1)) in runs:
            ref = f"{runs[int(found.group(1))]}.{found.group(2)}"
        steps.append(ref)
    return {**doc, "steps": steps}


def _task_refs(doc: Doc, ours: Data, disk: Data) -> Doc:
    """A plan's task refs (t12) under the numbers the disk gives those tasks (by uid)."""
    refs = doc.get("steps", [])
    if not any(TASK_REF.match(ref) for ref in refs):
        return doc
    mine = {key: task.get("uid") for key, task in ours.get("tasks", {}).items()}
    there = {task.get("uid"): key for key, task in disk.get("tasks", {}).items()}
    steps = []
    for ref in refs:
        found = TASK_REF.match(ref)
        if found and there.get(mine.get(found.group(1))) is not None:
            ref = f"t{there[mine[found.group(1)]]}"
        steps.append(ref)
    return {**doc, "steps": steps}


def _carry_keyed(result: Rebased, ours: Data, table: str, key: str, before: Doc | None) -> None:
    """Roles, systems, processes, reviews, plans, tasks: matched by their own key field."""
    disk = result.data.setdefault(table, {})
    mine = ours.get(table, {}).get(key)
    field_name = KEYED_BY[table]
    subject = (mine if mine is not None else before or {}).get(field_name)
    found = next((k for k, doc in disk.items() if doc.get(field_name) == subject), None)
    if mine is None:
        if found is not None and before is not None and disk[found] == before:
            del disk[found]
        return
    if table == "plans":
        mine = _task_refs(_plan_refs(mine, result.runs_renumbered), ours, result.data)
    if found is None:
        if before is not None and table in WHAT:
            raise RebaseConflict(f"{_describe(table, before)} is no longer in the file")
        disk[key if key not in disk else str(_next_number(disk))] = mine
        return
    theirs = disk[found]
    if (before is not None and theirs == before) or theirs == mine:
        disk[found] = mine
    elif table == "reviews":
        from cockpit.store.merge import merge_review

        disk[found] = merge_review(theirs, mine)
    elif table == "tasks":
        from cockpit.store.merge import merge_task

        disk[found] = merge_task(theirs, mine)
    elif table == "plans":
        from cockpit.store.merge import merge_plan

        disk[found] = {**mine, "steps": merge_plan(theirs.get("steps", []), mine["steps"])}
    else:
        raise RebaseConflict(f"{_describe(table, mine)} was changed there as well")


def _carry_history(theirs: Data, ours: Data, key: str, before: Doc | None) -> None:
    """A process version kept for its runs: added once, by its id and version."""
    mine = ours.get("process_history", {}).get(key)
    if mine is None:
        return
    disk = theirs.setdefault("process_history", {})
    same = (mine["id"], mine.get("version", 1))
    if any((doc["id"], doc.get("version", 1)) == same for doc in disk.values()):
        return
    disk[key if key not in disk else str(_next_number(disk))] = mine


def _process_name(data: Data, run: Doc) -> str:
    """A run's process by its name (in the file there, else its id)."""
    for process in data.get("processes", {}).values():
        if process.get("id") == run.get("process"):
            return str(process.get("name", run.get("process")))
    return str(run.get("process"))


def _describe(table: str, doc: Doc, data: Data | None = None) -> str:
    if table == "occurrences":
        return f'run {doc.get("no")} of "{_process_name(data or {}, doc)}" ({doc.get("date")})'
    if table == "focus":
        return f"focus session {doc.get('id')}"
    if table == "tasks":
        return f'task "{doc.get("title")}"'
    return f'{WHAT.get(table, table)} "{doc.get("name", doc.get(KEYED_BY.get(table, "id")))}"'


def _next_number(table: dict[str, Any]) -> int:
    return max((int(key) for key in table if key.isdigit()), default=0) + 1


def _settle_counters(data: Data) -> None:
    """The counters stay ahead of every number in use, whoever handed it out."""
    meta = data.setdefault("meta", {}).setdefault("1", {})
    runs, sessions = data.get("occurrences", {}), data.get("focus", {})
    meta["next_no"] = max(int(meta.get("next_no", 1)), _next_number(runs))
    meta["next_focus"] = max(int(meta.get("next_focus", 1)), _next_number(sessions))
