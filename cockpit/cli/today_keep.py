"""A normal `cockpit today` run whose answer is kept for the next one (see `cockpit.cli.fast`).

The click group runs as always, with standard output and error copied as they are written.
What the answer depends on is looked at before the run and again after it; the answer is
kept only when the run succeeded, printed everything it meant to, and nothing changed in
between (a write by another Cockpit during the run leaves nothing kept).
"""

from __future__ import annotations

import io
import sys
import time
from datetime import datetime, timedelta
from datetime import time as midnight
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cockpit.cli import fast
from cockpit.services.cache_files import file_identity, keep_file

if TYPE_CHECKING:
    from cockpit.cli.fast import Shape

# a data file changed this recently could change again within the same timestamp tick
SETTLED_NS = 50_000_000
COARSE_WINDOW_NS = 2_000_000_000  # a whole-second time (FAT, some mounts) this recent


class Tee(io.TextIOBase):
    """A text stream that writes through to `real` and remembers what it wrote."""

    def __init__(self, real: TextIO) -> None:
        super().__init__()
        self.real = real
        self.parts: list[str] = []
        self.broken = False  # a write or flush failed (a closed pipe): the copy is not whole

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        try:
            written = self.real.write(text)
        except OSError:
            self.broken = True
            raise
        self.parts.append(text)
        return written

    def flush(self) -> None:
        try:
            self.real.flush()
        except OSError:
            self.broken = True
            raise

    def isatty(self) -> bool:
        return self.real.isatty()

    def fileno(self) -> int:
        return self.real.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.real.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.real.errors

    def payload(self) -> bytes:
        return "".join(self.parts).encode(self.real.encoding, self.real.errors or "strict")


def day_span(timezone: str, now_ns: int) -> tuple[int, int] | None:
    """(now, the next midnight) in ns: while the clock is in it, the real date in `timezone`
    is the one it is now. None when the zone makes that unclear."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    now = datetime.fromtimestamp(now_ns / 1e9, zone)
    day = now.date()
    next_day = datetime.combine(day + timedelta(days=1), midnight(), zone)
    until_ns = int(next_day.timestamp()) * 1_000_000_000
    last = datetime.fromtimestamp(until_ns / 1e9 - 1, zone).date()
    if last != day or datetime.fromtimestamp(until_ns / 1e9, zone).date() == day:
        return None
    return (now_ns, until_ns)


class Seen:
    """What an answer depends on, as it was at one moment."""

    __slots__ = ("code", "config", "data", "since_ns", "stable", "timezone", "until_ns")

    def __init__(
        self,
        stable: tuple[object, ...],
        code: str,
        config: tuple[str, bytes | None],
        data: tuple[str, tuple[object, ...]],
        span: tuple[int, int],
        timezone: str,
    ) -> None:
        self.stable, self.code, self.config, self.data = stable, code, config, data
        self.since_ns, self.until_ns = span
        self.timezone = timezone

    def same(self, other: Seen | None) -> bool:
        """Nothing changed from `self` to `other` (a later look), the date neither."""
        return other is not None and (
            (self.stable, self.code, self.config, self.data, self.until_ns)
            == (other.stable, other.code, other.config, other.data, other.until_ns)
        )

    def entry(self, out: bytes, err: bytes) -> tuple[object, ...]:
        """The kept answer, as `fast.kept_answer` reads it."""
        return (
            self.stable,
            self.code,
            self.config,
            self.since_ns,
            self.until_ns,
            self.data,
            out,
            err,
        )


def observe(shape: Shape, stable: tuple[object, ...], earlier: Seen | None = None) -> Seen | None:
    """What the answer depends on, now (None: too unsure to keep an answer): the code, the
    config, the data file and its archives, the date's span. A look after an `earlier` one
    reads the config's bytes again but not its settings: the same bytes, the same settings
    (and other bytes fail `same` anyway)."""
    from cockpit.cli.options import Options

    now_ns = time.time_ns()
    config = fast.config_bytes()  # before the settings: a change between shows as a change
    if earlier is None:
        options = Options(data=Path(shape.data) if shape.data is not None else None)
        settings = options.settings()
        path, timezone = options.data_path(settings), settings.timezone
    else:
        path, timezone = Path(earlier.data[0]), earlier.timezone
    identity = file_identity(path)
    if identity is None:
        return None
    mtime_ns = identity[3]
    if now_ns - mtime_ns < SETTLED_NS:
        return None
    if mtime_ns % 1_000_000_000 == 0 and now_ns - mtime_ns < COARSE_WINDOW_NS:
        return None
    span = day_span(timezone, now_ns)
    if span is None:
        return None
    data = (str(path), fast.data_state(str(path)))
    return Seen(stable, fast.code_fingerprint(), config, data, span, timezone)


def keep(entry: tuple[object, ...], stable: tuple[object, ...]) -> None:
    """Write the entry atomically, 0600 in a 0700 folder."""
    keep_file(fast.entry_path(stable), fast.encode_entry(entry), fast.PREFIX)


def _exit_code(stop: SystemExit) -> int:
    if stop.code is None:
        return 0
    return stop.code if isinstance(stop.code, int) else 1


def run_and_keep(shape: Shape, stable: tuple[object, ...] | None) -> None:
    """Run `today` through the group; keep its answer when it can stand for the next run."""
    from cockpit.cli.main import main as group_main

    before = None
    if stable is not None and sys.stdout is not None and sys.stderr is not None:
        try:
            before = observe(shape, stable)
        except Exception:  # a bad config, a file that vanished: the run says what is wrong
            before = None
    if before is None:
        group_main()
        return
    out, err = Tee(sys.stdout), Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    stopped: SystemExit | None = None
    try:
        group_main()
    except SystemExit as stop:
        stopped = stop
    finally:
        sys.stdout, sys.stderr = out.real, err.real
    code = 0 if stopped is None else _exit_code(stopped)
    if code == 0 and not (out.broken or err.broken):
        try:
            if stable is not None and before.same(observe(shape, stable, before)):
                keep(before.entry(out.payload(), err.payload()), stable)
        except Exception:
            pass  # a cache folder that cannot be written costs the next run its speed only
    if stopped is not None:
        raise stopped
