"""The signals over a real data file: the demo's ten weeks, tasks handed in by hand, the
thresholds read from the config."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.config import ConfigError, Settings, parse_settings
from cockpit.domain.signals import SignalKind
from cockpit.services.context import Cockpit
from cockpit.services.signals import signals, thresholds

DAY = date(2026, 11, 20)


@dataclass(frozen=True)
class Todo:
    title: str
    created_at: datetime
    first_due: date | None = None
    is_open: bool = True


def open_demo(demo_file: Path, tmp_path: Path, **settings: object) -> Cockpit:
    path = tmp_path / "c.json"
    shutil.copy(demo_file, path)
    return Cockpit.open(path, FixedClock.on(DAY, "UTC"), Settings(timezone="UTC", **settings))  # type: ignore[arg-type]


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Cockpit]:
    with open_demo(demo_file, tmp_path) as ctx:
        yield ctx


def test_the_demo_signals_its_slipping_process_as_the_routines_view_does(demo: Cockpit) -> None:
    found = signals(demo)
    slipping = [s for s in found if s.kind is SignalKind.SLIPPING_PROCESS]
    assert [s.subject for s in slipping] == ["Update bookkeeping"]
    [bookkeeping] = slipping
    assert bookkeeping.subject_id == "update-bookkeeping"
    assert bookkeeping.since < DAY and "in a row" in bookkeeping.evidence
    assert "testing" in bookkeeping.suggestion
    assert not [s for s in found if s.kind is SignalKind.NEEDS_A_SYSTEM]  # no tasks yet


def test_a_retired_process_is_not_slipping_nor_holds_its_role_under_water(
    demo_file: Path, tmp_path: Path
) -> None:
    """Retired, it makes no more runs: it was still listed as slipping (screens found it)."""
    from cockpit.services.library import archive_process

    with open_demo(demo_file, tmp_path, signal_role_slipping=1) as ctx:
        archive_process(ctx, "update-bookkeeping")
        found = signals(ctx)
    assert not [s for s in found if s.subject == "Update bookkeeping"]
    assert not [
        s for s in found if s.kind is SignalKind.ROLE_UNDER_WATER and "slipping" in s.evidence
    ]


def test_a_role_holding_one_slipping_process_is_under_water_when_the_config_says_one(
    demo_file: Path, tmp_path: Path
) -> None:
    with open_demo(demo_file, tmp_path, signal_role_slipping=1) as ctx:
        roles = [s for s in signals(ctx) if s.kind is SignalKind.ROLE_UNDER_WATER]
        bookkeeping = next(p for p in ctx.store.processes() if p.id == "update-bookkeeping")
        role = next(r for r in ctx.roles() if r.id == bookkeeping.role)
    assert role.name in {s.subject for s in roles}
    signal = next(s for s in roles if s.subject == role.name)
    assert "1 slipping process: Update bookkeeping" in signal.evidence
    assert signal.since == DAY - timedelta(days=DAY.weekday()) - timedelta(weeks=3)


def test_tasks_handed_in_are_judged_as_of_the_day_asked(demo: Cockpit) -> None:
    captured = [
        Todo("Chase late invoices", datetime(2026, 11, 2, 9, tzinfo=UTC)),
        Todo("chase the late invoice", datetime(2026, 11, 9, 9, tzinfo=UTC)),
        Todo("Chase late invoices", datetime(2026, 11, 16, 9, tzinfo=UTC)),
    ]
    [todo] = [s for s in signals(demo, tasks=captured) if s.kind is SignalKind.NEEDS_A_SYSTEM]
    assert todo.since == date(2026, 11, 2) and "weekly" in todo.suggestion
    # on the day of the second capture, it was captured twice only
    early = signals(demo, date(2026, 11, 9), tasks=captured)
    assert not [s for s in early if s.kind is SignalKind.NEEDS_A_SYSTEM]


def test_the_thresholds_come_from_the_config() -> None:
    settings = parse_settings(
        {"signals": {"carried_weeks": 2, "title_overlap": 0.75, "role_focus_over": 2}}, "cfg", "UTC"
    )
    assert (settings.signal_carried_weeks, settings.signal_title_overlap) == (2, 0.75)
    assert settings.signal_role_focus_over == 2.0
    assert parse_settings({}, "cfg", "UTC").signal_role_done_below == 0.6


@pytest.mark.parametrize(
    "signals_table",
    [
        {"carried_weeks": 0},
        {"repeat_captures": 1},
        {"title_overlap": 1.5},
        {"role_done_below": "lots"},
        {"role_slipping": True},
    ],
)
def test_a_bad_threshold_is_refused_at_the_door(signals_table: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match=r"cfg: signals\.\w+: expected"):
        parse_settings({"signals": signals_table}, "cfg", "UTC")


def test_the_service_hands_the_config_to_the_rules(demo: Cockpit) -> None:
    assert thresholds(demo).role_weeks == 4
