"""The `cockpit` entry point: `cockpit today` answered from the answer kept by the last run.

`cockpit [--data P] [--date D] today [--json]` prints the same bytes as long as nothing it
depends on has changed, so the last run's answer is kept in the cache folder and printed
again, byte for byte, before click, rich or the store are imported (`cockpit today` would
otherwise cost ~8x a bare `python -c "import rich"`). Any other command line, and any doubt,
goes to the click group (`cockpit.cli.main`).

An answer is printed only when all of these are as they were when it was kept:
- the command line, the folder it runs in, the environment Cockpit, Python and rich read
  (COCKPIT_*, XDG_*, HOME, TZ, TERM, COLUMNS, NO_COLOR...), the system's time zone link,
  what standard output and error are (a terminal or not, its size, the encoding);
- the code: the Python that runs and the stat of every file of the cockpit package and of
  every folder on the import path (an edit, a `pip install` both change them);
- the config file's bytes;
- the data file's identity (device, inode, size, modification time: every write changes it),
  and that of the yearly archives beside it, and whether its folder can be written (the
  `(read-only: ...)` line on stderr says so);
- the real date in the configured time zone (the answer holds from midnight to midnight).

Entries are written by `cockpit.cli.today_keep` after a normal run (0600, atomically, in the
cache folder); one that cannot be read whole, or whose checksum fails, is ignored.
"""

from __future__ import annotations

import gc
import marshal
import os
import sys
import time
import zlib
from pathlib import Path

from cockpit.services.cache_files import cache_folder, file_identity

FORMAT = 1
MAGIC = b"cockpit-today\n"
CHECKSUM_BYTES = 4  # CRC-32 of the rest: a torn or edited entry is never printed
PREFIX = "today-"  # the kept answers' names in the cache folder
ARCHIVE = "archive"  # the yearly archives' folder beside the data file (store/archive.py)
MAX_BYTES = 8 * 2**20
PACKAGE = Path(__file__).resolve().parent.parent

# what rich, click, Python and Cockpit read from the environment for `today`
ENV_PREFIXES = ("COCKPIT_", "XDG_", "PYTHON", "LC_", "JUPYTER_")
ENV_NAMES = frozenset(
    {
        "HOME",
        "TZ",
        "LANG",
        "LANGUAGE",
        "TERM",
        "COLORTERM",
        "NO_COLOR",
        "FORCE_COLOR",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
        "COLUMNS",
        "LINES",
        "CLICOLOR",
        "CLICOLOR_FORCE",
    }
)


class Shape:
    """The one command line answered here: `[--data P] [--date D] today [--json]`."""

    __slots__ = ("as_json", "data", "day")

    def __init__(self, data: str | None, day: str | None, as_json: bool) -> None:
        self.data, self.day, self.as_json = data, day, as_json

    def key(self) -> tuple[str | None, str | None, bool]:
        return (self.data, self.day, self.as_json)


def today_shape(args: list[str]) -> Shape | None:
    """The shape of `args` when it is `[--data P] [--date D] today [--json]` (the options
    before or after `today`, each once), else None: anything else is the group's to read."""
    found = read_words(args, frozenset({"today", "--json"}))
    if found is None:
        return None
    values, words = found
    if "today" not in words or words[0] != "today":  # --json after today only
        return None
    as_json = "--json" in words
    return Shape(values.get("--data"), values.get("--date"), as_json)


def read_words(args: list[str], words: frozenset[str]) -> tuple[dict[str, str], list[str]] | None:
    """`--data P` and `--date D` (or `--data=P`; each once, a value that is no option) and
    the words of `words` (each once, in the order given), else None: the group reads it."""
    values: dict[str, str] = {}
    seen: list[str] = []
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if token in words and token not in seen:
            seen.append(token)
            continue
        name, equals, value = token.partition("=")
        if name not in ("--data", "--date") or name in values:
            return None
        if not equals:
            if index >= len(args):
                return None
            value = args[index]
            index += 1
        if not value or value.startswith("-") or "\0" in value:
            return None
        values[name] = value
    return values, seen


def _terminal(fd: int) -> tuple[int, int] | None:
    try:
        size = os.get_terminal_size(fd)
    except (OSError, ValueError):
        return None
    return (size.columns, size.lines)


def _stream(stream: object) -> tuple[str | None, str | None, bool]:
    try:
        tty = bool(stream.isatty())  # type: ignore[attr-defined]
    except Exception:
        tty = False
    return (getattr(stream, "encoding", None), getattr(stream, "errors", None), tty)


def _cwd_matters(shape: Shape) -> bool:
    """A relative path (--data, $COCKPIT_DATA, $COCKPIT_CONFIG, the config's `data =`) is
    read from the folder the command runs in."""
    env = os.environ
    paths = [shape.data or env.get("COCKPIT_DATA") or "", env.get("COCKPIT_CONFIG") or "/"]
    if shape.data is None and not env.get("COCKPIT_DATA"):
        return True  # the config's `data =` may be relative
    return not all(os.path.isabs(os.path.expanduser(path)) for path in paths)


def stable_key(shape: Shape) -> tuple[object, ...]:
    """What names the kept answer: the command line and where it runs (all but the code,
    the config, the data and the date, which the entry is checked against)."""
    env = os.environ
    names = sorted(k for k in env if k in ENV_NAMES or k.startswith(ENV_PREFIXES))
    screen: tuple[object, ...] = ()
    if not shape.as_json:  # the table's width and colours (rich reads fds 0, 1 and 2)
        screen = (_terminal(0), _terminal(1), _terminal(2))
    return (
        FORMAT,
        sys.version,
        sys.executable,
        str(PACKAGE),
        shape.key(),
        os.getcwd() if _cwd_matters(shape) else None,
        tuple((name, env[name]) for name in names),
        os.path.realpath("/etc/localtime"),
        _stream(sys.stdout),
        _stream(sys.stderr),
        screen,
    )


def entry_path(stable: tuple[object, ...]) -> Path:
    text = repr(stable).encode()  # the name only spreads them: the entry holds the key whole
    name = f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"
    return cache_folder() / f"{PREFIX}{name}.bin"


def code_fingerprint(package: Path = PACKAGE) -> str:  # compared whole, never hashed
    """The stat of every file of the package (but compiled bytecode) and of every folder on
    the import path: an edit, a new module, an install or an upgrade each change it."""
    found: list[tuple[str, int, int]] = []
    folders = [str(package)]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                    continue
                info = entry.stat()
                found.append((entry.path, info.st_size, info.st_mtime_ns))
    for place in sys.path:
        try:
            info = os.stat(place or ".")
        except OSError:
            continue
        found.append((place, info.st_ino, info.st_mtime_ns))
    found.sort()
    return repr(found)


def config_bytes() -> tuple[str, bytes | None]:
    """The config file's path and bytes (None: there is none)."""
    from cockpit.locations import config_path

    path = config_path()
    try:
        with open(path, "rb") as handle:
            return (str(path), handle.read())
    except FileNotFoundError:
        return (str(path), None)


def archive_state(data: str) -> tuple[object, ...] | None:
    """The identity of the yearly archives beside the data file (the day reads a year's
    archive when a --date falls in it), and whether each can be read; None when there are
    none. A folder that cannot be looked into raises (no answer is printed then)."""
    folder = os.path.join(os.path.dirname(os.path.realpath(data)), ARCHIVE)
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return None
    entries = sorted((entry.name, entry.path) for entry in os.scandir(folder))
    files = tuple(
        (name, file_identity(Path(path)), os.access(path, os.R_OK)) for name, path in entries
    )
    return ((info.st_dev, info.st_ino, info.st_mtime_ns), files)


def data_state(data: str) -> tuple[object, ...]:
    """What the answer read on disk: the data file (its identity, whether it can be read: a
    chmod changes neither size nor time), its archives, and whether its folder can be
    written (the `(read-only: ...)` line)."""
    folder = os.path.dirname(os.path.realpath(data))
    readable = os.access(data, os.R_OK)
    return (file_identity(Path(data)), readable, archive_state(data), os.access(folder, os.W_OK))


def _read_entry(path: Path) -> tuple[object, ...] | None:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    head = len(MAGIC) + CHECKSUM_BYTES
    if len(raw) > MAX_BYTES or len(raw) < head or not raw.startswith(MAGIC):
        return None
    body = raw[head:]
    if _checksum(body) != raw[len(MAGIC) : head]:  # torn, cut short, edited
        return None
    try:
        entry = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    return entry if isinstance(entry, tuple) and len(entry) == 8 else None


def _checksum(body: bytes) -> bytes:
    return zlib.crc32(body).to_bytes(CHECKSUM_BYTES, "big")


def encode_entry(entry: tuple[object, ...]) -> bytes:
    body = marshal.dumps(entry)  # type: ignore[arg-type]  # (nested tuples, bytes, str, int)
    return MAGIC + _checksum(body) + body


def kept_answer(
    shape: Shape, stable: tuple[object, ...], now_ns: int
) -> tuple[bytes, bytes] | None:
    """(stdout, stderr) of the kept answer for `shape`, when everything it depends on is as
    it was; None otherwise (no entry, an unreadable one, or anything changed)."""
    entry = _read_entry(entry_path(stable))
    if entry is None:
        return None
    kept_stable, code, config, since_ns, until_ns, data, out, err = entry
    if kept_stable != stable or not (isinstance(since_ns, int) and isinstance(until_ns, int)):
        return None
    if not since_ns <= now_ns < until_ns or not isinstance(data, tuple) or len(data) != 2:
        return None
    path, state = data
    if not isinstance(path, str) or not isinstance(out, bytes) or not isinstance(err, bytes):
        return None
    if state != data_state(path) or config != config_bytes() or code != code_fingerprint():
        return None
    return (out, err)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def print_kept(out: bytes, err: bytes) -> None:
    """Print the kept answer; a reader that closed the pipe is no error (as `reader_gone`)."""
    try:
        _write_all(1, out)
        _write_all(2, err)
    except BrokenPipeError:
        from cockpit.cli.pipe_reader import reader_gone

        reader_gone()
    except OSError as error:  # a full disk, a closed descriptor: one line, as the group says
        line = f"cockpit: error: {error.strerror or error}: {error.filename or ''}\n"
        os.write(2, line.encode(errors="replace"))
        raise SystemExit(1) from None


def main() -> None:
    """`cockpit`: a kept answer to `today` when there is one, the app when only --data,
    --date and --yes are given (`fast_launch`), else the click group.

    The cyclic garbage collector is held off while the modules load and the answer or the
    app's first day is made (about 5% of the app's first frame, which creates no cycles
    worth a collection): `today` exits soon, the app lets it run once the day is shown, and
    every other command gets it back before the group runs."""
    gc.disable()
    shape = today_shape(sys.argv[1:])
    if shape is None:
        from cockpit.cli.fast_launch import launch, launch_options

        options = launch_options(sys.argv[1:])
        if options is not None and launch(options):
            return
        gc.enable()
        from cockpit.cli.main import main as group_main

        group_main()
        return
    stable: tuple[object, ...] | None = None
    kept = None
    try:
        stable = stable_key(shape)
        kept = kept_answer(shape, stable, time.time_ns())
    except Exception:  # a kept answer is never worth a crash: the normal path answers
        kept = None
    if kept is not None:
        if sys.stdout is not None:
            sys.stdout.flush()
        print_kept(*kept)
        return
    from cockpit.cli.today_keep import run_and_keep

    run_and_keep(shape, stable)
