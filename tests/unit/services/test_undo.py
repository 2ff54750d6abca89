"""Undo and redo of any change: what a recorded change wrote is put back, or written again,
only while the records are as it left them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.clock import FixedClock
from cockpit.domain.errors import CockpitError, RuleError
from cockpit.domain.focus import FocusKind
from cockpit.domain.occurrence import StepStatus
from cockpit.services import actions, library, planning, review, undo
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.focus import finish_focus, start_focus
from cockpit.store.errors import StoreReadOnlyError
from cockpit.store.storage import decode
from tests.two_devices import open_refs
from tests.unit.services.helpers import MONDAY, SETTINGS, TZ, open_run, process_id, reopen, runs_of

T = TypeVar("T")


def recorded(ctx: Cockpit, job: Callable[[Cockpit], T]) -> tuple[T, undo.UndoEntry]:
    """Run a service call as the app does, recording what it writes."""
    with undo.recording(ctx) as taken:
        taken.result = result = job(ctx)
    assert taken.entry is not None
    return result, taken.entry


def file_data(path: Path) -> dict[str, Any]:
    """The data file's tables, the counters left out (undo never hands a number back), and
    tables left empty (a table once made stays, empty)."""
    data = {name: table for name, table in decode(path.read_bytes()).items() if table}
    meta = data.get("meta", {}).get("1", {})
    for counter in ("next_no", "next_focus"):
        meta.pop(counter, None)
    return data


def test_a_step_done_is_undone_and_redone_and_saved(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    before = file_data(sample.store.path)
    change, entry = recorded(sample, lambda c: actions.complete(c, f"{run.no}.2", 9))
    done = file_data(sample.store.path)
    assert entry.label == change.message

    undone = undo.revert(sample, entry)
    assert undone.message == f"Undone: {change.message}"
    assert undone.step == f"{run.no}.2"
    assert sample.store.occurrence(run.no) == run
    assert file_data(sample.store.path) == before

    redone = undo.reapply(sample, entry)
    assert redone.message == f"Redone: {change.message}"
    assert file_data(sample.store.path) == done
    with reopen(sample) as again:
        occurrence = again.store.occurrence(run.no)
        assert occurrence is not None and occurrence.steps[1].status is StepStatus.DONE


def test_the_open_runs_index_follows_an_undo(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    _, entry = recorded(sample, lambda c: actions.complete(c, str(run.no), 30))
    assert run.no not in {o.no for o in sample.store.open_occurrences()}
    undo.revert(sample, entry)
    assert run.no in {o.no for o in sample.store.open_occurrences()}


def test_a_plan_toggle_and_move_are_undone(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    first, second = f"{run.no}.1", f"{run.no}.2"
    _, add_first = recorded(sample, lambda c: planning.toggle_planned(c, MONDAY, first))
    _, add_second = recorded(sample, lambda c: planning.toggle_planned(c, MONDAY, second))
    _, move = recorded(sample, lambda c: planning.move_planned(c, MONDAY, second, -1))
    assert sample.store.plan(MONDAY) == [second, first]
    assert "plan of Mon 23 Nov" in move.label
    undo.revert(sample, move)
    assert sample.store.plan(MONDAY) == [first, second]
    undo.revert(sample, add_second)
    undo.revert(sample, add_first)
    assert sample.store.plan(MONDAY) == []


def test_process_edits_are_undone_with_their_history(sample: Cockpit) -> None:
    pid = process_id(sample, "Weekly social posts")
    before = file_data(sample.store.path)
    process = library.find_process(sample, pid)

    def rename_it(ctx: Cockpit) -> object:
        return library.save_process(
            ctx,
            process_id=pid,
            name="Social posts",
            role_id=process.role,
            system_id=process.system,
            schedule_text=process.schedule.text,
            target_minutes=process.target_minutes,
            stage=process.stage,
        )

    _, rename = recorded(sample, rename_it)
    _, delete = recorded(sample, lambda c: library.delete_step(c, pid, process.steps[0].id))
    _, retire = recorded(sample, lambda c: library.archive_process(c, pid))
    assert rename.label == 'process "Weekly social posts" renamed "Social posts"'
    assert delete.label == f'step "{process.steps[0].title}" deleted from process "Social posts"'
    assert retire.label == 'process "Social posts" retired'
    for entry in (retire, delete, rename):
        undo.revert(sample, entry)
    assert library.find_process(sample, pid) == process
    assert file_data(sample.store.path) == before  # the versions kept for history went too


def test_a_new_process_role_and_review_are_undone(sample: Cockpit) -> None:
    before = file_data(sample.store.path)
    role, new_role = recorded(sample, lambda c: library.save_role(c, name="Research"))
    _, new_process = recorded(
        sample,
        lambda c: library.save_process(
            c,
            name="Read papers",
            role_id=role.id,
            system_id=None,
            schedule_text="daily",
            target_minutes=None,
        ),
    )
    week = review.current_week(sample)
    _, notes = recorded(sample, lambda c: review.save_notes(c, week, "a calm week"))
    assert new_role.label == 'role "Research" added'
    assert new_process.label == 'process "Read papers" added'
    assert notes.label == f"the review of {week} changed"
    for entry in (notes, new_process, new_role):
        undo.revert(sample, entry)
    assert file_data(sample.store.path) == before


def test_a_run_started_by_hand_is_taken_back_and_its_number_never_reused(
    sample: Cockpit,
) -> None:
    before = file_data(sample.store.path)
    change, entry = recorded(sample, lambda c: actions.start(c, "case study"))
    (run,) = change.after
    undo.revert(sample, entry)
    assert sample.store.occurrence(run.no) is None
    assert file_data(sample.store.path) == before
    assert sample.store.next_occurrence_no() == run.no + 1
    undo.reapply(sample, entry)
    assert sample.store.occurrence(run.no) == run


def test_a_run_brought_forward_goes_back_to_its_date(sample: Cockpit) -> None:
    name = "Weekly social posts"
    run = open_run(sample, name)
    actions.complete(sample, str(run.no), 30)  # closed: the next one can be brought forward
    before = file_data(sample.store.path)
    _, entry = recorded(sample, lambda c: actions.start(c, name))
    assert len(runs_of(sample, name)) == 2
    undo.revert(sample, entry)
    assert file_data(sample.store.path) == before  # the run and its horizon went back
    assert len(runs_of(sample, name)) == 1


def test_an_undo_is_refused_when_the_record_changed_since(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    _, first = recorded(sample, lambda c: actions.complete(c, f"{run.no}.1"))
    actions.complete(sample, f"{run.no}.2")  # a later change of the same run
    raw = sample.store.path.read_bytes()
    with pytest.raises(RuleError, match=r'Cannot undo "done: .*": run \d+ of "Weekly social'):
        undo.revert(sample, first)
    assert sample.store.path.read_bytes() == raw  # nothing written


def test_a_redo_is_refused_when_the_record_changed_since_the_undo(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    _, entry = recorded(sample, lambda c: actions.complete(c, f"{run.no}.1"))
    undo.revert(sample, entry)
    actions.skip(sample, f"{run.no}.1", "not needed")
    with pytest.raises(RuleError, match="Cannot redo"):
        undo.reapply(sample, entry)


def test_focus_sessions_are_left_out(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    with undo.recording(sample) as taken:
        start_focus(sample, FocusKind.STOPWATCH, ref=f"{run.no}.1")
    assert taken.entry is None  # the timer alone: nothing to undo


def test_a_step_done_at_the_end_of_a_focus_session_is_undone_the_time_kept(
    sample: Cockpit,
) -> None:
    run = open_run(sample, "Weekly social posts")
    start_focus(sample, FocusKind.STOPWATCH, ref=f"{run.no}.1")
    _, entry = recorded(sample, lambda c: finish_focus(c, keep=True, step_done=True))
    title = library.find_process(sample, run.process_id).steps[0].title
    assert entry.label == f'done: {run.no}.1 "{title}" (Weekly social posts)'
    undo.revert(sample, entry)
    assert sample.store.occurrence(run.no) == run
    assert [s.status.value for s in sample.store.focus_sessions()] == ["logged"]


def test_nothing_written_records_nothing(sample: Cockpit) -> None:
    with undo.recording(sample) as taken:
        sample.store.processes()
    assert taken.entry is None


def test_a_failed_change_records_nothing(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    with pytest.raises(RuleError), undo.recording(sample) as taken:
        actions.complete(sample, f"{run.no}.1")
        actions.complete(sample, f"{run.no}.1")
    assert taken.entry is not None  # the first write stays, and can be undone
    undo.revert(sample, taken.entry)
    assert sample.store.occurrence(run.no) == run


def test_an_undo_after_another_device_changed_another_run(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    from tests.two_devices import sync

    laptop, desktop = devices
    social = open_run(laptop, "Weekly social posts")
    _, entry = recorded(laptop, lambda c: actions.complete(c, f"{social.no}.1"))
    sync(laptop.store.path, desktop.store.path)
    desktop.store.reload_if_changed()
    other = next(o for o in desktop.store.open_occurrences() if o.no != social.no)
    actions.complete(desktop, f"{other.no}.1")
    sync(desktop.store.path, laptop.store.path)  # the desktop's file replaces the laptop's

    undo.revert(laptop, entry)  # without a look at the disk first
    with reopen(laptop) as again:
        assert again.store.occurrence(social.no) == social
        done_there = again.store.occurrence(other.no)
        assert done_there is not None and done_there.steps[0].status is StepStatus.DONE


def test_an_undo_is_refused_when_another_device_changed_the_run(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    from tests.two_devices import sync

    laptop, desktop = devices
    social = open_run(laptop, "Weekly social posts")
    _, entry = recorded(laptop, lambda c: actions.complete(c, f"{social.no}.1"))
    sync(laptop.store.path, desktop.store.path)
    desktop.store.reload_if_changed()
    actions.complete(desktop, f"{social.no}.2")  # the same run, another step, there
    sync(desktop.store.path, laptop.store.path)
    raw = laptop.store.path.read_bytes()

    with pytest.raises(RuleError, match="was changed since"):
        undo.revert(laptop, entry)
    assert laptop.store.path.read_bytes() == raw
    occurrence = laptop.store.occurrence(social.no)
    assert occurrence is not None and occurrence.steps[0].status is StepStatus.DONE


def test_the_news_a_caught_up_undo_took_in_is_told_by_the_next_look(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    from cockpit.services.sync import check_disk
    from tests.two_devices import sync

    laptop, desktop = devices
    social = open_run(laptop, "Weekly social posts")
    _, entry = recorded(laptop, lambda c: actions.complete(c, f"{social.no}.1"))
    sync(laptop.store.path, desktop.store.path)
    desktop.store.reload_if_changed()
    other = next(o for o in desktop.store.open_occurrences() if o.no != social.no)
    actions.complete(desktop, f"{other.no}.1")
    sync(desktop.store.path, laptop.store.path)
    undo.revert(laptop, entry)
    news = check_disk(laptop)
    assert news is not None and "1 step done" in news.message


# -- any sequence of changes, undone and redone ------------------------------------------------

KINDS = ("done", "skip", "plan", "rename", "delete step", "role", "notes", "start")


def _change(ctx: Cockpit, kind: str, n: int) -> None:
    """One change of the owner's, chosen by `kind` and picked among the candidates by `n`."""
    refs = open_refs(ctx)
    processes = [p for p in ctx.store.processes() if p.active]
    process = processes[n % len(processes)]
    if kind == "done":
        actions.complete(ctx, refs[n % len(refs)], n)
    elif kind == "skip":
        actions.skip(ctx, refs[n % len(refs)], f"reason {n}")
    elif kind == "plan":
        planning.toggle_planned(ctx, MONDAY, refs[n % len(refs)])
    elif kind == "rename":
        library.save_process(
            ctx,
            process_id=process.id,
            name=f"{process.name} {n}",
            role_id=process.role,
            system_id=process.system,
            schedule_text=process.schedule.text,
            target_minutes=process.target_minutes,
            stage=process.stage,
        )
    elif kind == "delete step" and len(process.steps) > 1:
        library.delete_step(ctx, process.id, process.steps[n % len(process.steps)].id)
    elif kind == "role":
        library.save_role(ctx, name=f"Role {n}")
    elif kind == "notes":
        review.save_notes(ctx, review.current_week(ctx), f"note {n}")
    elif kind == "start":
        actions.start(ctx, "case study")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 60)), min_size=1, max_size=7))
def test_any_changes_undone_in_turn_and_redone_give_each_state_back(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[str, int]]
) -> None:
    path = tmp_path_factory.mktemp("undo") / "c.json"
    with Cockpit.open(path, FixedClock.on(MONDAY, TZ), SETTINGS) as ctx:
        load_sample(ctx)
        ctx.refresh()
        states = [file_data(path)]
        entries = []
        for kind, n in changes:
            with undo.recording(ctx) as taken:
                try:
                    _change(ctx, kind, n)
                except CockpitError:
                    pass  # refused (a name taken, a closed step): nothing to undo
            if taken.entry is not None:
                entries.append(taken.entry)
                states.append(file_data(path))
        for index in reversed(range(len(entries))):
            undo.revert(ctx, entries[index])
            assert file_data(path) == states[index]
        for index, entry in enumerate(entries):
            undo.reapply(ctx, entry)
            assert file_data(path) == states[index + 1]


# -- each action on a run, undone (what `actions.undo` did, now for any change) ----------------

ACTS: dict[str, Callable[[Cockpit, str], actions.Change]] = {
    "complete step": lambda ctx, no: actions.complete(ctx, f"{no}.2", 9),
    "complete run": lambda ctx, no: actions.complete(ctx, no, 30),
    "skip step": lambda ctx, no: actions.skip(ctx, f"{no}.1", "no time"),
    "skip run": lambda ctx, no: actions.skip(ctx, no, "on holiday"),
    "snooze step": lambda ctx, no: actions.snooze(ctx, f"{no}.3", date(2026, 11, 25)),
    "snooze run": lambda ctx, no: actions.snooze(ctx, no, date(2026, 11, 26)),
    "keep": lambda ctx, no: actions.keep(ctx, no),
}


@pytest.mark.parametrize("act", list(ACTS), ids=list(ACTS))
def test_each_action_on_a_run_is_undone_and_saved(sample: Cockpit, act: str) -> None:
    run = open_run(sample, "Weekly social posts")
    today = {due.id for due in plan_day(sample).steps}
    stored = sample.store.occurrences()
    change, entry = recorded(sample, lambda c: ACTS[act](c, str(run.no)))
    assert sample.store.occurrence(run.no) != run
    assert undo.revert(sample, entry).message == f"Undone: {change.message}"
    assert sample.store.occurrence(run.no) == run
    assert {due.id for due in plan_day(sample).steps} == today
    with reopen(sample) as again:  # the undo is saved
        assert again.store.occurrence(run.no) == run
        assert again.store.occurrences() == stored
        assert [o.no for o in again.store.open_occurrences()] == [o.no for o in stored if o.is_open]


def test_a_run_brought_forward_and_undone_falls_due_on_its_date_again(sample: Cockpit) -> None:
    friday = MONDAY + timedelta(days=4)
    _, entry = recorded(sample, lambda c: actions.start(c, "Update bookkeeping"))
    undo.revert(sample, entry)
    assert not [d for d in plan_day(sample).steps if d.process.name == "Update bookkeeping"]
    later = [
        d.due for d in plan_day(sample, friday).steps if d.process.name == "Update bookkeeping"
    ]
    assert later == [friday] * 4


def test_a_read_only_cockpit_undoes_nothing(sample: Cockpit, clock: FixedClock) -> None:
    run = open_run(sample, "Weekly social posts")
    _, entry = recorded(sample, lambda c: actions.complete(c, f"{run.no}.1"))
    stored = sample.store.path.read_bytes()
    reader = Cockpit.open(sample.store.path, clock, SETTINGS, fall_back_to_read_only=True)
    with reader, pytest.raises(StoreReadOnlyError):
        undo.revert(reader, entry)
    assert sample.store.path.read_bytes() == stored


def test_a_change_carried_over_a_sync_is_recorded_as_written_and_undone(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    from tests.two_devices import sync

    laptop, desktop = devices
    social = open_run(laptop, "Weekly social posts")
    sync(laptop.store.path, desktop.store.path)
    desktop.store.reload_if_changed()
    other = next(o for o in desktop.store.open_occurrences() if o.no != social.no)
    actions.complete(desktop, f"{other.no}.1")
    sync(desktop.store.path, laptop.store.path)  # unseen: the next write carries it over
    _, entry = recorded(laptop, lambda c: actions.complete(c, f"{social.no}.1"))
    assert [r.table for r in entry.records] == ["occurrences"]  # only this device's change

    undo.revert(laptop, entry)
    with reopen(laptop) as again:
        assert again.store.occurrence(social.no) == social
        there = again.store.occurrence(other.no)
        assert there is not None and there.steps[0].status is StepStatus.DONE


def test_a_change_merged_with_the_other_devices_is_not_undone_over_theirs(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    from tests.two_devices import sync

    laptop, desktop = devices
    social = open_run(laptop, "Weekly social posts")
    sync(laptop.store.path, desktop.store.path)
    desktop.store.reload_if_changed()
    actions.complete(desktop, f"{social.no}.2")  # the same run, there
    sync(desktop.store.path, laptop.store.path)  # unseen: the next write merges the run
    _, entry = recorded(laptop, lambda c: actions.complete(c, f"{social.no}.1"))

    with pytest.raises(RuleError, match="was changed since"):
        undo.revert(laptop, entry)
    run = laptop.store.occurrence(social.no)
    assert run is not None
    assert [s.status for s in run.steps[:2]] == [StepStatus.DONE, StepStatus.DONE]


def test_a_refusal_names_the_run_before_the_schedule(sample: Cockpit) -> None:
    name = "Weekly social posts"
    actions.complete(sample, str(open_run(sample, name).no), 30)
    change, entry = recorded(sample, lambda c: actions.start(c, name))
    assert {r.table for r in entry.records} == {"occurrences", "meta"}
    (run,) = change.after
    actions.complete(sample, f"{run.no}.1")
    with pytest.raises(RuleError, match=rf'run {run.no} of "{name}" \(.*\) was changed since'):
        undo.revert(sample, entry)
