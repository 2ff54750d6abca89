"""`cockpit today` answered from the last run's kept answer (cockpit/cli/fast.py): the same
bytes as the normal path, and a miss whenever anything the answer depends on changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.cli import fast
from tests.unit.cli.helpers import DAY, TIMEOUT, child_env

# the real entry, and a record of whether the group (click), rich or the store were loaded
PROBED = (
    "import atexit, os, sys\n"
    "def probe():\n"
    "    heavy = ('click', 'rich', 'cockpit.store', 'cockpit.cli.main', 'cockpit.services.day',\n"
    "             'hashlib', 'typing')\n"
    "    with open(os.environ['PERF_PROBE'], 'w') as out:\n"
    "        out.write(' '.join(m for m in heavy if m in sys.modules))\n"
    "atexit.register(probe)\n"
    "sys.argv = ['cockpit', *sys.argv[1:]]\n"
    "from cockpit.cli.fast import main\n"
    "main()\n"
)
# the normal path alone: the click group, no kept answer read or written
SLOW = (
    "import sys\nsys.argv = ['cockpit', *sys.argv[1:]]\nfrom cockpit.cli.main import main\nmain()\n"
)


def copy_of_the_code(target: Path) -> Path:
    """The package (and what it reads beside it) copied to `target`, for PYTHONPATH: the
    code fingerprint of a copy changes only when a test changes it, not when someone edits
    the working tree while the tests run."""
    package = Path(fast.__file__).resolve().parent.parent
    shutil.copytree(package, target / "cockpit", ignore=shutil.ignore_patterns("__pycache__"))
    for beside in ("sample_data", "themes"):
        if (package.parent / beside).is_dir():
            shutil.copytree(package.parent / beside, target / beside)
    return target


@pytest.fixture(scope="session")
def code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of_the_code(tmp_path_factory.mktemp("code"))


class Runs:
    """`cockpit` on data/c.json, run from an empty folder, with its own cache folder, on a
    copy of the code."""

    def __init__(self, tmp_path: Path, code: Path) -> None:
        self.code = code
        self.tmp_path = tmp_path
        self.data = tmp_path / "data" / "c.json"
        self.data.parent.mkdir()
        self.cwd = tmp_path / "run"
        self.cwd.mkdir()
        self.probe = tmp_path / "probe.txt"
        self.cache = tmp_path / "home" / "cache" / "cockpit"

    def run(
        self, code: str, *args: str, day: str = DAY, **env: str
    ) -> subprocess.CompletedProcess[bytes]:
        front = ["--data", str(self.data), "--date", day]
        return subprocess.run(
            [sys.executable, "-c", code, *front, *args],
            capture_output=True,
            cwd=self.cwd,
            env=child_env(
                self.tmp_path, PERF_PROBE=str(self.probe), **{"PYTHONPATH": str(self.code), **env}
            ),
            timeout=TIMEOUT,
            check=False,
        )

    def fast(self, *args: str, **kwargs: str) -> tuple[subprocess.CompletedProcess[bytes], bool]:
        """(the run, whether it was answered from the kept answer: no click, rich or store)."""
        self.probe.unlink(missing_ok=True)
        result = self.run(PROBED, *args, **kwargs)
        return result, self.probe.read_text() == ""

    def slow(self, *args: str, **kwargs: str) -> subprocess.CompletedProcess[bytes]:
        return self.run(SLOW, *args, **kwargs)

    def same_as_slow(self, *args: str, **kwargs: str) -> bool:
        """Run the entry; check it says byte for byte what the normal path says; whether it
        was a kept answer."""
        result, kept = self.fast(*args, **kwargs)
        slow = self.slow(*args, **kwargs)
        assert (result.returncode, result.stdout, result.stderr) == (
            slow.returncode,
            slow.stdout,
            slow.stderr,
        )
        return kept

    def entries(self) -> list[Path]:
        return sorted(self.cache.glob(f"{fast.PREFIX}*"))


@pytest.fixture
def runs(tmp_path: Path, code: Path) -> Runs:
    runs = Runs(tmp_path, code)
    result = runs.slow("init", "--sample")
    assert result.returncode == 0, result.stderr
    assert runs.slow("today").returncode == 0  # unrelated to the cache: the day's runs exist
    return runs


@pytest.mark.parametrize("args", [("today",), ("today", "--json")], ids=["table", "json"])
def test_the_second_today_is_the_kept_answer_byte_for_byte_without_click_or_rich(
    runs: Runs, args: tuple[str, ...]
) -> None:
    assert runs.same_as_slow(*args) is False  # the first run keeps its answer
    assert runs.entries()
    assert runs.same_as_slow(*args) is True
    assert runs.same_as_slow(*args) is True
    result, _ = runs.fast(*args)
    assert result.stdout.count(b"\n") > 5


def test_the_kept_answer_is_private_to_the_owner(runs: Runs) -> None:
    runs.fast("today")
    (entry,) = runs.entries()
    assert entry.stat().st_mode & 0o777 == 0o600
    assert runs.cache.stat().st_mode & 0o777 == 0o700
    assert not [p for p in runs.cache.iterdir() if p.name.startswith(".")]  # no temp file left


def test_a_write_by_done_is_a_miss(runs: Runs) -> None:
    runs.fast("today", "--json")
    assert runs.same_as_slow("today", "--json") is True
    before, _ = runs.fast("today", "--json")
    assert runs.slow("done", "1.1").returncode == 0
    assert runs.same_as_slow("today", "--json") is False
    after, kept = runs.fast("today", "--json")
    assert kept and after.stdout != before.stdout  # the new answer, kept in its turn
    assert b'"id": "1.1"' in before.stdout and b'"id": "1.1"' not in after.stdout


def test_a_touch_of_the_data_file_is_a_miss(runs: Runs) -> None:
    runs.fast("today")
    assert runs.same_as_slow("today") is True
    info = runs.data.stat()
    os.utime(runs.data, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert runs.same_as_slow("today") is False


def test_a_same_size_edit_in_place_with_its_time_put_back_is_a_miss(runs: Runs) -> None:
    """The outside tester's hole: same size, same inode, `touch -r` back to the old time;
    only the change time (which no one can set back) tells."""
    runs.fast("today")
    assert runs.same_as_slow("today") is True
    info = runs.data.stat()
    text = runs.data.read_bytes()
    edited = text.replace(b'"Admin"', b'"ADMIN"', 1)
    assert edited != text and len(edited) == len(text)
    with open(runs.data, "r+b") as handle:  # in place: the same inode
        handle.write(edited)
    os.utime(runs.data, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (runs.data.stat().st_ino, runs.data.stat().st_mtime_ns) == (
        info.st_ino,
        info.st_mtime_ns,
    )
    assert runs.same_as_slow("today") is False  # the edited file, read and checked


def test_another_date_is_a_miss_and_each_date_keeps_its_own(runs: Runs) -> None:
    runs.fast("today")
    assert runs.same_as_slow("today", day="2026-11-24") is False
    assert runs.same_as_slow("today", day="2026-11-24") is True
    assert runs.same_as_slow("today") is True


def test_another_config_is_a_miss(runs: Runs, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('timezone = "UTC"\n', encoding="utf-8")
    runs.fast("today", COCKPIT_CONFIG=str(config))
    assert runs.same_as_slow("today", COCKPIT_CONFIG=str(config)) is True
    config.write_text('timezone = "UTC"\n[roles]\norder = ["Admin"]\n', encoding="utf-8")
    assert runs.same_as_slow("today", COCKPIT_CONFIG=str(config)) is False
    assert runs.same_as_slow("today", COCKPIT_CONFIG=str(config)) is True


def test_another_width_is_a_miss(runs: Runs) -> None:
    runs.fast("today", COLUMNS="120")
    assert runs.same_as_slow("today", COLUMNS="120") is True
    assert runs.same_as_slow("today", COLUMNS="90") is False
    wide, _ = runs.fast("today", COLUMNS="120")
    narrow, _ = runs.fast("today", COLUMNS="90")
    assert wide.stdout != narrow.stdout


def test_a_corrupt_entry_is_ignored_and_replaced(runs: Runs) -> None:
    runs.fast("today")
    (entry,) = runs.entries()
    good = entry.read_bytes()
    for bad in (
        good[:-1] + bytes([good[-1] ^ 1]),  # one bit of the answer
        good[: len(good) // 2],  # cut short
        b"",
        b"\x00" * 200,
        fast.MAGIC + b"\x00" * fast.CHECKSUM_BYTES + b"not marshal",
        fast.MAGIC + fast._checksum(b"not marshal") + b"not marshal",  # whole, but no entry
        fast.encode_entry(("an entry", "of another shape")),
    ):
        entry.write_bytes(bad)
        assert runs.same_as_slow("today") is False
        assert fast._read_entry(entry) is not None  # kept again, whole
        assert runs.same_as_slow("today") is True


def test_an_answer_past_its_day_is_a_miss(runs: Runs) -> None:
    """The kept answer holds until the next midnight in the configured zone."""
    import marshal
    import time

    runs.fast("today")
    (entry,) = runs.entries()
    body = entry.read_bytes()[len(fast.MAGIC) + fast.CHECKSUM_BYTES :]
    kept = list(marshal.loads(body))
    kept[4] = time.time_ns() - 1  # its day ended a moment ago
    entry.write_bytes(fast.encode_entry(tuple(kept)))
    assert runs.same_as_slow("today") is False


def test_a_new_archive_beside_the_data_is_a_miss(runs: Runs) -> None:
    runs.fast("today")
    archive = runs.data.parent / fast.ARCHIVE
    archive.mkdir(exist_ok=True)
    assert runs.same_as_slow("today") is False
    assert runs.same_as_slow("today") is True
    (archive / "c-2019.json").write_text("{}", encoding="utf-8")
    assert runs.same_as_slow("today") is False


def test_the_archive_folder_is_the_stores() -> None:
    from cockpit.store.archive import archive_folder

    assert archive_folder(Path("/x/c.json")) == Path("/x") / fast.ARCHIVE


def test_a_failing_today_keeps_nothing(runs: Runs) -> None:
    result, kept = runs.fast("today", day="1999-01-01")
    assert result.returncode != 0 and not kept
    assert b"cockpit: error:" in result.stderr
    runs.data.rename(runs.data.with_name("gone.json"))
    assert runs.same_as_slow("today") is False
    assert runs.same_as_slow("today") is False
    assert not runs.entries()


def test_a_changed_code_fingerprint_is_a_miss(runs: Runs, tmp_path: Path) -> None:
    """An edit of Cockpit's code (or an install) never serves an answer of the old code."""
    copy = copy_of_the_code(tmp_path / "code") / "cockpit"
    path = str(copy.parent)
    runs.fast("today", PYTHONPATH=path)
    assert runs.same_as_slow("today", PYTHONPATH=path) is True
    day = copy / "cli" / "render.py"
    info = day.stat()
    os.utime(day, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert runs.same_as_slow("today", PYTHONPATH=path) is False
    assert runs.same_as_slow("today", PYTHONPATH=path) is True
    (copy / "cli" / "new_module.py").write_text("", encoding="utf-8")
    assert runs.same_as_slow("today", PYTHONPATH=path) is False


def test_the_code_fingerprint_follows_every_file_of_the_package(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub" / "__pycache__").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n", encoding="utf-8")
    (package / "sub" / "b.py").write_text("y = 2\n", encoding="utf-8")
    first = fast.code_fingerprint(package)
    assert fast.code_fingerprint(package) == first
    (package / "sub" / "__pycache__" / "b.cpython-311.pyc").write_bytes(b"compiled")
    assert fast.code_fingerprint(package) == first  # compiled bytecode is not the code
    (package / "sub" / "b.py").write_text("y = 3\n", encoding="utf-8")
    second = fast.code_fingerprint(package)
    assert second != first
    (package / "sub" / "c.py").write_text("", encoding="utf-8")
    assert fast.code_fingerprint(package) != second


@pytest.mark.parametrize(
    ("args", "shape"),
    [
        (["today"], (None, None, False)),
        (["--data", "c.json", "today", "--json"], ("c.json", None, True)),
        (["--date=2026-11-23", "today", "--data", "x"], ("x", "2026-11-23", False)),
        (["today", "--date", "2026-11-23", "--json"], (None, "2026-11-23", True)),
    ],
)
def test_the_shapes_answered_from_the_cache(
    args: list[str], shape: tuple[str | None, str | None, bool]
) -> None:
    found = fast.today_shape(args)
    assert found is not None and found.key() == shape


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--json", "today"],
        ["today", "today"],
        ["done", "1.1"],
        ["today", "--help"],
        ["--data", "a", "--data", "b", "today"],
        ["--data", "today"],
        ["--data", "--json", "today"],
        ["--yes", "--date", "2030-01-01", "today"],
        ["today", "--json", "--json"],
        ["today", "--"],
        ["--version"],
        ["--data="],
    ],
)
def test_other_command_lines_go_to_the_group(args: list[str]) -> None:
    assert fast.today_shape(args) is None


def on_terminal(runs: Runs, code: str, columns: int) -> tuple[bytes, bytes]:
    """Run `today` with standard input and output on a terminal `columns` wide (colours on):
    (what the terminal showed, stderr)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = child_env(
        runs.tmp_path, PERF_PROBE=str(runs.probe), TERM="xterm-256color", PYTHONPATH=str(runs.code)
    )
    env.pop("COLUMNS")
    child = subprocess.Popen(
        [sys.executable, "-c", code, "--data", str(runs.data), "--date", DAY, "today"],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=runs.cwd,
        env=env,
    )
    os.close(slave)
    shown = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child is gone and the terminal closed
            break
        if not chunk:
            break
        shown.append(chunk)
    _, err = child.communicate(timeout=TIMEOUT)
    os.close(master)
    assert child.returncode == 0, err
    return b"".join(shown), err


def test_on_a_terminal_the_kept_answer_has_the_colours_and_the_width_of_the_terminal(
    runs: Runs,
) -> None:
    slow = on_terminal(runs, SLOW, 100)
    assert b"\x1b[" in slow[0]  # colours, as on a terminal
    runs.probe.unlink(missing_ok=True)
    assert on_terminal(runs, PROBED, 100) == slow
    assert runs.probe.read_text() != ""  # kept by this run
    assert on_terminal(runs, PROBED, 100) == slow
    assert runs.probe.read_text() == ""  # the kept answer
    narrow = on_terminal(runs, SLOW, 72)
    assert narrow != slow
    assert on_terminal(runs, PROBED, 72) == narrow
    assert runs.probe.read_text() != ""  # another width: not the answer kept for 100


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_data_file_made_unreadable_is_a_miss(runs: Runs) -> None:
    """A chmod changes neither the size nor the time: the error is the normal path's."""
    runs.fast("today")
    assert runs.same_as_slow("today") is True
    runs.data.chmod(0o200)
    try:
        result, kept = runs.fast("today")
        assert not kept and result.returncode != 0
        assert runs.same_as_slow("today") is False
    finally:
        runs.data.chmod(0o600)


def test_a_kept_answer_to_a_full_disk_fails_as_the_normal_path_does(runs: Runs) -> None:
    """`cockpit today > /dev/full`: one error line and exit 1, never a traceback."""
    runs.fast("today")

    def to_full(code: str) -> subprocess.CompletedProcess[bytes]:
        with open("/dev/full", "wb") as full:
            front = ["--data", str(runs.data), "--date", DAY, "today"]
            return subprocess.run(
                [sys.executable, "-c", code, *front],
                stdout=full,
                stderr=subprocess.PIPE,
                cwd=runs.cwd,
                env=child_env(runs.tmp_path, PERF_PROBE=str(runs.probe), PYTHONPATH=str(runs.code)),
                timeout=TIMEOUT,
                check=False,
            )

    runs.probe.unlink(missing_ok=True)
    kept = to_full(PROBED)
    slow = to_full(SLOW)
    assert runs.probe.read_text() == ""  # answered from the kept answer
    assert (
        (kept.returncode, kept.stderr)
        == (slow.returncode, slow.stderr)
        == (
            1,
            b"cockpit: error: No space left on device: \n",
        )
    )


def test_a_reader_that_stops_early_is_no_error_for_a_kept_answer(runs: Runs) -> None:
    """`cockpit today | true` exits 0 with nothing on stderr, as the normal path."""
    import shlex

    runs.fast("today")
    runs.probe.unlink(missing_ok=True)
    env = child_env(runs.tmp_path, PERF_PROBE=str(runs.probe), PYTHONPATH=str(runs.code))
    front = " ".join(shlex.quote(a) for a in ["--data", str(runs.data), "--date", DAY, "today"])
    script = f"{shlex.quote(sys.executable)} -c {shlex.quote(PROBED)} {front}"
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {script} | true"],  # gone before the first byte
        capture_output=True,
        cwd=runs.cwd,
        env=env,
        timeout=TIMEOUT,
        check=False,
    )
    loaded = runs.probe.read_text().split()
    assert not {"click", "rich", "cockpit.cli.main"} & set(loaded)  # (pipe_reader: typing)
    assert (done.returncode, done.stderr) == (0, b"")
