"""Smoke test of `cockpit bench`: a tiny data set, every row measured once, JSON complete."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cockpit.bench import run as bench_run
from cockpit.bench.datasets import build_dataset
from cockpit.bench.report_text import print_table, report_json
from cockpit.bench.run import ROWS, DatasetSpec, measure
from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day

TODAY = date(2026, 11, 20)
TINY = DatasetSpec("tiny", processes=20, years=2, focus_sessions=60)


def _build(folder: Path, seed: int = 7) -> Path:
    return build_dataset(
        folder, "tiny", processes=20, years=2, focus_sessions=60, today=TODAY, seed=seed
    )


def test_a_data_set_is_deterministic(tmp_path: Path) -> None:
    first = _build(tmp_path / "a").read_bytes()
    assert first == _build(tmp_path / "b").read_bytes()
    assert first != _build(tmp_path / "c", seed=8).read_bytes()


def test_a_data_set_is_what_working_every_day_would_leave(tmp_path: Path) -> None:
    path = _build(tmp_path)
    with Cockpit.open(path, FixedClock.on(TODAY, "UTC"), Settings(timezone="UTC")) as ctx:
        assert not ctx.refresh().changed  # every date created once, nothing left to miss
        plan = plan_day(ctx)
        assert plan.steps
        assert ctx.store.focus_sessions()
        # the first open moved the history before last 1 January to the archives
        assert ctx.store.occurrences(until=date(2024, 12, 31))
        assert min(o.date for o in ctx.store.occurrences()) < date(2025, 1, 1)


@pytest.mark.slow
def test_every_row_is_measured_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_run, "SETTLE_LEAST", 0.0)  # a tiny set: no disk to let settle
    report = measure([TINY], today=TODAY, rounds=1, process_rounds=1)
    data = report_json(report)
    assert set(data) >= {"machine", "datasets", "targets", "units"}
    assert data["machine"]["cpus"] >= 1
    assert set(data["datasets"]["tiny"]) == {row.name for row in ROWS}
    assert all(value >= 0 for value in data["datasets"]["tiny"].values())
    assert data["targets"]["open_ms"] == 150
    assert data["datasets"]["tiny"]["occurrences"] > 100
    assert data["judged_on"] == "tiny"
    print_table(report)
    out = capsys.readouterr().out
    assert "open_ms" in out and "peak_rss_mb" in out


def test_check_fails_when_a_target_is_missed_on_heavy(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cockpit.bench import run

    report = run.Report(TODAY, rounds=1, process_rounds=1)
    report.results = {"year": {"open_ms": 999.0}, "heavy": {"open_ms": 12.0, "due_ms": 11.0}}
    monkeypatch.setattr(run, "measure", lambda *args, **kwargs: report)
    assert report.judged == "heavy" and report.missed() == ["due_ms"]
    with pytest.raises(SystemExit) as stopped:
        run.main(as_json=True, quick=False, check=True)
    assert stopped.value.code == 1
    assert '"due_ms"' in capsys.readouterr().out
    report.results["heavy"]["due_ms"] = 9.0
    run.main(as_json=False, quick=False, check=True)  # every target met: no exit


def test_paint_runs_carry_their_environment_past_the_tmux_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A tmux session gets the server's environment, so the bench's changes (no
    PYTHONDONTWRITEBYTECODE, a bytecode cache) must travel in the command itself."""
    import os
    import subprocess

    from cockpit.bench.tui_rows import _with_env

    monkeypatch.setenv("COCKPIT_BENCH_DROPPED", "1")
    monkeypatch.setenv("COCKPIT_BENCH_CHANGED", "before")
    wanted = dict(os.environ)
    del wanted["COCKPIT_BENCH_DROPPED"]
    wanted["COCKPIT_BENCH_CHANGED"] = "after"
    wanted["COCKPIT_BENCH_ADDED"] = "a b"
    script = 'echo "${COCKPIT_BENCH_DROPPED:-unset} $COCKPIT_BENCH_CHANGED $COCKPIT_BENCH_ADDED"'
    # run with this process's environment, as the tmux server would
    shown = subprocess.run(
        _with_env(["sh", "-c", script], wanted), capture_output=True, text=True, check=True
    )
    assert shown.stdout.split() == ["unset", "after", "a", "b"]
