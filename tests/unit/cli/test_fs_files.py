"""The data file as people have it, from the command line: behind a symlink, private whatever
the umask, in a folder that cannot be written, beside a backup folder that cannot take a copy,
and next to another Cockpit that holds the lock for a moment."""

from __future__ import annotations

import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli, child_env, error_line, run_no
from tests.unit.cli.test_fs_support import ok, read_only_folder, run


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def inbox_step(cli: Cli, data: Path | None = None) -> str:
    return f"{run_no(cli.today(data=data), 'Inbox zero')}.1"


# -- a symlinked data file -----------------------------------------------------------------------


def test_done_through_a_symlink_changes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    cli = Cli(tmp_path, "Dropbox/c.json")
    cli.data.parent.mkdir()
    cli.ok("init", "--sample")
    home = tmp_path / "home-folder"
    home.mkdir()
    link = home / "c.json"
    link.symlink_to("../Dropbox/c.json")
    before = cli.data.read_bytes()

    step = inbox_step(cli, link)
    assert cli.ok("done", step, data=link).startswith("done: ")

    assert link.is_symlink() and link.resolve() == cli.data.resolve()
    assert cli.data.read_bytes() != before  # the target took the change
    assert step not in {row["id"] for row in cli.today(data=link)}
    assert sorted(p.name for p in home.iterdir()) == ["c.json"]  # no lock, no backups there
    assert (cli.data.parent / "c.json.lock").is_file()
    assert any((cli.data.parent / "backups").glob("c-*.json"))
    # an export over the live file is refused whichever name it is given by
    for out in (cli.data, link):
        assert "is the data file" in cli.fails("export", "--out", str(out), data=link)
    assert "is the data file" in cli.fails("export", "--out", str(link))


# -- privacy -------------------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask022", "umask000"])
def test_new_files_and_folders_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    cli = Cli(tmp_path, "new/c.json")
    ok(cli, "init", "--sample", umask=umask)
    step = inbox_step(cli)
    ok(cli, "done", step, umask=umask)
    ok(cli, "export", "--out", str(tmp_path / "export.json"), umask=umask)
    ok(cli, "export", "--format", "csv", "--out", str(tmp_path / "time.csv"), umask=umask)
    ok(cli, "export", "--format", "md", "--out", str(tmp_path / "sops" / "all"), umask=umask)

    assert mode(cli.data) == 0o600
    assert mode(cli.data.parent) == 0o700
    assert mode(cli.data.with_name("c.json.lock")) == 0o600
    backups = cli.data.parent / "backups"
    assert mode(backups) == 0o700
    assert list(backups.iterdir()) and all(mode(p) == 0o600 for p in backups.iterdir())
    assert mode(tmp_path / "export.json") == 0o600
    assert mode(tmp_path / "time.csv") == 0o600
    sops = tmp_path / "sops"
    assert mode(sops) == mode(sops / "all") == 0o700
    assert list((sops / "all").iterdir()) and all(
        mode(p) == 0o600 for p in (sops / "all").iterdir()
    )


@pytest.mark.parametrize("chosen", [0o600, 0o640, 0o660])
def test_the_mode_the_owner_chose_is_kept_on_every_save(sample_cli: Cli, chosen: int) -> None:
    sample_cli.data.chmod(chosen)
    ok(sample_cli, "done", inbox_step(sample_cli), umask=0o000)
    assert mode(sample_cli.data) == chosen


# -- a folder that cannot be written -------------------------------------------------------------


def test_a_read_only_folder_is_read_without_a_lock_file_and_writes_are_refused(
    sample_cli: Cli,
) -> None:
    cli = sample_cli
    folder = cli.data.parent
    lock = folder / "c.json.lock"
    lock.unlink()
    step = inbox_step(cli)
    before = cli.data.read_bytes()
    with read_only_folder(folder):
        table = ok(cli, "today")
        assert "Inbox zero" in table.stdout
        assert "read-only" in table.stderr and str(folder) in table.stderr
        assert step in {row["id"] for row in cli.today()}
        for args in (
            ("export",),
            ("export", "--format", "csv"),
            ("routines",),
            ("review",),
            ("processes",),
        ):
            ok(cli, *args)
        line = error_line(run(cli, "done", step))
        assert "read-only" in line and str(folder) in line, line
        assert "Permission denied" not in line
    assert not lock.exists()
    assert cli.data.read_bytes() == before


def test_read_commands_leave_no_lock_file(sample_cli: Cli) -> None:
    lock = sample_cli.data.with_name("c.json.lock")
    lock.unlink()
    sample_cli.today()
    sample_cli.ok("today")
    sample_cli.ok("export")
    assert not lock.exists()


# -- a backup that cannot be written ---------------------------------------------------------------


def test_a_backup_folder_that_takes_no_copy_warns_once_and_done_works(sample_cli: Cli) -> None:
    cli = sample_cli
    backups = cli.data.parent / "backups"
    backups.mkdir(exist_ok=True)
    for copy in backups.iterdir():
        copy.unlink()
    step = inbox_step(cli)
    with read_only_folder(backups):
        result = ok(cli, "done", step)
    assert result.stdout.startswith("done: ")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("cockpit: warn")]
    assert len(warnings) == 1 and "backup" in warnings[0], result.stderr
    assert step not in {row["id"] for row in cli.today()}


# -- lock waits ----------------------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from cockpit.store.database import Store

    store = Store.open(Path(sys.argv[1]))
    print("holding", flush=True)
    sys.stdin.readline()
    store.close()
    print("released", flush=True)
    sys.stdin.read()
    """
)


def hold(cli: Cli) -> subprocess.Popen[str]:
    script = cli.tmp_path / "hold.py"
    script.write_text(HOLDER, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(cli.data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(cli.tmp_path),
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "holding\n"
    return child


def release(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    assert child.stdout.readline() == "released\n"


def test_a_write_waits_for_a_lock_held_a_moment(sample_cli: Cli) -> None:
    step = inbox_step(sample_cli)
    holder = hold(sample_cli)
    try:
        command = ["-m", "cockpit", "--data", str(sample_cli.data), "--date", "2026-11-23"]
        done = subprocess.Popen(
            [sys.executable, *command, "done", step],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(sample_cli.tmp_path),
        )
        time.sleep(0.8)  # the command has started and is waiting
        release(holder)
        out, err = done.communicate(timeout=30)
    finally:
        holder.kill()
        holder.communicate()
    assert done.returncode == 0, err
    assert out.startswith("done: ")


def test_a_write_refused_after_two_seconds_says_whom_to_close(sample_cli: Cli) -> None:
    step = inbox_step(sample_cli)
    before = sample_cli.data.read_bytes()
    holder = hold(sample_cli)
    try:
        started = time.monotonic()
        line = error_line(run(sample_cli, "done", step))
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.communicate()
    assert waited >= 2.0
    assert "is open in another Cockpit" in line
    assert "done" not in line.split("Cockpit", 1)[1]  # it never suggests a write command
    assert sample_cli.data.read_bytes() == before


def test_done_never_fails_while_today_json_runs_again_and_again(sample_cli: Cli) -> None:
    rows = sample_cli.today()
    steps = [row["id"] for row in rows if not str(row["id"]).endswith(".1")][:4]
    steps = steps or [row["id"] for row in rows][:4]
    stop = threading.Event()
    failures: list[str] = []

    def poll() -> None:
        while not stop.is_set():
            result = run(sample_cli, "today", "--json")
            if result.returncode != 0:
                failures.append(result.stderr)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        for step in steps:
            result = run(sample_cli, "done", step)
            assert result.returncode == 0, result.stderr
    finally:
        stop.set()
        poller.join()
    assert failures == []
