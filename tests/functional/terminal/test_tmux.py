"""The real `cockpit` command in a real terminal (tmux): keys in, screen out, data on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

COCKPIT = str(Path(sys.executable).parent / "cockpit")
DAY = "2026-11-20"

pytestmark = pytest.mark.slow


@pytest.fixture
def tmux() -> Iterator[str]:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: scripts/test installs it")
        pytest.skip("tmux is not installed")
    name = f"cockpit-test-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([COCKPIT, *args], env=env, capture_output=True, text=True, check=True)


def screen(name: str) -> str:
    result = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
    )
    return result.stdout


def wait_for(name: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(name)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")


def start_session(command: list[str]) -> None:
    """Start a tmux session; retried, as a server exiting with its last session can race
    the start of the next one ("server exited unexpectedly")."""
    for attempt in range(3):
        if subprocess.run(command, capture_output=True).returncode == 0:
            return
        time.sleep(0.3 * (attempt + 1))
    subprocess.run(command, check=True)


def wait_for_exit(name: str, timeout: float = 10.0) -> None:
    """Wait until the app quit and its tmux session ended with it."""
    deadline = time.monotonic() + timeout
    while (
        time.monotonic() < deadline
        and name
        in subprocess.run(
            ["tmux", "list-sessions", "-F", "#S"], capture_output=True, text=True
        ).stdout.split()
    ):
        time.sleep(0.1)


def keys(name: str, *sent: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", name, *sent], check=True)


def test_complete_a_step_and_log_a_focus_session_in_a_real_terminal(
    tmux: str, tmp_path: Path
) -> None:
    data = tmp_path / "cockpit.json"
    env = {**os.environ, "COCKPIT_CONFIG": str(tmp_path / "none.toml"), "TERM": "xterm-256color"}
    env.pop("COCKPIT_DATA", None)
    run(env, "--data", str(data), "--date", DAY, "init", "--sample")
    before = json.loads(run(env, "--data", str(data), "--date", DAY, "today", "--json").stdout)
    first, second = before[0], before[1]

    command = f"{COCKPIT} --data {data} --date {DAY}"
    start_session(
        ["tmux", "new-session", "-d", "-s", tmux, "-x", "120", "-y", "40", "-e",
         f"COCKPIT_CONFIG={env['COCKPIT_CONFIG']}",
         "-e", f"XDG_CACHE_HOME={os.environ['XDG_CACHE_HOME']}",
         command]
    )  # fmt: skip
    wait_for(tmux, f"{first['id']} ")
    keys(tmux, "x")
    wait_for(tmux, "done:")
    keys(tmux, "f")
    wait_for(tmux, "Countdown to the estimate")
    keys(tmux, "c")
    wait_for(tmux, "countdown")
    time.sleep(1.5)
    keys(tmux, "s")
    wait_for(tmux, "Stop the session?")
    keys(tmux, "l")
    wait_for(tmux, "Logged")
    keys(tmux, "C-q")
    wait_for_exit(tmux)

    after = json.loads(run(env, "--data", str(data), "--date", DAY, "today", "--json").stdout)
    assert first["id"] not in [row["id"] for row in after]
    assert second["id"] in [row["id"] for row in after]
    stored = json.loads(data.read_text())
    done = stored["occurrences"][first["id"].split(".")[0]]["steps"][first["position"] - 1]
    assert done["status"] == "done"
    sessions = list(stored["focus"].values())
    assert len(sessions) == 1
    assert sessions[0]["status"] == "logged"
    assert sessions[0]["kind"] == "countdown"
    assert sessions[0]["planned_seconds"] == second["estimate_minutes"] * 60
    position = second["position"]
    assert sessions[0]["step"] == f"s{position}" or sessions[0]["occurrence"] == int(
        second["id"].split(".")[0]
    )


def test_the_cli_reads_while_the_app_holds_the_lock(tmux: str, tmp_path: Path) -> None:
    data = tmp_path / "cockpit.json"
    env = {**os.environ, "COCKPIT_CONFIG": str(tmp_path / "none.toml")}
    env.pop("COCKPIT_DATA", None)
    run(env, "--data", str(data), "--date", DAY, "init", "--sample")
    start_session(
        ["tmux", "new-session", "-d", "-s", tmux, "-x", "100", "-y", "30", "-e",
         f"COCKPIT_CONFIG={env['COCKPIT_CONFIG']}",
         "-e", f"XDG_CACHE_HOME={os.environ['XDG_CACHE_HOME']}",
         f"{COCKPIT} --data {data} --date {DAY}"]
    )  # fmt: skip
    wait_for(tmux, "Sales")
    rows = json.loads(run(env, "--data", str(data), "--date", DAY, "today", "--json").stdout)
    assert rows
    refused = subprocess.run(
        [COCKPIT, "--data", str(data), "--date", DAY, "done", rows[0]["id"]],
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "another Cockpit" in refused.stderr
    keys(tmux, "C-q")


def test_capture_a_task_in_a_real_terminal_and_see_it_from_the_cli(
    tmux: str, tmp_path: Path
) -> None:
    """`a`, one typed line, enter: the task is on screen, in the file and in `today --json`."""
    data = tmp_path / "cockpit.json"
    env = {**os.environ, "COCKPIT_CONFIG": str(tmp_path / "none.toml"), "TERM": "xterm-256color"}
    env.pop("COCKPIT_DATA", None)
    run(env, "--data", str(data), "--date", DAY, "init", "--sample")
    start_session(
        ["tmux", "new-session", "-d", "-s", tmux, "-x", "120", "-y", "40", "-e",
         f"COCKPIT_CONFIG={env['COCKPIT_CONFIG']}",
         "-e", f"XDG_CACHE_HOME={os.environ['XDG_CACHE_HOME']}",
         f"{COCKPIT} --data {data} --date {DAY}"]
    )  # fmt: skip
    wait_for(tmux, "Sales")
    keys(tmux, "a")
    wait_for(tmux, "New task")
    keys(tmux, "-l", "Call the accountant [VAT] today #admin 15m")
    wait_for(tmux, "~15 min")  # the preview of what was understood
    keys(tmux, "Enter")
    shown = wait_for(tmux, "t1 ")
    assert "Call the accountant [VAT]" in shown
    keys(tmux, "C-q")
    wait_for_exit(tmux)
    rows = json.loads(run(env, "--data", str(data), "--date", DAY, "today", "--json").stdout)
    [task] = [row for row in rows if row["kind"] == "task"]
    assert (task["id"], task["title"], task["role"], task["estimate_minutes"]) == (
        "t1", "Call the accountant [VAT]", "Admin", 15,
    )  # fmt: skip
