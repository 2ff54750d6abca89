"""Property tests of `cockpit merge`: two devices change copies of one file, and merging
them in either order, or twice, comes out the same, with nothing done on either lost.

Each device starts from the same base and applies random operations through the domain
(complete, skip, snooze, miss, keep, skip a run, create runs scheduled or by hand, focus
sessions started, ended, discarded, review notes, plan entries, process edits, a role's
colour and budget). Files are compared in `canonical_form` (keyed by identities: display
numbers are per file). Roles and systems set differently on both are the one exception to
merge(A, B) = merge(B, A): the live copy's stay, and that is checked instead.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cockpit.domain.materialize import new_occurrence
from cockpit.domain.model import Process
from cockpit.domain.occurrence import Occurrence
from cockpit.store import codec
from cockpit.store.document import check_tables
from cockpit.store.identity import derived_uid, focus_identity, run_identity
from cockpit.store.merge import canonical, drop_empty
from cockpit.store.merge_tables import canonical_form, merge_tables
from cockpit.store.storage import Data
from tests.unit.domain.builders import process
from tests.unit.store.helpers import ADMIN, SALES

DAYS = [date(2026, 12, day) for day in range(1, 6)]
INSTANTS = [f"2026-12-0{day}T{hour:02d}:00:00+00:00" for day in (1, 2, 3) for hour in (9, 12)]
NOTES = ["", "good week", "good week, slow Friday", "cash is short", "hired help"]
PROCESSES = [
    process("daily", name="Invoice clients", steps=3),
    process("daily", name="Weekly post", steps=2, role="sales"),
]


def base() -> Data:
    data: Data = {
        "meta": {"1": {"schema": 2, "next_no": 4, "next_focus": 3}},
        "roles": {"1": codec.role_doc(ADMIN), "2": codec.role_doc(SALES)},
        "processes": {str(i): codec.process_doc(p) for i, p in enumerate(PROCESSES, 1)},
        "occurrences": {},
        "focus": {},
    }
    for no, (proc, day) in enumerate(
        [(PROCESSES[0], DAYS[0]), (PROCESSES[0], DAYS[1]), (PROCESSES[1], DAYS[0])], 1
    ):
        data["occurrences"][str(no)] = codec.occurrence_doc(new_occurrence(proc, day, no))
    session = {"id": 1, "uid": derived_uid(datetime(2026, 12, 1), 1), "kind": "stopwatch"}
    session |= {"role": "sales", "started_at": INSTANTS[0], "status": "logged"}
    data["focus"]["1"] = session | {"ended_at": INSTANTS[1], "minutes": 30, "occurrence": 1}
    running = {"id": 2, "uid": derived_uid(datetime(2026, 12, 1), 2), "kind": "stopwatch"}
    running |= {"role": "admin", "started_at": INSTANTS[2], "status": "running", "occurrence": 2}
    data["focus"]["2"] = running
    return data


def _next(table: dict[str, Any]) -> int:
    return max((int(key) for key in table), default=0) + 1


def _run(data: Data, pick: int) -> tuple[str, Occurrence] | None:
    runs = sorted(data["occurrences"], key=int)
    if not runs:
        return None
    key = runs[pick % len(runs)]
    return key, codec.occurrence_from(data["occurrences"][key])


def _process(data: Data, pick: int) -> Process:
    docs = sorted(data["processes"].values(), key=lambda d: d["id"])
    return codec.process_from(docs[pick % len(docs)])


def _keyed(table: dict[str, Any], field: str, value: str) -> str:
    """The key of the record whose `field` is `value`, or the next free key."""
    return next((k for k, d in table.items() if d[field] == value), str(_next(table)))


RUN_OPS = ("done", "skip", "snooze", "miss", "keep", "skip_run")


def apply(data: Data, op: tuple[str, int, int, int]) -> None:
    kind, a, b, c = op
    at = datetime.fromisoformat(INSTANTS[c % len(INSTANTS)])
    if kind in RUN_OPS:
        found = _run(data, a)
        if found is not None and found[1].is_open and found[1].steps:
            changed = _run_op(kind, found[1], b, c, at)
            if changed is not None:
                data["occurrences"][found[0]] = codec.occurrence_doc(changed)
    elif kind in ("new_run", "manual_run"):
        _new_run(data, kind == "manual_run", a, b, c, at)
    elif kind == "focus":
        _new_session(data, a, b, c, at)
    elif kind in ("log", "discard", "pause"):
        _end_session(data, kind, a, b, c, at)
    elif kind == "review":
        reviews = data.setdefault("reviews", {})
        week = ("2026-W48", "2026-W49")[a % 2]
        review: dict[str, Any] = {"week": week, "notes": NOTES[b % len(NOTES)]}
        review |= {"reviewed_at": at.isoformat(), "kpis": {"fin": {f"k{c % 2}": float(b)}}}
        reviews[_keyed(reviews, "week", week)] = {k: v for k, v in review.items() if v}
    elif kind == "plan":
        _plan(data, a, b, c)
    elif kind in ("bump", "rename"):
        _edit_process(data, kind, a, b)
    elif kind in ("task", "task_done", "task_move"):
        _task_op(data, kind, a, b, c, at)
    elif kind == "role":  # the owner's settings on one device: colour and budget
        key = sorted(data["roles"])[a % len(data["roles"])]
        colour = ("#112233", "#445566", "#778899")[b % 3]
        data["roles"][key] = {**data["roles"][key], "colour": colour, "budget_minutes": 30 * c}


def _run_op(kind: str, run: Occurrence, b: int, c: int, at: datetime) -> Occurrence | None:
    step = run.steps[b % len(run.steps)]
    today = at.date()
    if kind == "miss":
        return run.miss(at, today)
    if kind == "keep":
        return run.keep()
    if kind == "skip_run":
        return run.skip(f"away {c}", at, today)
    if not step.is_open:
        return None
    if kind == "done":
        return run.complete_step(step.step_id, at, today, minutes=c * 5)
    if kind == "skip":
        return run.skip_step(step.step_id, f"reason {c}", at, today)
    return run.snooze_step(step.step_id, DAYS[1 + c % 4], DAYS[0], None)


def _new_run(data: Data, manual: bool, a: int, b: int, c: int, at: datetime) -> None:
    no = _next(data["occurrences"])
    new = new_occurrence(_process(data, a), DAYS[b % len(DAYS)], no)
    if manual:
        new = replace(new, manual=True, uid=derived_uid(at, "run", a, b, c))
    if new.identity not in {run_identity(doc) for doc in data["occurrences"].values()}:
        data["occurrences"][str(no)] = codec.occurrence_doc(new)


def _new_session(data: Data, a: int, b: int, c: int, at: datetime) -> None:
    key = _next(data["focus"])
    doc: dict[str, Any] = {"id": key, "uid": derived_uid(at, "focus", a, b, c)}
    doc |= {"kind": "stopwatch", "role": ("admin", "sales")[b % 2]}
    doc |= {"started_at": at.isoformat(), "status": "running"}
    found = _run(data, a)
    if found is not None:
        doc["occurrence"] = int(found[0])
    if focus_identity(doc) not in {focus_identity(d) for d in data["focus"].values()}:
        data["focus"][str(key)] = doc


def _end_session(data: Data, kind: str, a: int, b: int, c: int, at: datetime) -> None:
    keys = sorted(data["focus"], key=int)
    key = keys[a % len(keys)]
    doc = data["focus"][key]
    if doc.get("status") not in ("running", "paused"):
        return
    if kind == "pause":
        pauses = [list(p) for p in doc.get("pauses", [])]
        if pauses and pauses[-1][1] is None:
            pauses[-1][1] = at.isoformat()
            status = "running"
        else:
            pauses.append([at.isoformat(), None])
            status = "paused"
        data["focus"][key] = {**doc, "pauses": pauses, "status": status}
        return
    ended: dict[str, Any] = {"status": "logged" if kind == "log" else "discarded"}
    if kind == "log":
        ended |= {"ended_at": at.isoformat(), "minutes": b * 7}
    if NOTES[c % len(NOTES)]:
        ended["note"] = NOTES[c % len(NOTES)]
    data["focus"][key] = {**doc, **ended}


def _plan(data: Data, a: int, b: int, c: int) -> None:
    found = _run(data, a)
    if found is None or not found[1].steps:
        return
    plans = data.setdefault("plans", {})
    day = DAYS[c % 2].isoformat()
    key = _keyed(plans, "date", day)
    steps: list[str] = plans.get(key, {"steps": []})["steps"]
    ref = f"{found[0]}.{1 + b % len(found[1].steps)}"
    plans[key] = {"date": day, "steps": [*steps, ref] if ref not in steps else steps}


def _task_op(data: Data, kind: str, a: int, b: int, c: int, at: datetime) -> None:
    """A task added (its uid from the op, so both devices may add the same one), done or
    moved to another day, and planned for the day it is due."""
    tasks = data.setdefault("tasks", {})
    if kind == "task":
        uid = derived_uid(datetime(2026, 12, 1), "task", a % 3)
        if uid in {doc["uid"] for doc in tasks.values()}:
            return
        due = DAYS[b % len(DAYS)].isoformat()
        doc = {"uid": uid, "title": f"Task {a % 3}", "created_at": INSTANTS[0], "due": due}
        key = str(_next(tasks))
        tasks[key] = doc | {"first_due": due}
        plans = data.setdefault("plans", {})
        plan = _keyed(plans, "date", due)
        steps: list[str] = plans.get(plan, {"steps": []})["steps"]
        plans[plan] = {"date": due, "steps": [*steps, f"t{key}"]}
        return
    if not tasks:
        return
    key = sorted(tasks, key=int)[a % len(tasks)]
    doc = tasks[key]
    if doc.get("status", "open") != "open":
        return
    if kind == "task_done":
        tasks[key] = {**doc, "status": "done", "closed_at": at.isoformat(), "minutes": c}
    else:
        tasks[key] = {**doc, "due": DAYS[(b + 1) % len(DAYS)].isoformat()}


def _edit_process(data: Data, kind: str, a: int, b: int) -> None:
    keys = sorted(data["processes"], key=lambda k: data["processes"][k]["id"])
    key = keys[a % len(keys)]
    doc = data["processes"][key]
    if kind == "rename":
        data["processes"][key] = {**doc, "name": f"{doc['name'].split(' (')[0]} ({b % 3})"}
        return
    history = data.setdefault("process_history", {})
    history[str(_next(history))] = doc
    version = doc.get("version", 1) + 1
    extra = {"id": f"x{version}{b % 3}", "title": f"Extra {b % 3}"}
    data["processes"][key] = {**doc, "version": version, "steps": [*doc["steps"], extra]}


KINDS = [
    "done",
    "done",
    "done",
    "skip",
    "snooze",
    "miss",
    "keep",
    "skip_run",
    "new_run",
    "manual_run",
    "focus",
    "log",
    "discard",
    "pause",
    "review",
    "plan",
    "bump",
    "rename",
    "role",
    "task",
    "task",
    "task_done",
    "task_move",
]
OPS = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 9), st.integers(0, 9), st.integers(0, 9)),
    max_size=14,
)


def device(ops: list[tuple[str, int, int, int]]) -> Data:
    data = copy.deepcopy(base())
    for op in ops:
        apply(data, op)
    return data


def _done_steps(data: Data) -> dict[tuple[str, str], str]:
    return {
        (run_identity(run), state["step"]): state.get("at") or ""
        for run in data["occurrences"].values()
        for state in run.get("steps", [])
        if state.get("status") == "done"
    }


def _step_states(data: Data) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (run_identity(run), state["step"]): state
        for run in data["occurrences"].values()
        for state in run.get("steps", [])
    }


def _logged(data: Data) -> dict[str, int]:
    return {
        focus_identity(doc): doc.get("minutes") or 0
        for doc in data["focus"].values()
        if doc.get("status") == "logged"
    }


def check_nothing_lost(merged: Data, a: Data, b: Data) -> None:
    states, other_states = _step_states(merged), {id(a): _step_states(b), id(b): _step_states(a)}
    for side in (a, b):
        for place, at in _done_steps(side).items():
            state = states[place]
            if state.get("status") != "done":  # only a later skip on the other device wins
                theirs = other_states[id(side)][place]
                assert state == theirs and theirs.get("status") == "skipped"
                assert datetime.fromisoformat(theirs["at"]) > datetime.fromisoformat(at)
    logged = _logged(merged)
    for side in (a, b):
        for uid, minutes in _logged(side).items():
            assert logged[uid] >= minutes


def _records(data: Data) -> list[dict[str, Any]]:
    return [
        doc for table in ("processes", "process_history") for doc in data.get(table, {}).values()
    ]


def _content(doc: dict[str, Any]) -> bytes:
    return canonical({key: value for key, value in doc.items() if key != "version"})


def check_no_definition_lost(merged: Data, a: Data, b: Data) -> None:
    """Every process definition of either copy, live or past, is in the merge, live or in
    the history (a process edited on both devices at one version keeps both, one of them
    under a new version); each version of a process is one definition, and the live one is
    the newest, so the next edit takes a version not used yet."""
    kept = {_content(doc) for doc in _records(merged)}
    for side in (a, b):
        assert {_content(doc) for doc in _records(side)} <= kept
    slots: dict[tuple[str, int], set[bytes]] = {}
    for doc in _records(merged):
        slots.setdefault((doc["id"], doc.get("version", 1)), set()).add(canonical(doc))
    assert all(len(found) == 1 for found in slots.values())
    for doc in merged["processes"].values():
        past = [v for (pid, v) in slots if pid == doc["id"]]
        assert doc.get("version", 1) == max(past)


def check_runs_keep_their_definition(merged: Data, a: Data, b: Data) -> None:
    """A run only one copy holds still finds, at the version it names, a definition with
    the steps it was made from (its definition may have moved to a new version)."""
    by_slot = {(d["id"], d.get("version", 1)): d for d in _records(merged)}
    for side, beside in ((a, b), (b, a)):
        there = {run_identity(run) for run in beside["occurrences"].values()}
        made_from = {(d["id"], d.get("version", 1)): d for d in _records(side)}
        for run in merged["occurrences"].values():
            if run_identity(run) in there:
                continue
            mine = [r for r in side["occurrences"].values() if run_identity(r) == run_identity(run)]
            if not mine:
                continue
            original = made_from[(mine[0]["process"], mine[0].get("version", 1))]
            now = by_slot[(run["process"], run.get("version", 1))]
            assert _content(now) == _content(original)


def _but_settings(form: dict[str, Any]) -> dict[str, Any]:
    """What merge(A, B) = merge(B, A) claims: all but the roles and systems both copies have
    and set differently, where the live copy's stay (so those follow the argument order)."""
    return {name: table for name, table in form.items() if name not in ("roles", "systems")}


def check_live_settings_stay(merged: Data, live: Data, other: Data) -> None:
    """Roles and systems: the live copy's as they were, and the other's it lacked."""
    for table in ("roles", "systems"):
        mine = {doc["id"]: doc for doc in live.get(table, {}).values()}
        theirs = {doc["id"]: doc for doc in other.get(table, {}).values()}
        assert {doc["id"]: doc for doc in merged.get(table, {}).values()} == theirs | mine


def check_valid(data: Data) -> None:
    check_tables(copy.deepcopy(data), strict=False, complete=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS, OPS)
# one session (same uid) on run 4 in both files, where run 4 is another run in each
@example(
    [("new_run", 0, 2, 0), ("focus", 0, 0, 0), ("focus", 3, 0, 3)],
    [("manual_run", 0, 0, 0), ("focus", 0, 0, 0), ("focus", 3, 0, 3)],
)
def test_merge_is_commutative_idempotent_and_loses_nothing(
    ops_a: list[tuple[str, int, int, int]], ops_b: list[tuple[str, int, int, int]]
) -> None:
    a, b = device(ops_a), device(ops_b)
    ab, _ = merge_tables(a, b)
    ba, _ = merge_tables(b, a)
    assert _but_settings(canonical_form(ab)) == _but_settings(canonical_form(ba))
    check_live_settings_stay(ab, a, b)
    check_live_settings_stay(ba, b, a)
    again, report = merge_tables(ab, b)
    assert again == ab
    assert not report.changed
    again_a, _ = merge_tables(ab, a)
    assert canonical_form(again_a) == canonical_form(ab)
    check_nothing_lost(ab, a, b)
    check_no_definition_lost(ab, a, b)
    check_no_definition_lost(ba, b, a)
    check_runs_keep_their_definition(ab, a, b)
    check_runs_keep_their_definition(ba, b, a)
    check_valid(ab)
    check_valid(ba)


@settings(max_examples=100, deadline=None)
@given(OPS)
def test_a_copy_merged_into_itself_changes_nothing(ops: list[tuple[str, int, int, int]]) -> None:
    a = device(ops)
    merged, report = merge_tables(a, copy.deepcopy(a))
    assert canonical_form(merged) == canonical_form(a)
    assert not report.changed


def _essentials(data: Data) -> tuple[Any, ...]:
    """What must agree however many copies merge in whatever order: each step's state and
    each focus session (its note aside: notes are joined as texts, by twos)."""
    sessions = {  # in the form a merge writes (a session of 0 minutes has none)
        focus_identity(doc): drop_empty(
            {k: v for k, v in doc.items() if k not in ("id", "note", "occurrence")}
        )
        for doc in data["focus"].values()
    }
    return (_step_states(data), sessions)


@settings(max_examples=100, deadline=None)
@given(OPS, OPS, OPS)
# one run in two copies made from two definitions of one version (edited on both devices)
@example(
    [],
    [("manual_run", 0, 0, 0), ("rename", 0, 0, 0)],
    [("bump", 0, 0, 0), ("manual_run", 0, 0, 0)],
)
def test_three_devices_in_any_order(
    ops_a: list[tuple[str, int, int, int]],
    ops_b: list[tuple[str, int, int, int]],
    ops_c: list[tuple[str, int, int, int]],
) -> None:
    a, b, c = device(ops_a), device(ops_b), device(ops_c)
    first = merge_tables(merge_tables(a, b)[0], c)[0]
    second = merge_tables(merge_tables(c, a)[0], b)[0]
    third = merge_tables(a, merge_tables(b, c)[0])[0]
    assert _essentials(first) == _essentials(second) == _essentials(third)
