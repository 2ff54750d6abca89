"""Reading a business definition: every bad value is refused by name, nothing saved."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cockpit.domain.errors import ValidationError
from cockpit.domain.schedule import ScheduleKind
from cockpit.services.business import load_sample, parse_business, read_business
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.transfer import import_path
from tests.unit.services.helpers import MONDAY, TZ

BUSINESS: dict[str, Any] = {
    "format": "cockpit-business",
    "business": {"name": "Tiny Shop"},
    "roles": [
        {"name": "Sales", "colour": "#d08770", "blocks": {"mon": ["09:00-10:30"]}},
        {"name": "Admin"},
    ],
    "systems": [{"name": "Money", "tools": ["Bank"]}],
    "processes": [
        {
            "name": "Call leads",
            "role": "Sales",
            "schedule": "weekdays",
            "steps": [{"title": "Call", "estimate": 20}],
        },
        {
            "name": "Invoice clients",
            "role": "admin",
            "system": "money",
            "schedule": "every 2 weeks on fri",
            "stage": "routine",
            "target_minutes": 30,
            "steps": [
                {"title": "Export hours", "estimate": 10, "offset": -1},
                {"title": "Send invoices", "estimate": 15},
            ],
        },
    ],
}

TOML = """
format = "cockpit-business"
[business]
name = "Tiny Shop"
[[roles]]
name = "Sales"
[roles.blocks]
mon = ["{block}"]
[[roles]]
name = "Admin"
[[systems]]
name = "Money"
[[processes]]
name = "{process}"
role = "{role}"
system = "{system}"
schedule = "{schedule}"
[[processes.steps]]
title = "{title}"
estimate = {estimate}
"""
GOOD = {
    "block": "09:00-10:30",
    "process": "Invoice clients",
    "role": "Admin",
    "system": "Money",
    "schedule": "weekly on fri",
    "title": "Send invoices",
    "estimate": "15",
}


def changed(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    raw = copy.deepcopy(BUSINESS)
    edit(raw)
    return raw


def parse(raw: dict[str, Any]) -> Any:
    return parse_business(raw, MONDAY, TZ, where="tiny.toml")


def test_a_valid_business_is_read_with_its_references() -> None:
    business = parse(BUSINESS)
    assert business.name == "Tiny Shop"
    assert [r.id for r in business.roles] == ["sales", "admin"]
    assert [r.order for r in business.roles] == [0, 1]
    assert str(business.roles[0].blocks["mon"][0]) == "09:00-10:30"
    assert [s.id for s in business.systems] == ["money"]
    calls, invoices = business.processes
    assert (calls.role, calls.system, calls.start) == ("sales", None, MONDAY)
    assert (invoices.role, invoices.system) == ("admin", "money")
    assert invoices.schedule.kind is ScheduleKind.CALENDAR
    assert invoices.lead_days == 1
    assert [s.id for s in invoices.steps] == ["s1", "s2"]


ERRORS: dict[str, tuple[Callable[[dict[str, Any]], None], list[str]]] = {
    "unknown role": (
        lambda raw: raw["processes"][0].update(role="Marketing"),
        ["process 'Call leads'", 'unknown role "Marketing"', "Sales, Admin"],
    ),
    "unknown system": (
        lambda raw: raw["processes"][1].update(system="Accounting"),
        ["process 'Invoice clients'", 'unknown system "Accounting"'],
    ),
    "bad schedule": (
        lambda raw: raw["processes"][1].update(schedule="whenever the moon is full"),
        ["process 'Invoice clients'", "whenever the moon is full"],
    ),
    "no schedule": (
        lambda raw: raw["processes"][0].pop("schedule"),
        ["process 'Call leads'"],
    ),
    "negative estimate": (
        lambda raw: raw["processes"][1]["steps"][1].update(estimate=-5),
        ["process 'Invoice clients'", "estimate can't be negative (-5)"],
    ),
    "estimate not a number": (
        lambda raw: raw["processes"][1]["steps"][1].update(estimate=2.5),
        ["process 'Invoice clients'", "whole number"],
    ),
    "negative target": (
        lambda raw: raw["processes"][1].update(target_minutes=-1),
        ["process 'Invoice clients'", "target can't be negative"],
    ),
    "empty process name": (
        lambda raw: raw["processes"][1].update(name="  "),
        ["process '  '", "a process needs a name"],
    ),
    "empty step title": (
        lambda raw: raw["processes"][1]["steps"][0].update(title=""),
        ["process 'Invoice clients'", "a step needs a name"],
    ),
    "empty role name": (
        lambda raw: raw["roles"][1].update(name=""),
        ["role", "a role needs a name"],
    ),
    "empty system name": (
        lambda raw: raw["systems"][0].update(name=""),
        ["system", "a system needs a name"],
    ),
    "bad time block": (
        lambda raw: raw["roles"][0]["blocks"].update(tue=["9 till 5"]),
        ["role 'Sales'", 'time block "9 till 5"', "HH:MM-HH:MM"],
    ),
    "time block ending before it starts": (
        lambda raw: raw["roles"][0]["blocks"].update(wed=["14:00-13:00"]),
        ["role 'Sales'", "ends before it starts"],
    ),
    "bad weekday": (
        lambda raw: raw["roles"][0]["blocks"].update(someday=["09:00-10:00"]),
        ["role 'Sales'", "weekday"],
    ),
    "bad colour": (
        lambda raw: raw["roles"][0].update(colour="orange"),
        ["role 'Sales'", '"orange"', "hex colour"],
    ),
    "negative budget": (
        lambda raw: raw["roles"][0].update(budget_minutes=-30),
        ["role 'Sales'", "budget"],
    ),
    "unknown stage": (
        lambda raw: raw["processes"][1].update(stage="finished"),
        ["process 'Invoice clients'", 'unknown stage "finished"'],
    ),
    "offset of years": (
        lambda raw: raw["processes"][1]["steps"][0].update(offset=-400),
        ["process 'Invoice clients'", "more than a year"],
    ),
    "processes not a list": (
        lambda raw: raw.update(processes={"name": "x"}),
        ["processes: expected a list, got an object"],
    ),
    "two processes called alike": (
        lambda raw: raw["processes"][1].update(name=" call LEADS"),
        ['two processes are called "Call leads" and " call LEADS"'],
    ),
    "two roles called alike": (
        lambda raw: raw["roles"][1].update(name="sales"),
        ['two roles are called "Sales" and "sales"'],
    ),
    "two roles called the same one letter": (
        lambda raw: raw["roles"][0].update(name="A") or raw["roles"][1].update(name="A"),
        ['two roles are called "A" and "A"'],
    ),
    "wrong format": (
        lambda raw: raw.update(format="something-else"),
        ["not a Cockpit business file"],
    ),
}


@pytest.mark.parametrize("case", list(ERRORS), ids=list(ERRORS))
def test_every_bad_value_is_refused_naming_what_it_is_about(case: str) -> None:
    edit, expected = ERRORS[case]
    with pytest.raises(ValidationError) as refused:
        parse(changed(edit))
    message = str(refused.value)
    assert message.startswith("tiny.toml: "), message
    for part in expected:
        assert part in message, message


@pytest.mark.parametrize(
    "edit",
    [
        lambda raw: raw["processes"][1]["steps"][0].update(offset="one"),
        lambda raw: raw["processes"][1].update(stage=3),
        lambda raw: raw["processes"][0].update(name=5),
    ],
    ids=["offset", "stage", "name"],
)
def test_a_value_of_the_wrong_type_is_a_validation_error(
    edit: Callable[[dict[str, Any]], None],
) -> None:
    with pytest.raises(ValidationError, match=r"tiny\.toml: process"):
        parse(changed(edit))


def write_toml(tmp_path: Path, **values: str) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TOML.format(**{**GOOD, **values}), encoding="utf-8")
    return path


BAD_FILES = {
    "unknown role": ({"role": "Nobody"}, "unknown role"),
    "unknown system": ({"system": "Nowhere"}, "unknown system"),
    "bad schedule": ({"schedule": "every blue moon"}, "every blue moon"),
    "negative estimate": ({"estimate": "-5"}, "negative"),
    "empty name": ({"process": ""}, "needs a name"),
    "bad time block": ({"block": "nine-ten"}, "time block"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_business_file_saves_nothing(sample: Cockpit, tmp_path: Path, case: str) -> None:
    values, expected = BAD_FILES[case]
    path = write_toml(tmp_path, **values)
    data = sample.store.path
    stored = data.read_bytes()
    roles, processes = sample.store.roles(), sample.store.processes()
    with pytest.raises(ValidationError, match=expected) as refused:
        import_path(sample, path)
    assert str(path) in str(refused.value)
    assert data.read_bytes() == stored
    assert sample.store.roles() == roles
    assert sample.store.processes() == processes


def test_a_bad_business_file_saves_nothing_in_an_empty_cockpit(
    ctx: Cockpit, tmp_path: Path
) -> None:
    path = write_toml(tmp_path, schedule="fortnightly-ish")
    with pytest.raises(ValidationError):
        import_path(ctx, path)
    assert ctx.store.roles() == [] and ctx.store.processes() == []
    assert not ctx.store.exists


def test_a_good_business_file_is_added(sample: Cockpit, tmp_path: Path) -> None:
    before = len(sample.store.processes())
    imported = import_path(sample, write_toml(tmp_path, process="Chase receipts"))
    assert (imported.processes, imported.replaced) == (1, False)
    assert len(sample.store.processes()) == before + 1
    assert "chase-receipts" in {p.id for p in sample.store.processes()}


def test_unreadable_toml_is_a_validation_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('format = "cockpit-business"\n[[roles]\nname = \n', encoding="utf-8")
    with pytest.raises(ValidationError, match=r"broken\.toml"):
        read_business(path, MONDAY, TZ)
    with pytest.raises(ValidationError, match=r"missing\.toml"):
        read_business(tmp_path / "missing.toml", MONDAY, TZ)


def test_the_sample_loads_whole(ctx: Cockpit) -> None:
    business = load_sample(ctx)
    assert business.name == "Harbor Lane Studio"
    assert (len(business.roles), len(business.systems), len(business.processes)) == (4, 5, 24)
    assert len(ctx.store.processes()) == 24
    assert ctx.store.exists
    assert plan_day(ctx).steps
