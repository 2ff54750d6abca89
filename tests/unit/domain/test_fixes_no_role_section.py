"""The day's section of dated tasks without a role never shares its id or its name with a
role of the owner's (a role named "No role" from the form has the id "no-role")."""

from __future__ import annotations

from datetime import UTC, date, datetime

from cockpit.domain.due import NO_ROLE, by_role, no_role_section
from cockpit.domain.model import Role
from cockpit.domain.tasks import Task

DAY = date(2026, 11, 23)
AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def task(number: int, role: str | None) -> Task:
    return Task(id=number, title=f"task {number}", created_at=AT, role_id=role, due=DAY)


def test_without_a_clash_the_section_is_the_usual_one() -> None:
    assert no_role_section([Role(id="sales", name="Sales")]) is NO_ROLE


def test_a_role_with_the_id_no_role_gets_its_own_section() -> None:
    mine = Role(id="no-role", name="No role", colour="#123456")
    days = by_role([], [mine], tasks=[task(1, "no-role"), task(2, None)])
    assert [day.role.id for day in days] == ["no-role", "no-role-2"]
    assert [[t.id for t in day.tasks] for day in days] == [[1], [2]]
    assert days[1].role.name == "Tasks without a role"


def test_the_next_free_id_is_taken_and_a_role_only_named_so_changes_the_name() -> None:
    roles = [Role(id="no-role", name="Legal"), Role(id="no-role-2", name="Ops")]
    section = no_role_section(roles, {"no-role-3"})
    assert (section.id, section.name) == ("no-role-4", "No role")
    named = no_role_section([Role(id="x", name="NO ROLE")])
    assert (named.id, named.name) == ("no-role", "Tasks without a role")


def test_an_unknown_role_id_of_a_task_is_no_clash_either() -> None:
    days = by_role([], [], tasks=[task(1, "no-role"), task(2, None)])
    assert [day.role.id for day in days] == ["no-role", "no-role-2"]
