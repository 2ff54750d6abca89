"""An app that stops on an error exits non-zero and says where the data stands (issue 11):
a script that runs a shell or a service manager must be able to tell a crash from a quit."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.functional.terminal.test_tmux import DAY, keys, run, start_session, tmux, wait_for

__all__ = ["tmux"]  # the fixture, shared with the other real-terminal tests

pytestmark = pytest.mark.slow

# the real entry point, with `?` (help) made to fail as a bug in a screen would
CRASHING = """
import sys
from cockpit.tui.app import CockpitApp
def broken(self):
    raise RuntimeError("a bug in the app")
CockpitApp.action_help = broken
from cockpit.cli.main import main
sys.argv = ["cockpit", *sys.argv[1:]]
main()
"""


def start_in_shell(tmux: str, command: str, tmp_path: Path) -> Path:
    """Run `command` in a tmux session's shell; the file its exit status is written to."""
    status = tmp_path / "status"
    start_session(
        ["tmux", "new-session", "-d", "-s", tmux, "-x", "120", "-y", "40", "-e",
         f"COCKPIT_CONFIG={tmp_path / 'none.toml'}",
         "-e", f"XDG_CACHE_HOME={os.environ['XDG_CACHE_HOME']}",
         "sh", "-c", f"{command}; echo $? > {shlex.quote(str(status))}; sleep 30"]
    )  # fmt: skip
    return status


def exit_status_and_words(tmux: str, status: Path) -> tuple[str, str]:
    """The command's exit status, once it stopped, and what the pane shows (the app draws
    on stderr: its last words are read from the pane)."""
    deadline = time.monotonic() + 20
    while not status.exists() or not status.read_text().strip():
        assert time.monotonic() < deadline, "the app never stopped"
        time.sleep(0.1)
    said = subprocess.run(
        ["tmux", "capture-pane", "-p", "-J", "-S", "-500", "-t", tmux],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return status.read_text().strip(), said


def test_a_crash_exits_non_zero_and_says_where_the_data_stands(tmux: str, tmp_path: Path) -> None:
    data = tmp_path / "cockpit.json"
    env = {**os.environ, "COCKPIT_CONFIG": str(tmp_path / "none.toml"), "TERM": "xterm-256color"}
    env.pop("COCKPIT_DATA", None)
    run(env, "--data", str(data), "--date", DAY, "init", "--sample")
    first = json.loads(run(env, "--data", str(data), "--date", DAY, "today", "--json").stdout)[0]
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING, "utf-8")
    status = start_in_shell(
        tmux,
        f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} --data {shlex.quote(str(data))}"
        f" --date {DAY}",
        tmp_path,
    )
    wait_for(tmux, f"{first['id']} ")
    keys(tmux, "x")  # a change, saved before the crash
    wait_for(tmux, "done:")
    keys(tmux, "?")

    code, said = exit_status_and_words(tmux, status)
    assert code != "0"
    assert "a bug in the app" in said
    assert "cockpit: error: the app stopped on an unexpected error" in said
    assert str(data) in said.replace("\n", "")
    stored = json.loads(data.read_text())  # and the change made before it is there
    run_no, position = first["id"].split(".")
    assert stored["occurrences"][run_no]["steps"][int(position) - 1]["status"] == "done"


def test_an_app_on_a_file_it_cannot_read_exits_non_zero_and_says_why(
    tmux: str, tmp_path: Path
) -> None:
    """Tester 2: a data file that is no JSON opened a dead app that exited 0 on ctrl+q; a
    command on it says one line and exits 1. The app shows why, then the shell hears it."""
    data = tmp_path / "cockpit.json"
    data.write_text("not json at all\n")
    entry = f"{shlex.quote(sys.executable)} -m cockpit"
    status = start_in_shell(tmux, f"{entry} --data {shlex.quote(str(data))} --date {DAY}", tmp_path)
    wait_for(tmux, "Cannot open the data file")
    keys(tmux, "C-q")
    code, said = exit_status_and_words(tmux, status)
    assert code == "1"
    assert "cockpit: error: cannot read the data file" in said
    assert data.read_text() == "not json at all\n"
