from __future__ import annotations

from datetime import date

from cockpit.domain.due import DueStep, by_role, due_steps, index_processes
from cockpit.domain.materialize import new_occurrence
from cockpit.domain.model import Process, Role
from cockpit.domain.occurrence import Occurrence
from tests.unit.domain.builders import at, process

DAY = date(2026, 11, 20)
ROLES = [
    Role(id="admin", name="Admin", order=2),
    Role(id="sales", name="Sales", order=0),
    Role(id="delivery", name="Delivery", order=1),
]


def due(runs: list[Occurrence], processes: list[Process], on: date = DAY) -> list[DueStep]:
    table = index_processes(processes)
    return due_steps(runs, lambda pid, v: table.get((pid, v)), on)


def test_steps_due_today_and_overdue_are_listed() -> None:
    proc = process(steps=2)
    runs = [new_occurrence(proc, DAY, 1), new_occurrence(proc, date(2026, 11, 18), 2)]
    found = due(runs, [proc])
    assert sorted(d.id for d in found) == ["1.1", "1.2", "2.1", "2.2"]
    assert {d.id: d.overdue_days for d in found}["2.1"] == 2


def test_future_steps_are_not_due() -> None:
    proc = process(steps=1)
    assert due([new_occurrence(proc, date(2026, 11, 21), 1)], [proc]) == []


def test_offsets_move_a_step_before_or_after_its_date() -> None:
    proc = process(offsets=(-1, 0, 1))
    run = new_occurrence(proc, date(2026, 11, 21), 5)
    assert [d.id for d in due([run], [proc])] == ["5.1"]
    assert [d.due for d in due([run], [proc], date(2026, 11, 22))] == [
        date(2026, 11, 20),
        date(2026, 11, 21),
        date(2026, 11, 22),
    ]


def test_snoozed_steps_fall_due_on_their_new_date() -> None:
    proc = process(steps=2)
    run = new_occurrence(proc, DAY, 1).snooze_step("s1", date(2026, 11, 23), DAY, None)
    assert [d.id for d in due([run], [proc])] == ["1.2"]
    later = due([run], [proc], date(2026, 11, 23))
    assert {d.id: d.overdue_days for d in later} == {"1.1": 0, "1.2": 3}


def test_done_skipped_and_closed_runs_are_not_due() -> None:
    proc = process(steps=2)
    run = new_occurrence(proc, DAY, 1).complete_step("s1", at(DAY), DAY)
    skipped = new_occurrence(proc, DAY, 2).skip("holiday", at(DAY), DAY)
    missed = new_occurrence(proc, DAY, 3).miss(at(DAY), DAY)
    assert [d.id for d in due([run, skipped, missed], [proc])] == ["1.2"]


def test_past_runs_keep_the_steps_of_their_version() -> None:
    old = process(steps=3)
    run = new_occurrence(old, DAY, 1)
    new = old.edited(steps=old.steps[:1])
    table = index_processes([new], [old])
    found = due_steps([run], lambda pid, v: table.get((pid, v)), DAY)
    assert len(found) == 3
    assert found[0].process.version == 1


def test_grouped_by_role_order_overdue_first_then_process_and_step() -> None:
    invoice = process(name="Invoice clients", role="admin", steps=2)
    books = process(name="Bank reconciliation", role="admin", steps=1)
    leads = process(name="Prospecting", role="sales", steps=1)
    runs = [
        new_occurrence(invoice, DAY, 1),
        new_occurrence(books, DAY, 2),
        new_occurrence(leads, DAY, 3),
        new_occurrence(invoice, date(2026, 11, 13), 4),
    ]
    days = by_role(due(runs, [invoice, books, leads]), ROLES)
    assert [d.role.name for d in days] == ["Sales", "Admin"]
    assert [s.id for s in days[1].steps] == ["4.1", "4.2", "2.1", "1.1", "1.2"]


def test_keep_empty_lists_every_role() -> None:
    assert [d.role.name for d in by_role([], ROLES, keep_empty=True)] == [
        "Sales",
        "Delivery",
        "Admin",
    ]


def test_steps_of_an_unknown_role_come_last() -> None:
    stray = process(role="finance", steps=1)
    days = by_role(due([new_occurrence(stray, DAY, 1)], [stray]), ROLES)
    assert [d.role.name for d in days] == ["finance"]


def test_progress_counts_closed_steps() -> None:
    proc = process(steps=3)
    run = new_occurrence(proc, DAY, 1).complete_step("s1", at(DAY), DAY)
    assert {d.progress for d in due([run], [proc])} == {(1, 3)}
