"""`cockpit bench`'s child processes: `cockpit today` and `python -c "import rich"`, timed
from a small launcher so the bench's own memory stays out of their peak RSS."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import cockpit
from cockpit.bench.datasets import TZ


class BenchError(Exception):
    """A measurement could not be taken (the data set or a subprocess failed)."""


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


def run_today(path: Path, today: date, cache: Path) -> tuple[float, float]:
    """Run `cockpit today --json` once, with `cache` as the cache folder: (wall ms, peak
    RSS MB)."""
    command, _ = cockpit_command()
    args = [*command, "--data", str(path), "--date", today.isoformat(), "today", "--json"]
    return run_python(path, args, {"XDG_CACHE_HOME": str(cache)})


def run_python(
    path: Path, args: list[str], extra: dict[str, str] | None = None
) -> tuple[float, float]:
    """Run `args` (a Python command) once, as `cockpit today` runs: (wall ms, peak RSS MB)."""
    _, env = cockpit_command()
    env.update(extra or {})
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
