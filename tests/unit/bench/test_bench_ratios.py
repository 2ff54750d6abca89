"""The bench's ratios of issue 13: each against its baseline from the same alternating runs,
and `--check` judges them with the durable complete."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from cockpit.bench import run, tui_rows
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

    def fake_python(path: Path, args: list[str]) -> tuple[float, float]:
        rich = args == run.IMPORT_RICH
        calls.append("rich" if rich else "today")
        return (20.0 if rich else 40.0 + len(calls), 30.0)

    monkeypatch.setattr(run, "run_python", fake_python)
    bench = _bench(tmp_path)
    assert run.today_ratio(bench) == [pytest.approx(46.0 / 20.0)]  # median of 44, 46, 48
    assert run.import_rich_ms(bench) == [20.0, 20.0, 20.0]
    # one unmeasured warm-up of each, then alternating: both see the same machine
    assert calls == ["today", "rich"] + ["rich", "today"] * 3


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
