"""Bench rows of the TUI: first paint in a real terminal, and the repaint after a step is done.

First paint is measured in tmux at 120x40: the time from starting the command until
its first frame shows on the terminal, against a bare Textual app (one Static) timed
in the same run, alternating, so both see the same machine. The repaint is measured
in-process (App.run_test): from the key event to the step leaving the list, while the
write and the reload run in a worker thread.

The day shown (the first due step row, " ○ ", on screen) is timed in the same runs as the
first frame and judged against the bare app's paint; so is `cockpit demo`'s (issue 13),
with its own bare runs, in a cache folder of its own.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from cockpit.bench.datasets import TZ
from cockpit.bench.run import Bench, BenchError, cockpit_command, row
from cockpit.clock import FixedClock
from cockpit.config import Settings

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("bare app ready")

Bare().run()
"""
PAINT_ROUNDS = 5  # alternating bare/Cockpit runs; the median of 5 steadies a noisy machine
_paint_cache: dict[str, tuple[list[float], list[float], list[float]]] = {}
_demo_cache: dict[str, tuple[list[float], list[float]]] = {}


def _with_env(command: list[str], env: dict[str, str]) -> list[str]:
    """`command` behind `env`, carrying what `env` changes from this process's environment.

    A session's environment comes from the tmux server, not from the client that asks for
    it: the server, started earlier, would drop these changes.
    """
    unset = [arg for name in sorted(set(os.environ) - set(env)) for arg in ("-u", name)]
    changed = [f"{name}={value}" for name, value in env.items() if os.environ.get(name) != value]
    return ["env", *unset, *changed, *command]


def _paint_ms(command: list[str], marker: str, env: dict[str, str]) -> float:
    name = f"cockpit-bench-{uuid.uuid4().hex[:8]}"
    shell = shlex.join(_with_env(command, env))
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", shell],
        check=True,
    )
    try:
        while time.perf_counter() - start < 30:
            shown = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if marker in shown:
                return (time.perf_counter() - start) * 1000
            time.sleep(0.002)
        raise BenchError(f"{marker!r} never appeared in tmux")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def _paints(bench: Bench) -> tuple[list[float], list[float], list[float]]:
    """(bare app, cockpit first frame, cockpit with the day shown), alternating runs."""
    if bench.name in _paint_cache:
        return _paint_cache[bench.name]
    if shutil.which("tmux") is None:
        raise BenchError("tmux is not installed: first paint is measured in a real terminal")
    command, env = cockpit_command()
    bare: list[float] = []
    first: list[float] = []
    shown: list[float] = []
    # a session that outlives the measured ones: the tmux server would otherwise exit with
    # the last session and race the start of the next one ("server exited unexpectedly")
    keeper = f"cockpit-bench-keeper-{uuid.uuid4().hex[:8]}"
    subprocess.run(["tmux", "new-session", "-d", "-s", keeper, "sleep 3600"], check=True)
    try:
        _measure_paints(bench, command, env, bare, first, shown)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keeper], capture_output=True)
    _paint_cache[bench.name] = (bare, first, shown)
    return bare, first, shown


def _measure_paints(
    bench: Bench,
    command: list[str],
    env: dict[str, str],
    bare: list[float],
    first: list[float],
    shown: list[float],
) -> None:
    with tempfile.TemporaryDirectory(prefix="cockpit-paint-") as folder:
        # like an installed package: compiled bytecode for both apps (the warm-up writes it)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        script = Path(folder) / "bare.py"
        script.write_text(BARE_APP)
        day = f"{bench.today:%d %b %Y}"
        cockpit = [*command, "--data", str(bench.path), "--date", bench.today.isoformat()]
        _paint_ms([sys.executable, str(script)], "bare app ready", env)  # warm caches
        _paint_ms(cockpit, day, env)
        for _ in range(PAINT_ROUNDS):
            bare.append(_paint_ms([sys.executable, str(script)], "bare app ready", env))
            first.append(_paint_ms(cockpit, day, env))
            shown.append(_paint_ms(cockpit, " ○ ", env))


@row("bare_paint_ms", "ms")
def bare_paint_ms(bench: Bench) -> list[float]:
    return _paints(bench)[0]


@row("first_paint_ms", "ms")
def first_paint_ms(bench: Bench) -> list[float]:
    return _paints(bench)[1]


@row("first_paint_ratio", "x", 1.25)
def first_paint_ratio(bench: Bench) -> list[float]:
    bare, first, _ = _paints(bench)
    return [statistics.median(first) / statistics.median(bare)]


@row("day_shown_ms", "ms")
def day_shown_ms(bench: Bench) -> list[float]:
    return _paints(bench)[2]


@row("day_shown_ratio", "x", 1.5)
def day_shown_ratio(bench: Bench) -> list[float]:
    """The first due step row on screen, against the bare app's first paint (issue 13)."""
    bare, _, shown = _paints(bench)
    return [statistics.median(shown) / statistics.median(bare)]


@row("demo_shown_ms", "ms")
def demo_shown_ms(bench: Bench) -> list[float]:
    return _demo_paints()[1]


@row("demo_shown_ratio", "x", 1.6)
def demo_shown_ratio(bench: Bench) -> list[float]:
    """`cockpit demo`'s first due step row against the bare app's first paint: the first
    thing a newcomer runs. The same for every data set (the demo brings its own)."""
    bare, shown = _demo_paints()
    return [statistics.median(shown) / statistics.median(bare)]


def _demo_paints() -> tuple[list[float], list[float]]:
    """(bare app, `cockpit demo` with its day shown), alternating runs, measured once."""
    if "demo" in _demo_cache:
        return _demo_cache["demo"]
    if shutil.which("tmux") is None:
        raise BenchError("tmux is not installed: first paint is measured in a real terminal")
    command, env = cockpit_command()
    bare: list[float] = []
    shown: list[float] = []
    keeper = f"cockpit-bench-keeper-{uuid.uuid4().hex[:8]}"
    subprocess.run(["tmux", "new-session", "-d", "-s", keeper, "sleep 3600"], check=True)
    try:
        with tempfile.TemporaryDirectory(prefix="cockpit-demo-paint-") as folder:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
            env["XDG_CACHE_HOME"] = str(Path(folder) / "cache")  # its template, not the user's
            script = Path(folder) / "bare.py"
            script.write_text(BARE_APP)
            # each run keeps its demo in a folder of its own: `demo --keep` never replaces a
            # data file; the day's template in the cache folder is copied each time
            demos = (
                [*command, "demo", "--keep", str(Path(folder) / f"demo-{n}")]
                for n in range(PAINT_ROUNDS + 1)
            )
            # warm caches; the first demo builds the day's template, as a newcomer's first run
            _paint_ms([sys.executable, str(script)], "bare app ready", env)
            _paint_ms(next(demos), " ○ ", env)
            for demo in demos:
                bare.append(_paint_ms([sys.executable, str(script)], "bare app ready", env))
                shown.append(_paint_ms(demo, " ○ ", env))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keeper], capture_output=True)
    _demo_cache["demo"] = (bare, shown)
    return bare, shown


@row("repaint_complete_ms", "ms", 50)
def repaint_complete_ms(bench: Bench) -> list[float]:
    return asyncio.run(_repaints(bench.scratch(), bench))


async def _repaints(path: Path, bench: Bench) -> list[float]:
    from textual.widgets.option_list import OptionDoesNotExist

    from cockpit.tui.app import build_app
    from cockpit.tui.screens.today import TodayScreen
    from cockpit.tui.widgets.step_list import StepList

    app = build_app(path, FixedClock.on(bench.today, TZ), Settings(timezone=TZ))
    samples: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.perf_counter() + 30
        while not (isinstance(app.screen, TodayScreen) and app.screen.plan is not None):
            if time.perf_counter() > deadline:
                raise BenchError("the day never loaded")
            await pilot.pause(0.01)
        steps = app.screen.query_one(StepList)
        for _ in range(bench.rounds):
            key = steps.current_key
            if key is None:
                break
            start = time.perf_counter()
            app.simulate_key("x")  # Pilot.press would also wait for the workers to go idle
            while time.perf_counter() - start < 5:
                try:
                    steps.get_option(key)
                except OptionDoesNotExist:
                    break
                await asyncio.sleep(0.0005)
            samples.append((time.perf_counter() - start) * 1000)
            await app.workers.wait_for_complete()
            await pilot.pause()
    if not samples:
        raise BenchError("no step to complete")
    return samples
