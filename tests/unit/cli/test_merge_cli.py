"""`cockpit merge FILE`, driven as the owner does it: two devices (two folders), each with
its own copy of the sample business and its own work; a sync client leaves one device's
file beside the other's under a conflict copy's name; `cockpit doctor` names it and the
command, that command merges it, and nothing done on either device is lost."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from cockpit.store.storage import decode
from tests.unit.cli.helpers import Cli, child_env, error_line

DROPBOX = "cockpit (Desktop's conflicted copy 2026-11-23).json"
SYNCTHING = "cockpit.sync-conflict-20261123-101010-LAPTOP1.json"


def devices(tmp_path: Path) -> tuple[Cli, Cli]:
    (tmp_path / "laptop").mkdir()
    (tmp_path / "desktop").mkdir()
    laptop = Cli(tmp_path, "laptop/cockpit.json")
    desktop = Cli(tmp_path, "desktop/cockpit.json")
    laptop.ok("init", "--sample")
    laptop.today()
    shutil.copyfile(laptop.data, desktop.data)
    return laptop, desktop


def work_on_both(laptop: Cli, desktop: Cli) -> None:
    laptop.ok("done", "1.1", "--minutes", "5")
    laptop.ok("done", "1.2")
    laptop.ok("start", "Book a discovery call")  # both hand out the same run number
    desktop.ok("done", "1.1", "--minutes", "9")
    desktop.ok("done", "1.3", "--minutes", "12")
    desktop.ok("skip", "6.1", "--reason", "no time")
    desktop.ok("start", "Book a discovery call")
    desktop.ok("done", "8.1", day="2026-11-24")  # the next day's runs, numbered there


def done_steps(path: Path) -> set[tuple[str, str, str]]:
    data = decode(path.read_bytes())
    return {
        (doc["process"], doc["date"], state["step"])
        for doc in data["occurrences"].values()
        for state in doc.get("steps", ())
        if state.get("status") == "done"
    }


def closed_steps(path: Path) -> set[tuple[str, str, str, str]]:
    data = decode(path.read_bytes())
    return {
        (doc["process"], doc["date"], state["step"], state["status"])
        for doc in data["occurrences"].values()
        for state in doc.get("steps", ())
        if state.get("status")
    }


def run_command(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command as the doctor printed it, run as a shell would split it."""
    words = shlex.split(line)
    assert words[0] == "cockpit"
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *words[1:]],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=child_env(cwd),
        timeout=60,
        check=False,
    )


def test_a_dropbox_conflict_copy_merged_with_the_doctors_command(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path)
    work_on_both(laptop, desktop)
    copy = laptop.data.with_name(DROPBOX)
    shutil.copyfile(desktop.data, copy)
    expected = done_steps(laptop.data) | done_steps(desktop.data)
    skipped = {step for step in closed_steps(desktop.data) if step[3] == "skipped"}
    before = laptop.data.read_bytes()

    doctor = laptop.run("doctor")
    assert doctor.returncode == 1, doctor.stderr
    command = next(line.strip() for line in doctor.stdout.splitlines() if " merge " in line)
    merged = run_command(command, tmp_path)
    assert merged.returncode == 0, merged.stderr

    assert done_steps(laptop.data) == expected
    assert skipped <= closed_steps(laptop.data)
    runs = decode(laptop.data.read_bytes())["occurrences"].values()
    assert sum(1 for doc in runs if doc.get("manual")) == 2  # both devices' runs by hand
    assert any(doc["date"] == "2026-11-24" for doc in runs)
    moved = laptop.data.parent / "backups" / "merged" / DROPBOX
    assert not copy.exists() and moved.read_bytes() == desktop.data.read_bytes()
    backups = list((laptop.data.parent / "backups").glob("cockpit-merge-*.json"))
    assert [b.read_bytes() for b in backups] == [before]
    assert f"Moved the merged copy to {moved}" in merged.stdout
    assert "  runs: 4 new, " in merged.stdout  # one by hand, three of the next day
    assert "  steps: 2 done, 1 skipped" in merged.stdout
    assert laptop.run("doctor").returncode == 0
    # the merged file works as before: the next done keeps it all
    laptop.ok("done", "1.4")
    assert expected < done_steps(laptop.data)


def test_merged_both_ways_the_devices_agree(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path)
    work_on_both(laptop, desktop)
    shutil.copyfile(laptop.data, desktop.data.with_name(SYNCTHING))
    shutil.copyfile(desktop.data, laptop.data.with_name(DROPBOX))
    laptop.ok("merge", str(laptop.data.with_name(DROPBOX)))
    desktop.ok("merge", str(desktop.data.with_name(SYNCTHING)))
    assert done_steps(laptop.data) == done_steps(desktop.data)
    assert closed_steps(laptop.data) == closed_steps(desktop.data)
    # and each device's copy merged again into the other brings nothing
    shutil.copyfile(laptop.data, desktop.data.with_name(SYNCTHING))
    again = desktop.ok("merge", str(desktop.data.with_name(SYNCTHING)))
    assert again.startswith("Nothing new in ")


def test_a_dry_run_says_what_would_come_and_changes_nothing(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path)
    work_on_both(laptop, desktop)
    copy = laptop.data.with_name(DROPBOX)
    shutil.copyfile(desktop.data, copy)
    before = laptop.data.read_bytes()
    out = laptop.ok("merge", str(copy), "--dry-run")
    assert out.startswith(f"Would merge {copy} into ")
    assert "Dry run: nothing was changed." in out
    assert laptop.data.read_bytes() == before and copy.exists()
    assert not list((laptop.data.parent / "backups").glob("cockpit-merge-*"))


def test_a_copy_that_cannot_be_read_is_refused_with_one_line(tmp_path: Path) -> None:
    laptop, _ = devices(tmp_path)
    before = laptop.data.read_bytes()
    copy = laptop.data.with_name(DROPBOX)
    copy.write_bytes(before[: len(before) // 2])  # a half-synced copy
    line = error_line(laptop.run("merge", str(copy)))
    assert "cannot merge" in line and "nothing was changed" in line
    assert laptop.data.read_bytes() == before and copy.exists()
    line = error_line(laptop.run("merge", str(laptop.data.with_name("missing.json"))))
    assert "no file at" in line
    line = error_line(laptop.run("merge", str(laptop.data)))
    assert "the data file itself" in line
    assert laptop.data.read_bytes() == before


def test_names_from_another_device_cannot_drive_the_terminal(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path)
    desktop.ok("done", "1.1")
    copy = laptop.data.with_name("cockpit (\x1b[2J\x07Evil's conflicted copy).json")
    shutil.copyfile(desktop.data, copy)
    for result in (laptop.run("doctor"), laptop.run("merge", str(copy))):
        assert "\x1b" not in result.stdout + result.stderr
        assert "\x07" not in result.stdout + result.stderr
    assert not copy.exists()
