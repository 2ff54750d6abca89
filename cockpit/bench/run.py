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
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import orjson

from cockpit.bench.datasets import TZ, build_dataset, count_docs
from cockpit.bench.processes import IMPORT_RICH as IMPORT_RICH
from cockpit.bench.processes import BenchError as BenchError
from cockpit.bench.processes import cockpit_command as cockpit_command
from cockpit.bench.processes import run_python as run_python
from cockpit.bench.processes import run_today as run_today
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
    tasks: int = 0  # one-off to-dos (inbox, dated, done, some titles again and again)


YEAR = DatasetSpec("year", processes=40, years=1, focus_sessions=2_400, tasks=400)
HEAVY = DatasetSpec("heavy", processes=60, years=5, focus_sessions=12_000, tasks=2_000)
COMPLETE_ROUNDS = 15  # of which the first two are cold by design (see `complete_ms`)
# a kept `today` and `import rich` take ~20-40 ms each: three pairs for each cold run (~200
# ms) steady the ratio's medians at little cost
WARM_PER_COLD = 3


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
    _cold_runs: list[tuple[float, float]] | None = field(default=None, repr=False)
    _complete_runs: list[float] | None = field(default=None, repr=False)
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
        settle_disk()
        return copy / self.path.name

    def process_runs(self) -> list[tuple[float, float]]:
        """(wall ms, peak RSS MB) of `cockpit today --json` runs as a user running it twice
        sees the second (the answer kept by the first), measured once per data set,
        alternating with runs of `python -c "import rich"` (`rich_runs`), the floor of any
        Python command that prints a table, so both see the same machine, and with cold
        runs (`cold_runs`: an empty cache folder each, the whole path, keeping its answer)."""
        if self._process_runs is None:
            warm = self.path.parent.parent / f"{self.name}-cache"
            run_today(self.path, self.today, warm)  # unmeasured: the bytecode, the file
            run_python(self.path, IMPORT_RICH)  # caches, and the answer kept
            self._process_runs, self._rich_runs, self._cold_runs = [], [], []
            for round_no in range(self.process_rounds * WARM_PER_COLD):
                self._rich_runs.append(run_python(self.path, IMPORT_RICH)[0])
                self._process_runs.append(run_today(self.path, self.today, warm))
                if round_no % WARM_PER_COLD == WARM_PER_COLD - 1:
                    cold = self.path.parent.parent / f"{self.name}-cold-{round_no}"
                    self._cold_runs.append(run_today(self.path, self.today, cold))
                    shutil.rmtree(cold, ignore_errors=True)
        return self._process_runs

    def cold_runs(self) -> list[tuple[float, float]]:
        """(wall ms, peak RSS MB) of `cockpit today --json` with nothing kept: the whole path."""
        self.process_runs()
        assert self._cold_runs is not None
        return self._cold_runs

    def complete_runs(self) -> list[float]:
        """ms of COMPLETE_ROUNDS completes of different open steps, on a copy, each fsynced.
        The first write after opening encodes the whole file, the second cuts it in slices,
        later ones re-encode only the slices that changed: rounds 1-2 are cold by design."""
        if self._complete_runs is None:
            self._complete_runs = []
            with self.open(self.scratch()) as ctx:
                keys = [due.id for due in plan_day(ctx).steps][:COMPLETE_ROUNDS]
                if not keys:
                    raise BenchError(f"{self.name}: no open step to complete")
                for key in keys:
                    start = time.perf_counter()
                    actions.complete(ctx, key)
                    self._complete_runs.append(_ms(start))
        return self._complete_runs

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


SETTLE_LEAST = 6.0  # seconds `settle_disk` waits at least (see there)


def settle_disk(quiet_for: float = 1.5, most: float = 15.0) -> None:
    """Write out what the bench itself just wrote (a data set built, a folder copied) and
    wait until the disks have been idle for `quiet_for` seconds (at most `most`): on ext4
    the next fsyncs otherwise waited for that work (the journal's checkpoints go on for
    seconds after a sync), and a complete measured the bench's own building, 16 ms where a
    settled disk takes 8 (a user's folder is not rewritten whole before each step done).
    At least SETTLE_LEAST seconds: on this project's VMs the fsyncs stay slow that long after a
    burst of writes while /proc/diskstats shows no work (a rate limit outside the VM)."""
    if hasattr(os, "sync"):
        os.sync()
    start = time.monotonic()
    last, quiet_since = _disk_activity(), start
    while (moment := time.monotonic()) - start < most:
        time.sleep(0.1)
        now = _disk_activity()
        if now != last:
            last, quiet_since = now, moment
        elif moment - quiet_since >= quiet_for and moment - start >= SETTLE_LEAST:
            return


def _disk_activity() -> tuple[int, ...] | None:
    """Every disk's counts of reads and writes done (/proc/diskstats), or None off Linux."""
    try:
        lines = Path("/proc/diskstats").read_text().splitlines()
    except OSError:
        return None
    return tuple(int(field) for line in lines for field in line.split()[3:11])


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
    """Complete a different open step each round (15 rounds, the 2 cold ones included, so
    the median is the steady state's); every write is fsynced."""
    return bench.complete_runs()


@row("complete_cold_ms", "ms", context=True)
def complete_cold_ms(bench: Bench) -> list[float]:
    """The two cold completes of `complete_ms`: the whole file encoded, then cut in slices."""
    return bench.complete_runs()[:2]


@row("today_wall_ms", "ms", 200)
def today_wall_ms(bench: Bench) -> list[float]:
    """`cockpit today --json` run again: the answer kept by the run before."""
    return [wall for wall, _ in bench.process_runs()]


@row("today_cold_ms", "ms", 200)
def today_cold_ms(bench: Bench) -> list[float]:
    """`cockpit today --json` with nothing kept (the first run of a day, or after a write)."""
    return [wall for wall, _ in bench.cold_runs()]


@row("import_rich_ms", "ms")
def import_rich_ms(bench: Bench) -> list[float]:
    return bench.rich_runs()


@row("today_ratio", "x", 1.5)
def today_ratio(bench: Bench) -> list[float]:
    """`cockpit today` against `python -c "import rich"`, medians of the same alternating runs."""
    today = statistics.median(wall for wall, _ in bench.process_runs())
    return [today / statistics.median(bench.rich_runs())]


@row("today_cold_ratio", "x", context=True)
def today_cold_ratio(bench: Bench) -> list[float]:
    """The cold `cockpit today` against `python -c "import rich"` of the same rounds."""
    today = statistics.median(wall for wall, _ in bench.cold_runs())
    return [today / statistics.median(bench.rich_runs())]


@row("peak_rss_mb", "MB", 120)
def peak_rss_mb(bench: Bench) -> list[float]:
    """Of the cold runs: the whole path (a kept answer takes a few MB)."""
    return [rss for _, rss in bench.cold_runs()]


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
            sizes |= {"focus_sessions": spec.focus_sessions, "tasks": spec.tasks}
            path = build_dataset(Path(temp), spec.name, today=today, **sizes)
            # the steady state: a first open moves old history to the yearly archives
            Store.open(path, today=today, now=FixedClock.on(today, TZ).now()).close()
            settle_disk()
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
