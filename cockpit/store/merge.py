"""Merging two copies of one record: the rules of `cockpit merge` and of the pre-write check.

Two devices that changed copies of the data file each hold part of the truth. Every rule
here is commutative (`merge_x(a, b) == merge_x(b, a)`) and idempotent
(`merge_x(merge_x(a, b), b) == merge_x(a, b)`), so merging in any order, or twice, comes
out the same. Ties are broken by the records' canonical bytes, never by argument order.

Runs (`merge_run`), step by step (by step id):
- a closed step (done or skipped) beats an open one;
- between closed states the later instant (`at`) wins, done or skipped, and done wins a
  tie: the owner's last word on the step (two dones: the later, with its minutes);
- two open steps: the later `snoozed_to`.
The steps are those of the copy made from the newer process version (their order), then
the other copy's closed steps that version lacks: no done step is lost. The run's status:
- a run done or skipped on a copy stays closed, with the latest closing of the copies
  (status, closed_at, closed_on, reason; done wins a tie): a copy that was behind never
  reopens it;
- else, all steps closed between the two copies closes it as the domain does: done if
  any step is done, else skipped (closed at the last step's instant);
- else a run a copy found missed stays missed (the day went by; done steps are kept in
  it), unless the other copy, still open, chose to keep it; else it is open.

Focus sessions (`merge_focus`): an ended session (logged or discarded) beats a running
or paused one; between ended ones logged beats discarded, then the larger minutes; between
running ones the one with more pause events (it is further along). Notes are merged as
texts (`merge_text`). No logged focus minute is lost.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import orjson

Doc = dict[str, Any]
T = TypeVar("T", bound=Hashable)

NOTE_JOIN = "\n\n"
ENDED = {"logged": 3, "discarded": 2}


def canonical(doc: Any) -> bytes:
    """A record's bytes in one form whatever its keys' order: the last tie-break."""
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)


def drop_empty(doc: Doc) -> Doc:
    """As the store writes records: no None, "", [], {} or False fields."""
    return {key: value for key, value in doc.items() if value not in (None, "", [], {}, False)}


def instant_key(text: str | None) -> tuple[int, float, str]:
    """An ISO instant for comparing (None comes first; text that is no instant after)."""
    if text is None:
        return (0, 0.0, "")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return (2, 0.0, text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (1, moment.timestamp(), text)


# -- texts and lists --------------------------------------------------------------------------


def merge_text(a: str, b: str) -> str:
    """One text holding both: the longer if it contains the other, else both in a fixed order."""
    if a in b:
        return b
    if b in a:
        return a
    first, second = sorted((a, b))
    return f"{first}{NOTE_JOIN}{second}"


def merge_plan(a_steps: Sequence[T], b_steps: Sequence[T]) -> list[T]:
    """A day's plan from two copies (refs already in one file's numbers): the longer list
    (then the greater) in its order, then what only the other has, in its order."""
    a, b = list(dict.fromkeys(a_steps)), list(dict.fromkeys(b_steps))
    base, other = (a, b) if _order_key(a) >= _order_key(b) else (b, a)
    have = set(base)
    return base + [item for item in other if item not in have]


def _order_key(items: list[Any]) -> tuple[int, bytes]:
    return (len(items), canonical([str(item) for item in items]))


# -- runs -------------------------------------------------------------------------------------


def _state_key(state: Doc) -> tuple[Any, ...]:
    """Which of two states of one step wins: the greater key (see the module's docstring)."""
    status = state.get("status") or "open"
    at = instant_key(state.get("at"))
    if status == "open":
        return (0, state.get("snoozed_to") or "", canonical(state))
    # a closed state beats an open one; done and skipped: the later instant, done wins a tie
    return (1, at, 1 if status == "done" else 0, canonical(state))


def merge_step(a: Doc, b: Doc) -> Doc:
    """Two states of one step (same step id): the greater by `_state_key`, a total order, so
    any number of copies merge to the same state in any order."""
    return _step_doc(a if _state_key(a) >= _state_key(b) else b)


def _step_doc(state: Doc) -> Doc:
    doc = drop_empty(
        {**state, "status": "" if state.get("status") == "open" else state.get("status")}
    )
    if state.get("minutes") == 0:
        doc["minutes"] = 0
    return doc


def _version_key(run: Doc) -> tuple[int, bytes]:
    return (int(run.get("version", 1)), canonical([s["step"] for s in run.get("steps", [])]))


def merge_run(a: Doc, b: Doc) -> Doc:
    """The same run (same identity) from two copies; see the module's docstring."""
    base, other = (a, b) if _version_key(a) >= _version_key(b) else (b, a)
    theirs = {state["step"]: state for state in other.get("steps", [])}
    steps = []
    for state in base.get("steps", []):
        found = theirs.pop(state["step"], None)
        steps.append(merge_step(state, found) if found is not None else _step_doc(state))
    seen = {state["step"] for state in steps}
    for state in other.get("steps", []):
        if state["step"] not in seen and (state.get("status") or "open") != "open":
            steps.append(_step_doc(state))  # done or skipped where the other version lacks it
    run: Doc = {**other, **base}
    run["steps"] = steps
    numbers = [int(doc["no"]) for doc in (a, b) if doc.get("no") is not None]
    run["no"] = min(numbers) if numbers else None
    run["kept"] = bool(a.get("kept")) or bool(b.get("kept"))
    run["manual"] = bool(a.get("manual")) or bool(b.get("manual"))
    uids = sorted(str(doc["uid"]) for doc in (a, b) if doc.get("uid"))
    run["uid"] = uids[0] if uids else None
    run["status"], run["closed_at"], run["closed_on"], run["reason"] = _run_closing(a, b, steps)
    return drop_empty(run)


Closing = tuple[str, Any, Any, str]  # status, closed_at, closed_on, reason


def _status(doc: Doc) -> str:
    return str(doc.get("status") or "open")


def _latest(docs: list[Doc]) -> Closing:
    """The latest closing among copies (done wins a tie), with its fields."""
    key = max(
        (
            instant_key(doc.get("closed_at")),
            _status(doc) == "done",
            doc.get("closed_on") or "",
            doc.get("reason") or "",
            _status(doc),
        )
        for doc in docs
    )
    return (key[4], key[0][2] or None, key[2] or None, key[3])


def _run_closing(a: Doc, b: Doc, steps: list[Doc]) -> Closing:
    """The merged run's status and closing fields (see the module's docstring)."""
    closed = [doc for doc in (a, b) if _status(doc) in ("done", "skipped")]
    if closed:  # a run done or skipped on a copy stays closed: the latest closing
        return _latest(closed)
    states = [_status(state) for state in steps]
    if steps and "open" not in states:  # each copy closed part of the steps
        last = max((s["at"] for s in steps if s.get("at")), key=instant_key, default=None)
        if "done" in states:
            return ("done", last, last[:10] if last else None, "")
        reason = "; ".join(dict.fromkeys(s["reason"] for s in steps if s.get("reason")))
        return ("skipped", last, last[:10] if last else None, reason)
    kept_open = any(_status(doc) == "open" and doc.get("kept") for doc in (a, b))
    missed = [doc for doc in (a, b) if _status(doc) == "missed"]
    if missed and not kept_open:
        return _latest(missed)
    return ("open", None, None, "")


# -- focus sessions -----------------------------------------------------------------------


def _focus_key(doc: Doc) -> tuple[Any, ...]:
    status = doc.get("status") or "running"
    rank = ENDED.get(status, 1)
    pauses = doc.get("pauses") or []
    if rank > 1:
        progress: tuple[int, ...] = (int(doc.get("minutes") or 0),)
    else:
        progress = (len(pauses), sum(1 for pause in pauses if pause[1] is not None))
    return (rank, progress, canonical({k: v for k, v in doc.items() if k not in ("id", "note")}))


def merge_focus(a: Doc, b: Doc) -> Doc:
    """The same focus session (same uid) from two copies; see the module's docstring."""
    winner = a if _focus_key(a) >= _focus_key(b) else b
    session = {**winner, "note": merge_text(a.get("note") or "", b.get("note") or "")}
    ids = [int(doc["id"]) for doc in (a, b) if doc.get("id") is not None]
    if ids:
        session["id"] = min(ids)
    return drop_empty(session)


# -- meta and reviews -----------------------------------------------------------------------


def merge_meta(a: Doc, b: Doc) -> Doc:
    """The meta record: counters at the larger, horizons and last closings per process at the
    later date, archived_before at the later date."""
    meta: Doc = {**b, **a}
    for name in ("schema", "next_no", "next_focus", "next_task"):
        values = [doc[name] for doc in (a, b) if doc.get(name) is not None]
        if values:
            meta[name] = max(values)
    for name in ("horizons", "last_closed"):
        merged: dict[str, str] = {}
        for doc in (a, b):
            for key, day in (doc.get(name) or {}).items():
                merged[key] = max(merged.get(key, day), day)
        meta[name] = dict(sorted(merged.items()))
    befores = [doc["archived_before"] for doc in (a, b) if doc.get("archived_before")]
    meta["archived_before"] = max(befores) if befores else None
    return {key: value for key, value in meta.items() if value is not None and value != {}}


def merge_review(a: Doc, b: Doc) -> Doc:
    """A week's review from two copies: notes merged as texts, reviewed_at the later, the KPI
    figures unioned (a figure both have: the later review's, then the larger)."""
    at_a, at_b = instant_key(a.get("reviewed_at")), instant_key(b.get("reviewed_at"))
    later = a if at_a > at_b else b if at_b > at_a else None
    kpis: dict[str, dict[str, float]] = {}
    for doc in (a, b):
        for system, figures in (doc.get("kpis") or {}).items():
            into = kpis.setdefault(system, {})
            for name, value in figures.items():
                if name not in into:
                    into[name] = value
                elif later is not None:
                    into[name] = (later.get("kpis") or {}).get(system, {}).get(name, into[name])
                else:
                    into[name] = max(into[name], value)
    review: Doc = {**b, **a}
    review["notes"] = merge_text(a.get("notes") or "", b.get("notes") or "")
    review["reviewed_at"] = (later or a).get("reviewed_at")
    review["kpis"] = {system: dict(sorted(f.items())) for system, f in sorted(kpis.items())}
    return drop_empty(review)


def merge_task(a: Doc, b: Doc) -> Doc:
    """The same task (same uid) from two copies: a closed one beats an open one; done beats
    skipped whatever the times (work done is never undone by a merge), of two alike the later
    closing; of two open ones
    the one moved furthest (a task never dated < dated, the later date further < moved back
    to the inbox after it had a date); two open copies that differ only otherwise (a role,
    an estimate) keep one of them whole. Ties by the whole record, a total order, so the
    answer is the same whichever copy is the live one; the first due date is the earlier."""

    def key(doc: Doc) -> tuple[Any, ...]:
        whole = canonical({k: v for k, v in doc.items() if k != "first_due"})
        if (doc.get("status") or "open") == "open":
            due = doc.get("due")
            if due is None:  # never dated: not triaged yet; once dated: moved back since
                return (0, (2, "") if doc.get("first_due") else (0, ""), whole)
            return (0, (1, str(due)), whole)
        done = 1 if doc.get("status") == "done" else 0
        return (1, done, instant_key(doc.get("closed_at")), whole)

    task = dict(a if key(a) >= key(b) else b)
    firsts = sorted(str(doc["first_due"]) for doc in (a, b) if doc.get("first_due"))
    if firsts:
        task["first_due"] = firsts[0]
    return task
