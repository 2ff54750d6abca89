"""The bench's ratios of issue 13: each against its baseline from the same alternating runs,
and `--check` judges them with the durable complete."""

from __future__ import annotations

import shutil
import statistics
import subprocess
from datetime import date
from pathlib import Path

import pytest

from cockpit.bench import insight_rows, run, tui_rows
from cockpit.bench.run import Bench, Report

TODAY = date(2026, 11, 20)


def _bench(tmp_path: Path, rounds: int = 3) -> Bench:
    path = tmp_path / "heavy" / "cockpit.json"
    path.parent.mkdir()
    path.write_text("{}")
    return Bench("heavy", path, TODAY, rounds=1, process_rounds=rounds)


def test_today_is_judged_against_import_rich_taken_in_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    caches: list[Path] = []

    def fake_python(
        path: Path, args: list[str], extra: dict[str, str] | None = None
    ) -> tuple[float, float]:
        assert args == run.IMPORT_RICH
        calls.append("rich")
        return (20.0, 30.0)

    def fake_today(path: Path, today: date, cache: Path) -> tuple[float, float]:
        cold = "cold" in cache.name
        calls.append("cold" if cold else "today")
        caches.append(cache)
        return (100.0 + len(calls), 50.0) if cold else (25.0 + len(calls), 12.0)

    monkeypatch.setattr(run, "run_python", fake_python)
    monkeypatch.setattr(run, "run_today", fake_today)
    bench = _bench(tmp_path, rounds=2)
    # warm: the second run of the day (the answer kept by the first), three for each cold one
    warm = [29.0, 31.0, 33.0, 36.0, 38.0, 40.0]
    assert run.today_wall_ms(bench) == warm
    assert run.today_ratio(bench) == [pytest.approx(statistics.median(warm) / 20.0)]
    assert run.today_cold_ms(bench) == [109.0, 116.0]
    assert run.today_cold_ratio(bench) == [pytest.approx(112.5 / 20.0)]
    assert run.peak_rss_mb(bench) == [50.0] * 2  # of the whole path, not of a kept answer
    assert run.import_rich_ms(bench) == [20.0] * 6
    # one unmeasured warm-up of each (it keeps the answer), then in turn: all see one machine
    assert calls == ["today", "rich"] + (["rich", "today"] * 3 + ["cold"]) * 2
    warm_caches = {cache for cache, call in zip(caches, [c for c in calls if c != "rich"],
                   strict=True) if call == "today"}  # fmt: skip
    cold = [cache for cache in caches if cache not in warm_caches]
    assert len(warm_caches) == 1 and len(set(cold)) == 2  # each cold run: an empty folder
    assert not any(cache.exists() for cache in cold)


def test_the_day_shown_ratios_divide_by_the_bare_paint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(subprocess, "run", lambda *args, **kwargs: None)  # no tmux keeper
    monkeypatch.setattr(tui_rows, "_paint_cache", {})
    monkeypatch.setattr(tui_rows, "_demo_cache", {})

    def fake_paint(command: list[str], marker: str, env: dict[str, str]) -> float:
        if marker == "bare app ready":
            return 200.0
        return 500.0 if "demo" in command else 280.0

    monkeypatch.setattr(tui_rows, "_paint_ms", fake_paint)
    bench = _bench(tmp_path)
    assert tui_rows.day_shown_ratio(bench) == [pytest.approx(1.4)]
    assert tui_rows.demo_shown_ratio(bench) == [pytest.approx(2.5)]
    assert tui_rows.demo_shown_ms(bench) == [500.0] * tui_rows.PAINT_ROUNDS


def test_check_judges_the_targets_of_issue_13() -> None:
    targets = {row.name: row.target for row in run.ROWS}
    assert targets["complete_ms"] == 10
    assert targets["today_cold_ms"] == 200
    assert targets["signals_ms"] == 50
    assert targets["quarter_ms"] == 100
    assert targets["today_ratio"] == 1.5
    assert targets["day_shown_ratio"] == 1.5
    assert targets["demo_shown_ratio"] == 1.6
    report = Report(TODAY, rounds=1, process_rounds=1)
    met = {"complete_ms": 9.0, "today_ratio": 1.4, "day_shown_ratio": 1.2, "demo_shown_ratio": 1.5}
    report.results = {"heavy": dict(met)}
    assert report.missed() == []
    report.results["heavy"] = {
        "complete_ms": 11.0,
        "today_ratio": 1.6,
        "day_shown_ratio": 1.6,
        "demo_shown_ratio": 1.7,
    }
    assert report.missed() == ["complete_ms", "today_ratio", "day_shown_ratio", "demo_shown_ratio"]


def test_complete_is_judged_on_15_rounds_with_the_two_cold_ones_beside_it(tmp_path: Path) -> None:
    from cockpit.bench.datasets import build_dataset

    path = build_dataset(
        tmp_path, "heavy", processes=40, years=1, focus_sessions=50, today=TODAY, tasks=30
    )
    bench = Bench("heavy", path, TODAY, rounds=1, process_rounds=1)
    samples = run.complete_ms(bench)
    assert len(samples) == run.COMPLETE_ROUNDS == 15
    assert run.complete_cold_ms(bench) == samples[:2]


def test_signals_and_the_quarter_are_measured_over_the_data_sets_tasks(tmp_path: Path) -> None:
    from cockpit.bench.datasets import build_dataset

    path = build_dataset(
        tmp_path, "heavy", processes=20, years=1, focus_sessions=50, today=TODAY, tasks=300
    )
    bench = Bench("heavy", path, TODAY, rounds=2, process_rounds=1)
    assert insight_rows.tasks(bench) == [300.0]
    assert len(insight_rows.signals_ms(bench)) == 2
    assert len(insight_rows.quarter_ms(bench)) == 2
    assert run.HEAVY.tasks == 2_000
