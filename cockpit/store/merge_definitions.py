"""Merging process definitions, live and past, from two copies of the data file.

A process's versions are slots: runs name the version they were made from, and the app
finds a run's steps by (process id, version). Two devices that both edited version N made
two different definitions of one slot. None is dropped:

- the live definition is the newer of the two copies' live ones; at one version, the one
  with the greater canonical bytes (process records carry no time of their edit, so a
  fixed order keeps the merge commutative);
- every slot keeps one definition: the live one's slot keeps it, any other slot the one
  with the greater canonical bytes; every other definition of that slot goes to the
  history under a new version above all the process's versions (unless the same
  definition is kept at another version already: that one is its place);
- when a definition got a new version, the live one moves above it too (its own slot
  stays in the history for its runs): the next edit, `version + 1`, cannot take a
  version already used;
- a run made from a definition that moved follows it to its new version (`moved`), so its
  steps keep their titles, order and due dates (a run both copies made, each from its own
  definition of one version, is then two versions of one run, merged as such).

Apart from the new numbers this is the union of both copies' definitions; the result does
not depend on which copy is the live one, and merging a copy twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cockpit.store.merge import canonical

Data = dict[str, dict[str, Any]]
Doc = dict[str, Any]
LIVE, OTHER = "live", "other"


@dataclass
class Clash:
    """A process edited on both devices: the definition kept live, and whose it was."""

    name: str
    kept: str  # LIVE (this device's) or OTHER (the copy's)
    version: int  # the live definition's version now
    saved: list[int]  # the new versions of the other definitions, in the history


@dataclass
class DefinitionPlan:
    """What the merged file holds of one copy's and the other's process definitions."""

    live: dict[str, Doc] = field(default_factory=dict)  # process id -> live definition
    history: dict[str, list[Doc]] = field(default_factory=dict)  # process id -> past ones
    moved: dict[str, dict[tuple[str, int], int]] = field(
        default_factory=lambda: {LIVE: {}, OTHER: {}}
    )  # side -> (process id, version) -> the version its definition has now
    added: list[str] = field(default_factory=list)  # names of processes new here
    newer: list[str] = field(default_factory=list)  # names of processes newer in the copy
    clashes: list[Clash] = field(default_factory=list)


def version(doc: Doc) -> int:
    return int(doc.get("version", 1))


def _content(doc: Doc) -> bytes:
    return canonical({key: value for key, value in doc.items() if key != "version"})


def _pick_live(mine: Doc | None, theirs: Doc | None) -> tuple[Doc, str]:
    if mine is None or theirs is None:
        return (theirs, OTHER) if mine is None else (mine, LIVE)  # type: ignore[return-value]
    if version(mine) != version(theirs):
        return (mine, LIVE) if version(mine) > version(theirs) else (theirs, OTHER)
    return (mine, LIVE) if canonical(mine) >= canonical(theirs) else (theirs, OTHER)


def _records(data: Data, pid: str) -> list[Doc]:
    return [
        doc
        for table in ("processes", "process_history")
        for doc in data.get(table, {}).values()
        if doc["id"] == pid
    ]


def plan_definitions(live: Data, other: Data) -> DefinitionPlan:
    """The definitions the merge of `other` into `live` keeps (see the module's docstring)."""
    plan = DefinitionPlan()
    lives = {side: {d["id"]: d for d in data.get("processes", {}).values()} for side, data in
             ((LIVE, live), (OTHER, other))}  # fmt: skip
    ids = {doc["id"] for data in (live, other) for table in ("processes", "process_history")
           for doc in data.get(table, {}).values()}  # fmt: skip
    for pid in sorted(ids):
        mine, theirs = lives[LIVE].get(pid), lives[OTHER].get(pid)
        held = {LIVE: _records(live, pid), OTHER: _records(other, pid)}
        if mine is None and theirs is None:  # only past definitions (a file mended by hand)
            plan.history[pid] = _slots(plan, pid, held, None)
            continue
        top, side = _pick_live(mine, theirs)
        before = max(version(doc) for docs in held.values() for doc in docs)
        past = _slots(plan, pid, held, top)
        grew = any(version(doc) > version(top) for doc in past)
        if grew:  # a definition took a new version: the live one goes above it
            top = {**top, "version": max(version(doc) for doc in past) + 1}
        plan.live[pid] = top
        plan.history[pid] = [doc for doc in past if doc != top]
        if mine is None:
            plan.added.append(str(top["name"]))
        elif theirs is not None and (grew or (mine != theirs and version(mine) == version(theirs))):
            saved = [version(doc) for doc in past if before < version(doc) < version(top)]
            plan.clashes.append(Clash(str(top["name"]), side, version(top), saved))
        elif side == OTHER and mine != theirs:
            plan.newer.append(str(top["name"]))
    return plan


def _slots(
    plan: DefinitionPlan, pid: str, held: dict[str, list[Doc]], top: Doc | None
) -> list[Doc]:
    """Every definition of the process, one a version (see the module's docstring)."""
    by_version: dict[int, dict[bytes, Doc]] = {}
    for records in held.values():
        for doc in records:
            by_version.setdefault(version(doc), {})[canonical(doc)] = doc
    kept: dict[int, Doc] = {}
    for number, docs in by_version.items():
        if top is not None and version(top) == number:
            kept[number] = top
        else:
            kept[number] = docs[max(docs)]
    placed: dict[bytes, int] = {}
    for number in sorted(kept):
        placed.setdefault(_content(kept[number]), number)
    highest = max(by_version)
    losers = sorted(
        (number, key, doc)
        for number, docs in by_version.items()
        for key, doc in docs.items()
        if doc is not kept[number]
    )
    for number, _, doc in losers:
        content = _content(doc)
        if content not in placed:
            highest += 1
            placed[content] = highest
            kept[highest] = {**doc, "version": highest}
        for side, records in held.items():
            if any(mine is doc or mine == doc for mine in records):
                plan.moved[side][(pid, number)] = placed[content]
    return [kept[number] for number in sorted(kept)]


def apply_definitions(result: Data, plan: DefinitionPlan) -> None:
    """The planned definitions put in place: a record that stays keeps its key, one that
    changed is written over, the rest are added (a merge never removes a record: one left
    over keeps a copy of another, which changes nothing)."""
    processes = result.setdefault("processes", {})
    keys = {doc["id"]: key for key, doc in processes.items()}
    for pid, doc in plan.live.items():
        key = keys.get(pid) or _next_key(processes)
        if processes.get(key) != doc:
            processes[key] = doc
    history = result.setdefault("process_history", {})
    held: dict[str, list[str]] = {}
    for key in sorted(history, key=_key_order):
        held.setdefault(history[key]["id"], []).append(key)
    for pid, docs in plan.history.items():
        mine = held.get(pid, [])
        wanted = [doc for doc in docs if not any(history[key] == doc for key in mine)]
        spare = [key for key in mine if history[key] not in docs]
        for key in spare:
            if wanted or docs:
                history[key] = wanted.pop(0) if wanted else docs[0]
        for doc in wanted:
            history[_next_key(history)] = doc


def _key_order(key: str) -> tuple[int, str]:
    return (int(key) if key.isdigit() else 0, key)


def _next_key(table: dict[str, Any]) -> str:
    return str(max((int(key) for key in table if key.isdigit()), default=0) + 1)
