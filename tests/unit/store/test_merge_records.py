"""The record-level rules of `cockpit merge` (cockpit/store/merge.py), one test a rule."""

from __future__ import annotations

from typing import Any

from cockpit.store.merge import (
    merge_focus,
    merge_meta,
    merge_plan,
    merge_review,
    merge_run,
    merge_step,
    merge_text,
)

Doc = dict[str, Any]
T1, T2, T3 = "2026-12-01T09:00:00+00:00", "2026-12-01T10:00:00+00:00", "2026-12-01T11:00:00+00:00"


def run(*steps: Doc, **fields: Any) -> Doc:
    doc: Doc = {"no": 7, "process": "invoice", "date": "2026-12-01", "version": 1}
    doc["status"] = "open"
    doc["steps"] = list(steps)
    doc.update(fields)
    return doc


def done(step: str, at: str = T1, minutes: int | None = None) -> Doc:
    doc: Doc = {"step": step, "status": "done", "at": at}
    if minutes is not None:
        doc["minutes"] = minutes
    return doc


def skipped(step: str, at: str = T1, reason: str = "no time") -> Doc:
    return {"step": step, "status": "skipped", "at": at, "reason": reason}


def both_ways(a: Doc, b: Doc) -> Doc:
    merged = merge_run(a, b)
    assert merge_run(b, a) == merged
    assert merge_run(merged, b) == merged
    assert merge_run(merged, a) == merged
    return merged


def test_done_beats_open() -> None:
    merged = both_ways(
        run({"step": "s1"}, {"step": "s2"}), run(done("s1", minutes=5), {"step": "s2"})
    )
    assert merged["steps"][0] == done("s1", minutes=5)
    assert merged["status"] == "open"


def test_skipped_beats_open() -> None:
    merged = both_ways(run({"step": "s1"}), run(skipped("s1"), status="skipped"))
    assert merged["steps"][0]["status"] == "skipped"


def test_the_later_of_done_and_skipped_wins_and_done_wins_a_tie() -> None:
    assert merge_step(done("s1", T1), skipped("s1", T2))["status"] == "skipped"
    assert merge_step(done("s1", T3), skipped("s1", T2))["status"] == "done"
    assert merge_step(skipped("s1", T2), done("s1", T2))["status"] == "done"


def test_two_dones_keep_the_later_with_its_minutes() -> None:
    assert merge_step(done("s1", T2, 30), done("s1", T1, 10)) == done("s1", T2, 30)
    assert merge_step(done("s1", T1, 10), done("s1", T2, 30)) == done("s1", T2, 30)
    assert merge_step(skipped("s1", T1, "a"), skipped("s1", T2, "b"))["reason"] == "b"


def test_two_open_steps_keep_the_later_snooze() -> None:
    a, b = {"step": "s1", "snoozed_to": "2026-12-03"}, {"step": "s1", "snoozed_to": "2026-12-05"}
    assert merge_step(a, b) == b == merge_step(b, a)
    assert merge_step({"step": "s1"}, b) == b


def test_minutes_zero_are_kept() -> None:
    assert merge_step(done("s1", T1, 0), {"step": "s1"}) == done("s1", T1, 0)


def test_all_steps_closed_across_copies_close_the_run() -> None:
    a = run(done("s1", T1), {"step": "s2"})
    b = run({"step": "s1"}, done("s2", T2))
    merged = both_ways(a, b)
    assert merged["status"] == "done"
    assert merged["closed_at"] == T2
    assert merged["closed_on"] == "2026-12-01"


def test_skipped_run_takes_the_steps_reasons() -> None:
    a = run(skipped("s1", T1, "ill"), {"step": "s2"})
    b = run({"step": "s1"}, skipped("s2", T2, "away"))
    merged = both_ways(a, b)
    assert merged["status"] == "skipped"
    assert merged["reason"] == "ill; away"


def test_a_closed_copy_keeps_its_closing() -> None:
    a = run(done("s1", T1), done("s2", T2), status="done", closed_at=T2, closed_on="2026-12-02")
    b = run(done("s1", T1), {"step": "s2"})
    merged = both_ways(a, b)
    assert (merged["status"], merged["closed_at"], merged["closed_on"]) == (
        "done",
        T2,
        "2026-12-02",
    )


def test_missed_on_one_side_done_on_the_other_is_done() -> None:
    a = run({"step": "s1"}, status="missed", closed_at=T3, closed_on="2026-12-02")
    b = run(done("s1", T1), status="done", closed_at=T1, closed_on="2026-12-01")
    merged = both_ways(a, b)
    assert merged["status"] == "done"
    assert merged["steps"] == [done("s1", T1)]


def test_missed_with_a_step_done_elsewhere_keeps_the_step() -> None:
    a = run({"step": "s1"}, {"step": "s2"}, status="missed", closed_at=T3, closed_on="2026-12-02")
    b = run(done("s1", T1, 15), {"step": "s2"})
    merged = both_ways(a, b)
    assert merged["status"] == "missed"
    assert merged["steps"][0] == done("s1", T1, 15)
    assert merged["closed_at"] == T3


def test_kept_on_one_side_is_not_missed() -> None:
    a = run({"step": "s1"}, status="missed", closed_at=T3, closed_on="2026-12-02")
    b = run({"step": "s1"}, kept=True)
    merged = both_ways(a, b)
    assert merged["status"] == "open"
    assert merged["kept"] is True
    assert "closed_at" not in merged


def test_newer_version_orders_the_steps_and_no_done_step_is_lost() -> None:
    old = run(done("s1", T1), done("gone", T1), {"step": "open-gone"}, version=1)
    new = run({"step": "s0"}, {"step": "s1"}, version=2)
    merged = both_ways(old, new)
    assert merged["version"] == 2
    assert [s["step"] for s in merged["steps"]] == ["s0", "s1", "gone"]
    assert merged["steps"][1]["status"] == "done"


def test_run_numbers_and_uids() -> None:
    a, b = run(no=3, uid="01HZZZZZZZZZZZZZZZZZZZZZZZ", manual=True), run(no=9, manual=True)
    merged = both_ways(a, {**b, "uid": "01HZZZZZZZZZZZZZZZZZZZZZZZ"})
    assert merged["no"] == 3


def session(**fields: Any) -> Doc:
    doc: Doc = {"id": 4, "uid": "01J00000000000000000000000", "kind": "pomodoro", "role": "sales"}
    doc.update({"started_at": T1, "planned_seconds": 1500, "status": "running"})
    doc.update(fields)
    return doc


def focus_both_ways(a: Doc, b: Doc) -> Doc:
    merged = merge_focus(a, b)
    assert merge_focus(b, a) == merged
    assert merge_focus(merged, b) == merged
    assert merge_focus(merged, a) == merged
    return merged


def test_an_ended_session_beats_a_running_one() -> None:
    ended = session(status="logged", ended_at=T2, minutes=25)
    assert focus_both_ways(session(), ended)["minutes"] == 25
    discarded = session(status="discarded", ended_at=T2)
    assert focus_both_ways(session(pauses=[[T2, None]], status="paused"), discarded)["status"] == (
        "discarded"
    )


def test_logged_beats_discarded_then_more_minutes() -> None:
    logged = session(status="logged", ended_at=T2, minutes=5)
    discarded = session(status="discarded", ended_at=T2)
    assert focus_both_ways(logged, discarded)["status"] == "logged"
    more = session(status="logged", ended_at=T3, minutes=40)
    assert focus_both_ways(logged, more)["minutes"] == 40


def test_a_paused_session_is_further_along_than_a_running_one() -> None:
    paused = session(status="paused", pauses=[[T2, None]])
    assert focus_both_ways(session(), paused)["status"] == "paused"
    resumed = session(status="running", pauses=[[T2, T3]])
    assert focus_both_ways(paused, resumed)["pauses"] == [[T2, T3]]


def test_session_notes_are_merged_and_the_smaller_id_kept() -> None:
    a = session(status="logged", ended_at=T2, minutes=25, note="call Bob")
    b = session(id=9, status="logged", ended_at=T2, minutes=25, note="called Ann")
    merged = focus_both_ways(a, b)
    assert merged["note"] == "call Bob\n\ncalled Ann"
    assert merged["id"] == 4


def test_texts() -> None:
    assert merge_text("", "x") == "x"
    assert merge_text("ab", "abc") == "abc"
    assert merge_text("b", "a") == merge_text("a", "b") == "a\n\nb"
    assert merge_text("a\n\nb", "b") == "a\n\nb"


def test_plans() -> None:
    assert merge_plan(["1.1", "2.1"], ["2.1", "3.1", "1.1"]) == ["2.1", "3.1", "1.1"]
    assert merge_plan(["1.1", "2.1"], ["3.1", "4.1"]) == merge_plan(["3.1", "4.1"], ["1.1", "2.1"])
    merged = merge_plan(["1.1", "2.1"], ["3.1"])
    assert merged == ["1.1", "2.1", "3.1"]
    assert merge_plan(merged, ["3.1"]) == merged


def test_meta() -> None:
    a = {"schema": 2, "next_no": 10, "next_focus": 3, "horizons": {"p": "2026-12-01"}}
    b = {
        "schema": 2,
        "next_no": 8,
        "next_focus": 5,
        "horizons": {"p": "2026-12-04", "q": "2026-11-01"},
    }
    b |= {"last_closed": {"p": "2026-11-30"}, "archived_before": "2025-01-01"}
    merged = merge_meta(a, b)
    assert merged == merge_meta(b, a) == merge_meta(merged, b)
    assert merged["next_no"] == 10 and merged["next_focus"] == 5
    assert merged["horizons"] == {"p": "2026-12-04", "q": "2026-11-01"}
    assert merged["last_closed"] == {"p": "2026-11-30"}
    assert merged["archived_before"] == "2025-01-01"


def test_reviews() -> None:
    a = {"week": "2026-W49", "notes": "good week", "reviewed_at": T1, "kpis": {"fin": {"x": 1.0}}}
    b = {
        "week": "2026-W49",
        "notes": "slow",
        "reviewed_at": T2,
        "kpis": {"fin": {"x": 2.0, "y": 3.0}},
    }
    merged = merge_review(a, b)
    assert merged == merge_review(b, a) == merge_review(merged, b) == merge_review(merged, a)
    assert merged["notes"] == "good week\n\nslow"
    assert merged["reviewed_at"] == T2
    assert merged["kpis"] == {"fin": {"x": 2.0, "y": 3.0}}
    longer = {**a, "notes": "good week, and more"}
    assert merge_review(a, longer)["notes"] == "good week, and more"
