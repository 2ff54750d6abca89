"""One check for every document Cockpit reads: the data file on open, and every import.

`check_tables` runs after the types (`schema`) and before anything is used or
written. It checks each record of the small tables against its Struct (no unknown
field, every type right) and builds its entity, so the domain's own rules apply
(names, safe ids, schedules re-parsed by the phrase parser, at most 100 steps);
then what no single record can say: ids used once, references resolved (a
process's role and system, a run's process version, a focus session's role and
run), dates and instants in their one form between 2000 and 2100, at most 500
processes. The runs and focus sessions, tens of thousands of them, are checked in
one pass over the dicts; only when that pass finds something wrong are they gone
through one by one, to name the first bad record and field.

Every error is a DocumentError whose message names the place, the way a person
would look for it in the file: `processes["manage-the-blog"].schedule.rule:
unknown frequency BOGUS`.

`strict` is for imports: a step due after its run is closed as missed is refused
there (`check_step_offsets`), while the data file is opened with such a step shown
(`codec.process_from`). `complete` says the document holds the whole history (an
export does; the data file keeps old years in archive files), so a focus session's
run must be found in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import msgspec

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import check_step_offsets
from cockpit.store import codec
from cockpit.store.dates import all_days, all_instants, day_problem, instant_problem
from cockpit.store.migrations import CURRENT_SCHEMA
from cockpit.store.schema import MAX_PROCESSES, RECORDS, Count, MetaRecord
from cockpit.store.schema_errors import FieldError, place, plain, quoted, split

Data = dict[str, dict[str, Any]]
META, META_ID = "meta", "1"
_NO, _ID = itemgetter("no"), itemgetter("id")


class DocumentError(ValidationError):
    """A document that cannot be used, with the place of the problem in it."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


@dataclass
class Checked:
    """What checking found, for the store to keep so nothing is read twice: each small
    table's decoded records by key, with the document they came from; the documents of
    the open runs; the day each process's latest closed run was closed."""

    decoded: dict[str, dict[str, tuple[dict[str, Any], Any]]] = field(default_factory=dict)
    open_runs: list[dict[str, Any]] | None = field(default_factory=list)  # None: not looked at
    last_closed: dict[str, str] = field(default_factory=dict)
    last_run: int = 0  # the highest run number in the document
    last_session: int = 0


def schema_version(data: Data) -> int:
    """The schema version the data says it has: 0 before there were versions, the current
    one for a file with nothing in it yet. Read before the rest is checked (a newer file may
    hold fields this Cockpit does not know), but typed: "schema": "one" is refused."""
    meta = data.get(META, {}).get(META_ID)
    if meta is None:
        return 0 if any(data.get(name) for name in data if name != "_default") else CURRENT_SCHEMA
    if not isinstance(meta, dict):
        _record(META, META_ID, meta, MetaRecord)  # refused, with the place and the words
    try:
        version: int = msgspec.convert(meta.get("schema", 0), Count)
    except msgspec.ValidationError as error:
        segments, problem = split(error)
        _, problem = plain(problem, segments, Count)
        raise DocumentError(place(META, quoted(META_ID), "schema"), problem) from None
    return version


def settle_counters(data: Data, checked: Checked) -> None:
    """Raise the meta counters above every run and session number in use (in memory): a new
    run must never take the number of one already there."""
    meta = data.setdefault(META, {}).setdefault(META_ID, {"schema": CURRENT_SCHEMA})
    if checked.open_runs is None:
        return  # the runs were not looked at: the counters Cockpit wrote with them stand
    meta["next_no"] = max(meta.get("next_no", 1), checked.last_run + 1)
    meta["next_focus"] = max(meta.get("next_focus", 1), checked.last_session + 1)


def check_tables(data: Data, *, strict: bool, complete: bool, runs_known: bool = False) -> Checked:
    """Check a whole document (see the module's docstring); raises DocumentError.

    `runs_known`: the runs, sessions and tasks are bytes Cockpit checked or wrote before (see
    `stamp`); their types were checked while parsing, their values are not looked at again.
    """
    checked = Checked()
    for name, kind in RECORDS.items():
        if name == "tasks" and runs_known:
            continue  # checked with the runs when the stamp vouches for them (below)
        for key, doc in data.get(name, {}).items():
            _record(name, key, doc, kind)
    roles = _decode(checked, data, "roles", codec.role_from)
    systems = _decode(checked, data, "systems", codec.system_from)
    processes = _decode(checked, data, "processes", codec.process_from)
    history = _decode(checked, data, "process_history", codec.process_from)
    _decode(checked, data, "reviews", codec.review_from)
    # thousands of tasks, mostly closed for good: checked one by one only when the file is not
    # the bytes Cockpit last checked or wrote (the stamp), as the runs are; else decoded lazily
    tasks = {} if runs_known else _decode_tasks(checked, data)
    _unique(data, "roles", "id", "role")
    _unique(data, "systems", "id", "system")
    _unique(data, "processes", "id", "process")
    _unique(data, "reviews", "week", "review of the week")
    _unique(data, "plans", "date", "plan of the day")
    if not runs_known:
        _unique(data, "tasks", "uid", "task")
    if len(processes) > MAX_PROCESSES:
        raise DocumentError(
            "processes", f"{len(processes)} processes; Cockpit holds at most {MAX_PROCESSES}"
        )
    role_ids, system_ids = {r.id for r in roles.values()}, {s.id for s in systems.values()}
    for key, process in processes.items():
        where = _where(data, "processes", key)
        if process.role not in role_ids:
            raise DocumentError(
                place(where, "role"), f'process "{process.name}" has unknown role {process.role!r}'
            )
        if process.system is not None and process.system not in system_ids:
            raise DocumentError(
                place(where, "system"),
                f'process "{process.name}" has unknown system {process.system!r}',
            )
        if strict:
            try:
                check_step_offsets(codec.process_from(data["processes"][key], shown=False))
            except ValidationError as error:
                raise DocumentError(place(where, "steps"), str(error)) from None
    for key, task in tasks.items():
        where = place("tasks", quoted(key))
        if task.role_id is not None and task.role_id not in role_ids:
            raise DocumentError(
                place(where, "role"), f"task {key} has unknown role {task.role_id!r}"
            )
        if task.system_id is not None and task.system_id not in system_ids:
            raise DocumentError(
                place(where, "system"), f"task {key} has unknown system {task.system_id!r}"
            )
    versions = {(p.id, p.version) for p in (*processes.values(), *history.values())}
    _check_plans(data)
    _check_meta(data)
    if runs_known:
        checked.open_runs = None
        return checked
    runs = data.get("occurrences", {})
    _check_runs(runs, versions, checked)
    in_file = {0, *map(int, runs)} if complete else None  # 0: a session on no run
    _check_sessions(data.get("focus", {}), role_ids, in_file, checked)
    _check_session_tasks(data)
    return checked


def _check_session_tasks(data: Data) -> None:
    """A focus session on a task names a task of the file (tasks are never archived)."""
    uids = {doc.get("uid") for doc in data.get("tasks", {}).values()}
    for key, doc in data.get("focus", {}).items():
        if doc.get("task") and doc["task"] not in uids:
            problem = f"focus session {key} is on task {doc['task']!r}, not in the file"
            raise DocumentError(place("focus", quoted(key), "task"), problem)


def check_history(data: Data) -> None:
    """Check the runs and sessions of an archive file: their values, as in `check_tables`;
    what they refer to lives in the data file, so references are not looked up."""
    _check_runs(data.get("occurrences", {}), None, Checked())
    _check_sessions(data.get("focus", {}), None, None, Checked())


# -- the small tables -----------------------------------------------------------------------


def _record(table: str, key: str, doc: Any, kind: type[Any]) -> Any:
    """One record converted to its Struct: every field typed, none unknown."""
    try:
        return msgspec.convert(doc, kind)
    except msgspec.ValidationError as error:
        segments, problem = split(error)
        segments, problem = plain(problem, segments, kind)
        raise DocumentError(place(table, _label(table, key, doc), *segments), problem) from None


def _decode(
    checked: Checked, data: Data, table: str, build: Callable[[dict[str, Any]], Any]
) -> dict[str, Any]:
    """Every record of a small table as its entity; a refusal names the record and field."""
    found: dict[str, tuple[dict[str, Any], Any]] = {}
    for key, doc in data.get(table, {}).items():
        try:
            found[key] = (doc, build(doc))
        except FieldError as error:
            where = place(table, _label(table, key, doc), *error.path)
            raise DocumentError(where, error.problem) from None
    checked.decoded[table] = found
    return {key: entity for key, (_, entity) in found.items()}


def _decode_tasks(checked: Checked, data: Data) -> dict[str, Any]:
    """The tasks, each as its entity (numbered by its key); a refusal names task and field."""
    from cockpit.store.task_codec import task_from

    found: dict[str, tuple[dict[str, Any], Any]] = {}
    for key, doc in data.get("tasks", {}).items():
        try:
            found[key] = (doc, task_from(key, doc))
        except FieldError as error:
            raise DocumentError(place("tasks", quoted(key), *error.path), error.problem) from None
    checked.decoded["tasks"] = found
    return {key: entity for key, (_, entity) in found.items()}


def _label(table: str, key: str, doc: Any) -> str:
    """How a record is named in a place: a process by its id, a run by its number."""
    if isinstance(doc, dict):
        if table in ("processes", "roles", "systems") and isinstance(doc.get("id"), str):
            return quoted(doc["id"])
        if table == "process_history" and isinstance(doc.get("id"), str):
            return quoted(f"{doc['id']} v{doc.get('version', 1)}")
    return quoted(key)


def _where(data: Data, table: str, key: str) -> str:
    return place(table, _label(table, key, data[table][key]))


def _unique(data: Data, table: str, key_field: str, what: str) -> None:
    seen: set[Any] = set()
    for key, doc in data.get(table, {}).items():
        value = doc[key_field]
        if value in seen:
            where = place(table, _label(table, key, doc), key_field)
            raise DocumentError(where, f"a second {what} {value!r}: each must be there once")
        seen.add(value)


def _check_plans(data: Data) -> None:
    for key, doc in data.get("plans", {}).items():
        if problem := day_problem(doc["date"]):
            raise DocumentError(place("plans", quoted(key), "date"), problem)


def _check_meta(data: Data) -> None:
    meta = data.get(META, {}).get(META_ID)
    if meta is None:
        return
    where = place(META, quoted(META_ID))
    for name in ("horizons", "last_closed"):
        for process, text in meta.get(name, {}).items():
            if problem := day_problem(text):
                raise DocumentError(place(where, name, quoted(process)), problem)
    if (before := meta.get("archived_before")) is not None and (problem := day_problem(before)):
        raise DocumentError(place(where, "archived_before"), problem)


# -- runs and focus sessions: one pass, then one by one to name a problem --------------------


def _check_runs(
    runs: dict[str, dict[str, Any]], versions: set[tuple[str, int]] | None, checked: Checked
) -> None:
    """Every run, in one pass that also finds what the store indexes: the open runs and
    the day each process was last closed."""
    days: set[str] = set()
    instants: list[str] = []
    remember, keep = days.add, instants.append
    open_runs, last_closed = checked.open_runs, checked.last_closed
    assert open_runs is not None
    numbers = list(map(_NO, runs.values()))
    checked.last_run = max(numbers, default=0)
    fine = list(runs) == list(map(str, numbers))
    for doc in runs.values() if fine else ():
        process = doc["process"]
        if versions is not None and (process, doc.get("version", 1)) not in versions:
            fine = False
            break
        remember(doc["date"])
        if doc.get("status", "open") == "open":
            open_runs.append(doc)
        elif (closed_on := doc.get("closed_on")) is not None:
            remember(closed_on)
            if closed_on > last_closed.get(process, ""):
                last_closed[process] = closed_on
        if (closed_at := doc.get("closed_at")) is not None:
            keep(closed_at)
        for state in doc.get("steps", ()):
            if (at := state.get("at")) is not None:
                keep(at)
            if (snoozed := state.get("snoozed_to")) is not None:
                remember(snoozed)
    if fine and all_days(days) and all_instants(instants):
        return
    for key, doc in runs.items():
        for where, problem in _run_problems(key, doc, versions):
            raise DocumentError(place("occurrences", quoted(key), *where), problem)
    raise AssertionError("a run failed the quick check but none on its own")  # pragma: no cover


def _run_problems(
    key: str, doc: dict[str, Any], versions: set[tuple[str, int]] | None
) -> Iterator[tuple[list[str | int], str]]:
    if str(doc["no"]) != key:
        yield ["no"], f"the record {key} says it is run number {doc['no']}"
    version = doc.get("version", 1)
    if versions is not None and (doc["process"], version) not in versions:
        yield (
            ["process"],
            f"occurrence {doc['no']} refers to process {doc['process']!r} version {version}, "
            "which is not there",
        )
    yield from _dated(doc, ("date", "closed_on"), ("closed_at",))
    for index, state in enumerate(doc.get("steps", ())):
        for where, problem in _dated(state, ("snoozed_to",), ("at",)):
            yield ["steps", index, *where], problem


def _check_sessions(
    sessions: dict[str, dict[str, Any]],
    roles: set[str] | None,
    runs: set[int] | None,
    checked: Checked,
) -> None:
    instants: list[str] = []
    keep = instants.append
    numbers = list(map(_ID, sessions.values()))
    checked.last_session = max(numbers, default=0)
    fine = list(sessions) == list(map(str, numbers))
    for doc in sessions.values() if fine else ():
        if (
            (roles is not None and doc["role"] not in roles)
            or (doc.get("planned_seconds") is None and doc["kind"] != "stopwatch")
            or (runs is not None and (doc.get("occurrence") or 0) not in runs)
        ):
            fine = False
            break
        keep(doc["started_at"])
        if (ended := doc.get("ended_at")) is not None:
            keep(ended)
        if (rest := doc.get("break_ends")) is not None:
            keep(rest)
        for start, end in doc.get("pauses", ()):
            if start is None:
                fine = False
                break
            keep(start)
            if end is not None:
                keep(end)
    if fine and all_instants(instants):
        return
    for key, doc in sessions.items():
        for where, problem in _session_problems(key, doc, roles, runs):
            raise DocumentError(place("focus", quoted(key), *where), problem)
    raise AssertionError("a session failed the quick check but none on its own")  # pragma: no cover


def _session_problems(
    key: str, doc: dict[str, Any], roles: set[str] | None, runs: set[int] | None
) -> Iterator[tuple[list[str | int], str]]:
    if str(doc["id"]) != key:
        yield ["id"], f"the record {key} says it is session {doc['id']}"
    if roles is not None and doc["role"] not in roles:
        yield ["role"], f"focus session {doc['id']} has unknown role {doc['role']!r}"
    if doc.get("planned_seconds") is None and doc["kind"] != "stopwatch":
        yield ["planned_seconds"], f"a {doc['kind']} session needs a length"
    if runs is not None and (doc.get("occurrence") or 0) not in runs:
        run = doc["occurrence"]
        yield ["occurrence"], f"focus session {doc['id']} refers to run {run}, which is not there"
    yield from _dated(doc, (), ("started_at", "ended_at", "break_ends"))
    for index, (start, end) in enumerate(doc.get("pauses", ())):
        if start is None:
            yield ["pauses", index, 0], "a pause needs the instant it started"
        for position, text in enumerate((start, end)):
            if text is not None and (problem := instant_problem(text)):
                yield ["pauses", index, position], problem


def _dated(
    doc: dict[str, Any], days: tuple[str, ...], instants: tuple[str, ...]
) -> Iterator[tuple[list[str | int], str]]:
    for name in days:
        if (text := doc.get(name)) is not None and (problem := day_problem(text)):
            yield [name], problem
    for name in instants:
        if (text := doc.get(name)) is not None and (problem := instant_problem(text)):
            yield [name], problem
