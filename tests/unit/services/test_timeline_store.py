"""The pins of a day's plan on disk: an old plan without them opens as it is, a pin that is no
time is no pin, a pins table of the wrong shape is refused by name, the file untouched."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import orjson
import pytest

from cockpit.store.database import Store
from cockpit.store.errors import StoreCorruptError

DAY = date(2026, 11, 23)


def with_plan(tmp_path: Path, plan: dict[str, Any]) -> Path:
    """A data file whose one plan record is `plan` (written as Cockpit writes it, then edited)."""
    path = tmp_path / "c.json"
    with Store.open(path) as store:
        store.save_plan(DAY, ["1.1"])
    data = orjson.loads(path.read_bytes())
    (key,) = data["plans"]
    data["plans"][key] = plan
    path.write_bytes(orjson.dumps(data))
    return path


def test_an_old_plan_without_pins_opens_and_keeps_its_steps(tmp_path: Path) -> None:
    path = with_plan(tmp_path, {"date": DAY.isoformat(), "steps": ["1.1", "2.1"]})
    with Store.open(path) as store:
        assert store.plan(DAY) == ["1.1", "2.1"]
        assert store.plan_pins(DAY) == {}
        store.save_pin(DAY, "2.1", time(14, 0))
        store.save_plan(DAY, ["2.1"])  # the plan's order keeps the pin
    with Store.open(path) as store:
        assert store.plan(DAY) == ["2.1"]
        assert store.plan_pins(DAY) == {"2.1": time(14, 0)}
        store.save_pin(DAY, "2.1", None)
    plans = orjson.loads(path.read_bytes())["plans"]
    assert list(plans.values()) == [{"date": DAY.isoformat(), "steps": ["2.1"]}]  # no empty pins


def test_a_pin_that_is_no_time_is_no_pin(tmp_path: Path) -> None:
    path = with_plan(
        tmp_path, {"date": DAY.isoformat(), "steps": [], "pins": {"1.1": "after lunch"}}
    )
    with Store.open(path) as store:
        assert store.plan_pins(DAY) == {}


def test_pins_of_the_wrong_shape_are_refused_by_name(tmp_path: Path) -> None:
    path = with_plan(tmp_path, {"date": DAY.isoformat(), "steps": [], "pins": {"1.1": 14}})
    before = path.read_bytes()
    with pytest.raises(StoreCorruptError, match="pins"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_pin_for_another_day_is_not_this_days(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with Store.open(path) as store:
        store.save_pin(DAY, "1.1", time(9, 0))
        assert store.plan(DAY) == []
        assert store.plan_pins(date(2026, 11, 24)) == {}
        assert store.plan_pins(DAY) == {"1.1": time(9, 0)}
