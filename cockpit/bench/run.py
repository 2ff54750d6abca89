"""`cockpit bench`: build the data sets, measure, print medians against the targets.

Each row is a small function registered with `@row(name, unit, target)` that
returns its samples for one data set; the median is reported. Targets are
upper bounds and are judged on the *heavy* data set (on *year* in --quick
mode, where heavy is not built). Later issues add their rows the same way.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import orjson

import cockpit
from cockpit.bench.datasets import TZ, build_dataset, count_docs
from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.services import actions
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.store.database import Store

# A fixed date keeps runs comparable: late in the year, so the live file holds
# almost two years of history (the archive keeps everything before last 1 January).
BENCH_TODAY = date(2026, 11, 20)
JUDGED = "heavy"


@dataclass(frozen=True, slots=True)
class DatasetSpec:
    """The size of a generated data set."""

    name: str
    processes: int
    years: int
    focus_sessions: int


YEAR = DatasetSpec("year", processes=40, years=1, focus_sessions=2_400)
HEAVY = DatasetSpec("heavy", processes=60, years=5, focus_sessions=12_000)


class BenchError(Exception):
    """A measurement could not be taken (the data set or a subprocess failed)."""


@dataclass
class Bench:
    """One built data set and how many rounds to measure it."""

    name: str
    path: Path
    today: date
    rounds: int
    process_rounds: int
    _process_runs: list[tuple[float, float]] | None = field(default=None, repr=False)
    _rich_runs: list[float] | None = field(default=None, repr=False)
    _copies: int = field(default=0, repr=False)

    def open(self, path: Path | None = None) -> Cockpit:
        clock = FixedClock.on(self.today, TZ)
        return Cockpit.open(path or self.path, clock, Settings(timezone=TZ))

    def scratch(self) -> Path:
        """A copy of the data folder, for measurements that change the data."""
        self._copies += 1
        folder = self.path.parent
        copy = folder.with_name(f"{folder.name}-scratch-{self._copies}")
        shutil.copytree(folder, copy)
        return copy / self.path.name

    def process_runs(self) -> list[tuple[float, float]]:
        """(wall ms, peak RSS MB) of `cockpit today --json` runs, measured once per data set,
        alternating with runs of `python -c "import rich"` (`rich_runs`), the floor of any
        Python command that prints a table, so both see the same machine."""
        if self._process_runs is None:
            run_today(self.path, self.today)  # unmeasured: fills the bytecode and file caches
            run_python(self.path, IMPORT_RICH)
            self._process_runs, self._rich_runs = [], []
            for _ in range(self.process_rounds):
                self._rich_runs.append(run_python(self.path, IMPORT_RICH)[0])
                self._process_runs.append(run_today(self.path, self.today))
        return self._process_runs

    def rich_runs(self) -> list[float]:
        """Wall ms of `python -c "import rich"`, taken between the `cockpit today` runs."""
        self.process_runs()
        assert self._rich_runs is not None
        return self._rich_runs


Measure = Callable[[Bench], list[float]]


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    unit: str
    target: float | None
    measure: Measure
    context: bool = False  # a fact about the data set (a count, a size), not a timing


ROWS: list[Row] = []


def row(
    name: str, unit: str, target: float | None = None, *, context: bool = False
) -> Callable[[Measure], Measure]:
    """Register a measurement: it returns samples for one data set; the median is reported."""

    def register(measure: Measure) -> Measure:
        ROWS.append(Row(name, unit, target, measure, context))
        return measure

    return register


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


# -- the rows ---------------------------------------------------------------------------


@row("open_ms", "ms", 150)
def open_ms(bench: Bench) -> list[float]:
    samples = []
    for _ in range(bench.rounds):
        start = time.perf_counter()
        bench.open().close()
        samples.append(_ms(start))
    return samples


@row("due_ms", "ms", 10)
def due_ms(bench: Bench) -> list[float]:
    samples = []
    with bench.open() as ctx:
        plan_day(ctx)  # the first call may create today's runs
        for _ in range(bench.rounds):
            start = time.perf_counter()
            plan_day(ctx)
            samples.append(_ms(start))
    return samples


@row("complete_ms", "ms", 10)
def complete_ms(bench: Bench) -> list[float]:
    """Complete a different open step each round, on a copy; every write is fsynced."""
    samples = []
    with bench.open(bench.scratch()) as ctx:
        keys = [due.id for due in plan_day(ctx).steps][: bench.rounds]
        if not keys:
            raise BenchError(f"{bench.name}: no open step to complete")
        for key in keys:
            start = time.perf_counter()
            actions.complete(ctx, key)
            samples.append(_ms(start))
    return samples


@row("today_wall_ms", "ms", 200)
def today_wall_ms(bench: Bench) -> list[float]:
    return [wall for wall, _ in bench.process_runs()]


@row("import_rich_ms", "ms")
def import_rich_ms(bench: Bench) -> list[float]:
    return bench.rich_runs()


@row("today_ratio", "x", 1.5)
def today_ratio(bench: Bench) -> list[float]:
    """`cockpit today` against `python -c "import rich"`, medians of the same alternating runs."""
    today = statistics.median(wall for wall, _ in bench.process_runs())
    return [today / statistics.median(bench.rich_runs())]


@row("peak_rss_mb", "MB", 120)
def peak_rss_mb(bench: Bench) -> list[float]:
    return [rss for _, rss in bench.process_runs()]


@row("occurrences", "runs", context=True)
def occurrences(bench: Bench) -> list[float]:
    return [float(count_docs(bench.path, "occurrences"))]


@row("focus_sessions", "sessions", context=True)
def focus_sessions(bench: Bench) -> list[float]:
    return [float(count_docs(bench.path, "focus"))]


@row("live_file_mb", "MB", context=True)
def live_file_mb(bench: Bench) -> list[float]:
    return [bench.path.stat().st_size / 2**20]


# -- helpers ----------------------------------------------------------------------------


def cockpit_command() -> tuple[list[str], dict[str, str]]:
    """The installed `cockpit` script beside this Python, else `python -m cockpit`."""
    env = dict(os.environ)
    script = Path(sys.executable).parent / "cockpit"
    if script.exists():
        return [str(script)], env
    root = str(Path(cockpit.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "cockpit"], env


# A child's ru_maxrss starts at its parent's peak (Linux carries the high-water mark
# across fork and exec), so a small, fresh launcher runs `cockpit` and reports the
# wall time and peak RSS of that grandchild; the bench's own memory stays out of it.
_LAUNCHER = """
import os, sys, time
null = os.open(os.devnull, os.O_RDWR)
quiet = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1)]
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=quiet)
_, status, usage = os.wait4(pid, 0)
wall = (time.perf_counter() - start) * 1000
print(os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss)
"""


IMPORT_RICH = [sys.executable, "-c", "import rich"]


def run_today(path: Path, today: date) -> tuple[float, float]:
    """Run `cockpit today --json` once: (wall ms, peak RSS MB)."""
    command, _ = cockpit_command()
    args = [*command, "--data", str(path), "--date", today.isoformat(), "today", "--json"]
    return run_python(path, args)


def run_python(path: Path, args: list[str]) -> tuple[float, float]:
    """Run `args` (a Python command) once, as `cockpit today` runs: (wall ms, peak RSS MB)."""
    _, env = cockpit_command()
    config = path.parent / "bench-config.toml"
    if not config.exists():
        config.write_text(f'timezone = "{TZ}"\n', encoding="utf-8")
    env["COCKPIT_CONFIG"] = str(config)
    # An installed package runs from compiled bytecode; keep it beside the data set even
    # where PYTHONDONTWRITEBYTECODE is set or the source folder is not writable.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(path.parent.parent / "pycache")
    launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, *args]
    done = subprocess.run(launcher, env=env, capture_output=True, text=True, check=False)
    try:
        code, wall, rss = done.stdout.split()
    except ValueError:
        raise BenchError(f"the launcher failed: {done.stderr.strip()}") from None
    if int(code) != 0:
        raise BenchError(f"`{' '.join(args)}` exited {code}: {done.stderr.strip()}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    return float(wall), int(rss) / (2**20 if sys.platform == "darwin" else 2**10)


# -- running and reporting ----------------------------------------------------------------

Progress = Callable[[str], None]


@dataclass
class Report:
    today: date
    rounds: int
    process_rounds: int
    specs: dict[str, DatasetSpec] = field(default_factory=dict)
    results: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def judged(self) -> str | None:
        """The data set targets are judged on: heavy, else the largest one measured."""
        if JUDGED in self.results:
            return JUDGED
        return next(reversed(self.results), None)

    def missed(self) -> list[str]:
        results = self.results.get(self.judged or "", {})
        return [
            r.name
            for r in ROWS
            if r.target is not None and r.name in results and results[r.name] > r.target
        ]


def measure(
    specs: Sequence[DatasetSpec],
    *,
    today: date = BENCH_TODAY,
    rounds: int = 7,
    process_rounds: int = 5,
    rows: Sequence[Row] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Build each data set in a temp folder and take the median of every row."""
    say = progress or (lambda _: None)
    report = Report(today, rounds, process_rounds)
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-") as temp:
        for spec in specs:
            started = time.perf_counter()
            sizes = {"processes": spec.processes, "years": spec.years}
            sizes["focus_sessions"] = spec.focus_sessions
            path = build_dataset(Path(temp), spec.name, today=today, **sizes)
            # the steady state: a first open moves old history to the yearly archives
            Store.open(path, today=today, now=FixedClock.on(today, TZ).now()).close()
            bench = Bench(spec.name, path, today, rounds, process_rounds)
            say(
                f"{spec.name}: {count_docs(path, 'occurrences'):,} occurrences, "
                f"{count_docs(path, 'focus'):,} focus sessions, built in {_ms(started):,.0f} ms"
            )
            report.specs[spec.name] = spec
            results = report.results.setdefault(spec.name, {})
            for item in rows or ROWS:
                results[item.name] = statistics.median(item.measure(bench))
                say(f"{spec.name}: {item.name} = {results[item.name]:,.2f} {item.unit}")
    return report


def main(as_json: bool, quick: bool, check: bool = False) -> None:
    """`cockpit bench [--json] [--quick]`; with `check`, exit 1 when a target is missed."""
    from rich.console import Console

    import cockpit.bench.insight_rows
    import cockpit.bench.sync_rows
    import cockpit.bench.tui_rows  # noqa: F401  (registers the TUI rows)
    from cockpit.bench.report_text import print_table, report_json

    errors = Console(stderr=True)
    specs = [YEAR] if quick else [YEAR, HEAVY]
    report = measure(
        specs,
        rounds=3 if quick else 7,
        process_rounds=2 if quick else 5,
        progress=lambda text: errors.print(text, style="dim", markup=False),
    )
    if as_json:
        sys.stdout.write(orjson.dumps(report_json(report), option=orjson.OPT_INDENT_2).decode())
        sys.stdout.write("\n")
    else:
        print_table(report)
    missed = report.missed()
    if check and missed:
        missed_text = f"missed targets on {report.judged}: {', '.join(missed)}"
        errors.print(missed_text, style="bold red", markup=False)
        raise SystemExit(1)
