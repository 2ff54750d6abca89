"""Merging another copy of the data file into the live one: `cockpit merge FILE`.

Records are matched by identity (`identity`), never by their per-file numbers, and two
copies of one record are merged by the rules of `merge`. What the other copy holds and
the live one does not comes in:

- runs and focus sessions get the live file's next free numbers (in order of date, then
  identity); a session's run and a plan's refs ("412.2": run number, 1-based step
  position) are translated through identities and step ids, on both sides, since a
  merged run may order its steps by the other copy's newer process version;
- process definitions (`merge_definitions`): the newer live one stays, the other goes to
  the process history; two different definitions of one version (both devices edited
  it) are both kept, the other under a new version of its own, and the runs made from it
  follow it there; the report names the process either way, for the owner to look over;
- roles and systems by id: one the live file lacks comes in; one both have and that
  differs stays as the live file has it, and the report names the difference (a role's
  budget, blocks and colour are the owner's setting on this device, not news);
- reviews by week, plans by date, tasks by their ULID (a closed task beats an open one);
- runs and sessions the live file already moved to its archive files stay out.

Apart from roles and systems that differ (the live ones stay), the result does not depend
on which copy is the live one (up to the per-file numbers, see `canonical_form`), and
merging the same copy twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from cockpit.store.identity import focus_identity, run_identity
from cockpit.store.merge import (
    canonical,
    merge_focus,
    merge_meta,
    merge_review,
    merge_run,
    merge_task,
)
from cockpit.store.merge_definitions import (
    LIVE,
    OTHER,
    Clash,
    DefinitionPlan,
    apply_definitions,
    plan_definitions,
)
from cockpit.store.merge_plans import merge_pins, merge_plans, next_key, pin_keys, plan_keys

Data = dict[str, dict[str, Any]]
Doc = dict[str, Any]


@dataclass
class MergeReport:
    """What came in from the other copy."""

    runs_added: int = 0
    runs_changed: int = 0
    steps_done: int = 0  # steps done now that were not done in the live file
    steps_skipped: int = 0
    focus_added: int = 0
    focus_changed: int = 0
    focus_minutes: int = 0  # logged focus minutes the live file did not have
    reviews: list[str] = field(default_factory=list)  # weeks
    tasks: list[str] = field(default_factory=list)  # titles, added or changed
    plans: list[str] = field(default_factory=list)  # dates
    processes: list[str] = field(default_factory=list)  # names, added or newer
    roles: list[str] = field(default_factory=list)
    systems: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)  # processes edited on both: names
    clashes: list[Clash] = field(default_factory=list)  # the same, with whose definition stays
    kept_live: list[str] = field(default_factory=list)  # roles, systems that differ: live kept
    archived: int = 0  # already in the live file's archives: left out

    @property
    def changed(self) -> bool:
        return any(
            (
                self.runs_added,
                self.runs_changed,
                self.focus_added,
                self.focus_changed,
                self.reviews,
                self.tasks,
                self.plans,
                self.processes,
                self.differing,
                self.roles,
                self.systems,
            )
        )


def merge_tables(
    live: Data,
    other: Data,
    *,
    archived_runs: Collection[str] = (),
    archived_sessions: Collection[str] = (),
) -> tuple[Data, MergeReport]:
    """`other` merged into `live` (neither is changed); see the module's docstring."""
    plan = plan_definitions(live, other)
    live, other = (
        _repointed(live, plan.moved[LIVE]),
        _repointed(other, plan.moved[OTHER]),
    )
    result: Data = {name: dict(table) for name, table in live.items()}
    report = MergeReport()
    live_plans = {k: plan_keys(doc, live) for k, doc in live.get("plans", {}).items()}
    other_plans = [(doc, plan_keys(doc, other)) for doc in other.get("plans", {}).values()]
    live_pins = {doc["date"]: pin_keys(doc, live) for doc in live.get("plans", {}).values()}
    for doc in other.get("plans", {}).values():  # the live file's pin of a step wins
        live_pins[doc["date"]] = {**pin_keys(doc, other), **live_pins.get(doc["date"], {})}
    _merge_runs(result, other, report, set(archived_runs))
    _merge_sessions(result, live, other, report, set(archived_sessions))
    for _, doc in _keyed(result, other, "tasks", "uid", merge_task):  # before the plans
        report.tasks.append(doc["title"])
    merge_plans(result, live_plans, other_plans, report.plans)
    merge_pins(result, live_pins)
    _merge_definitions(result, other, plan, report)
    for _, doc in _keyed(result, other, "reviews", "week", merge_review):
        report.reviews.append(doc["week"])
    meta = merge_meta(live.get("meta", {}).get("1", {}), other.get("meta", {}).get("1", {}))
    meta["next_no"] = max(meta.get("next_no", 1), next_key(result.get("occurrences", {})))
    meta["next_focus"] = max(meta.get("next_focus", 1), next_key(result.get("focus", {})))
    result.setdefault("meta", {})["1"] = meta
    for name in [name for name, table in result.items() if not table and name not in live]:
        del result[name]  # a table neither copy filled: not a change
    return result, report


def _repointed(data: Data, moved: dict[tuple[str, int], int]) -> Data:
    """`data` with its runs made from a definition that got a new version pointing at that
    version (`merge_definitions`): also a run both copies hold, each made from its own
    definition of one version (both devices edited the process, then made the run); the
    run merged then names one definition, the one its steps come from."""
    if not moved:
        return data
    runs = dict(data.get("occurrences", {}))
    for key, doc in runs.items():
        new = moved.get((doc["process"], int(doc.get("version", 1))))
        if new is not None:
            runs[key] = {**doc, "version": new}
    return {**data, "occurrences": runs}


def _without(doc: Doc, name: str) -> Doc:
    return {key: value for key, value in doc.items() if key != name}


def _steps(doc: Doc, status: str) -> set[str]:
    return {s["step"] for s in doc.get("steps", []) if s.get("status") == status}


# -- runs and focus sessions ---------------------------------------------------------------


def _merge_runs(result: Data, other: Data, report: MergeReport, archived: set[str]) -> None:
    runs = result.setdefault("occurrences", {})
    by_identity = {run_identity(doc): key for key, doc in runs.items()}
    incoming = sorted(other.get("occurrences", {}).values(), key=_run_order)
    for doc in incoming:
        identity = run_identity(doc)
        key = by_identity.get(identity)
        if key is None and identity in archived:
            report.archived += 1
            continue
        if key is None:
            key = str(next_key(runs))
            merged = merge_run(_without(doc, "no"), _without(doc, "no"))
            runs[key] = {**merged, "no": int(key)}
            by_identity[identity] = key
            report.runs_added += 1
            report.steps_done += len(_steps(merged, "done"))
            report.steps_skipped += len(_steps(merged, "skipped"))
            continue
        if runs[key] == doc or _without(runs[key], "no") == _without(doc, "no"):
            continue  # the same run in both (most of them): nothing to merge
        mine = _without(runs[key], "no")
        merged = merge_run(mine, _without(doc, "no"))
        if merged != merge_run(mine, mine):
            runs[key] = {**merged, "no": int(key)}
            report.runs_changed += 1
            report.steps_done += len(_steps(merged, "done") - _steps(mine, "done"))
            report.steps_skipped += len(_steps(merged, "skipped") - _steps(mine, "skipped"))


def _run_order(doc: Doc) -> tuple[str, str]:
    return (str(doc["date"]), run_identity(doc))


def _run_identities(data: Data) -> dict[int, str]:
    return {int(doc["no"]): run_identity(doc) for doc in data.get("occurrences", {}).values()}


def _session_canon(doc: Doc, identities: dict[int, str]) -> Doc:
    """A session as both files can agree on it: no id, its run by identity."""
    canon = _without(doc, "id")
    run = doc.get("occurrence")
    if run is not None and int(run) in identities:
        canon["occurrence"] = identities[int(run)]
    return canon


def _session_doc(canon: Doc, numbers: dict[str, int], key: str) -> Doc:
    run = canon.get("occurrence")
    doc = {**canon, "id": int(key)}
    if isinstance(run, str):
        if run in numbers:
            doc["occurrence"] = numbers[run]
        else:  # its run is not in the file (archived): the session stays, on no run
            doc.pop("occurrence")
    return doc


def _same_run(doc: Doc, live_ids: dict[int, str], other_ids: dict[int, str]) -> bool:
    """The run a session names by its number is the same run in both copies (numbers are
    per file: the same number may name another run in the other)."""
    run = doc.get("occurrence")
    return run is None or live_ids.get(int(run)) == other_ids.get(int(run))


def _logged(doc: Doc | None) -> int:
    if doc is None or doc.get("status") != "logged":
        return 0
    return int(doc.get("minutes") or 0)


def _merge_sessions(
    result: Data, live: Data, other: Data, report: MergeReport, archived: set[str]
) -> None:
    sessions = result.setdefault("focus", {})
    live_ids, other_ids = _run_identities(live), _run_identities(other)
    numbers = {identity: no for no, identity in _run_identities(result).items()}
    by_identity = {focus_identity(doc): key for key, doc in sessions.items()}
    incoming = sorted(
        other.get("focus", {}).values(), key=lambda d: (d["started_at"], focus_identity(d))
    )
    for doc in incoming:
        identity = focus_identity(doc)
        key = by_identity.get(identity)
        if key is None and identity in archived:
            report.archived += 1
            continue
        if key is not None and sessions[key] == doc and _same_run(doc, live_ids, other_ids):
            continue  # the same session, even its numbers (on the same run): nothing to merge
        theirs = _session_canon(doc, other_ids)
        if key is None:
            key = str(next_key(sessions))
            sessions[key] = _session_doc(merge_focus(theirs, theirs), numbers, key)
            by_identity[identity] = key
            report.focus_added += 1
            report.focus_minutes += _logged(theirs)
            continue
        mine = _session_canon(sessions[key], live_ids)
        merged = merge_focus(mine, theirs)
        if merged != merge_focus(mine, mine):
            sessions[key] = _session_doc(merged, numbers, key)
            report.focus_changed += 1
            report.focus_minutes += max(0, _logged(merged) - _logged(mine))


# -- plans -----------------------------------------------------------------------------------


# -- definitions and reviews -----------------------------------------------------------------


def _keyed(
    result: Data, other: Data, table: str, by: str, merge: Callable[[Doc, Doc], Doc]
) -> list[tuple[str, Doc]]:
    """Records keyed by a field of their own, merged by `merge`; those that changed."""
    docs = result.setdefault(table, {})
    index = {doc[by]: key for key, doc in docs.items()}
    changed = []
    for doc in sorted(other.get(table, {}).values(), key=lambda d: str(d[by])):
        key = index.get(doc[by])
        if key is None:
            key = index[doc[by]] = str(next_key(docs))
            docs[key] = merge(doc, doc)
        else:
            merged = merge(docs[key], doc)
            if merged == merge(docs[key], docs[key]):
                continue
            docs[key] = merged
        changed.append((key, docs[key]))
    return changed


def _merge_definitions(
    result: Data, other: Data, plan: DefinitionPlan, report: MergeReport
) -> None:
    for table, names in (("roles", report.roles), ("systems", report.systems)):
        docs = result.setdefault(table, {})
        by_id = {doc["id"]: doc for doc in docs.values()}
        for doc in sorted(other.get(table, {}).values(), key=lambda d: str(d["id"])):
            mine = by_id.get(doc["id"])
            if mine is None:
                docs[str(next_key(docs))] = by_id[doc["id"]] = doc
                names.append(str(doc.get("name", doc["id"])))
            elif mine != doc:
                what = "role" if table == "roles" else "system"
                name, fields = mine.get("name", mine["id"]), _differing_fields(mine, doc)
                report.kept_live.append(f'{what} "{name}" (its {", ".join(fields)})')
    apply_definitions(result, plan)
    report.processes += plan.added + plan.newer
    report.differing += [clash.name for clash in plan.clashes]
    report.clashes += plan.clashes


FIELD_WORDS = {"budget_minutes": "budget", "kpis": "KPIs"}


def _differing_fields(mine: Doc, theirs: Doc) -> list[str]:
    """The fields in which a role or system differs between the copies, in words."""
    names = sorted(key for key in mine.keys() | theirs.keys() if mine.get(key) != theirs.get(key))
    return [FIELD_WORDS.get(name, name) for name in names]


# -- comparing merged files ------------------------------------------------------------------


def canonical_form(data: Data) -> dict[str, Any]:
    """The data keyed by identities, without per-file numbers, each run and session in the
    form a merge writes: two files that hold the same business compare equal (the counters,
    which only need to stay ahead, are left out)."""
    identities = _run_identities(data)
    runs = {}
    for doc in data.get("occurrences", {}).values():
        run = _without(doc, "no")
        runs[run_identity(doc)] = merge_run(run, run)  # in the form a merge writes
    sessions = {}
    for doc in data.get("focus", {}).values():
        session = _session_canon(doc, identities)
        sessions[focus_identity(doc)] = merge_focus(session, session)
    plans = {doc["date"]: plan_keys(doc, data) for doc in data.get("plans", {}).values()}
    form: dict[str, Any] = {"occurrences": runs, "focus": sessions, "plans": plans}
    for table, by in (("roles", "id"), ("systems", "id"), ("processes", "id"), ("reviews", "week")):
        form[table] = {doc[by]: doc for doc in data.get(table, {}).values()}
    form["tasks"] = {doc["uid"]: doc for doc in data.get("tasks", {}).values()}
    form["process_history"] = sorted(  # a record a merge could not remove may repeat one
        {canonical(doc) for doc in data.get("process_history", {}).values()}
    )
    meta = dict(data.get("meta", {}).get("1", {}))
    meta.pop("next_no", None)
    meta.pop("next_focus", None)
    meta.pop("next_task", None)
    form["meta"] = meta
    return form
