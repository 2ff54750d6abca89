"""`cockpit demo --print`: a throwaway file; the user's data file is never touched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson

from tests.unit.cli.helpers import DAY, TIMEOUT, Cli, child_env


def comparable(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(path.read_bytes())
    for run in data["occurrences"].values():
        if run.get("closed_on") == DAY:
            run.pop("closed_at")
    return data


def test_demo_prints_the_day_and_leaves_the_users_data_alone(tmp_path: Path) -> None:
    users = tmp_path / "mine" / "cockpit.json"
    users.parent.mkdir()
    users.write_bytes(b'{"precious": true}')
    temp = tmp_path / "temp"
    temp.mkdir()
    env = child_env(tmp_path, COCKPIT_DATA=str(users), TMPDIR=str(temp))
    kept = tmp_path / "kept"

    runs = [
        subprocess.run(
            [sys.executable, "-m", "cockpit", "demo", "--print", *extra, "--date", DAY],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
        for extra in ([], ["--keep", str(kept)])
    ]
    for result in runs:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "Monday 23 November 2026" in result.stdout
        assert "Update bookkeeping" in result.stdout  # slipping: still on the list
        assert "Demo data: " in result.stderr

    assert users.read_bytes() == b'{"precious": true}'
    assert sorted(p.name for p in users.parent.iterdir()) == ["cockpit.json"]
    (made,) = temp.glob("cockpit-demo-*/cockpit.json")
    assert str(made) in runs[0].stderr
    assert str(kept / "cockpit.json") in runs[1].stderr
    # the same day gives the same demo (but for the real time of day of today's closings)
    assert comparable(made) == comparable(kept / "cockpit.json")
    # and it opens like any data file
    cli = Cli(tmp_path, "kept/cockpit.json")
    rows = cli.today()
    assert any(row["overdue_days"] > 0 for row in rows)


def test_demo_keep_never_replaces_a_data_file(tmp_path: Path) -> None:
    """`demo --keep` into the folder of the owner's data file replaced their business."""
    folder = tmp_path / "business"
    folder.mkdir()
    mine = folder / "cockpit.json"
    mine.write_bytes(b'{"precious": true}')
    result = subprocess.run(
        [sys.executable, "-m", "cockpit", "demo", "--print", "--keep", str(folder)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=child_env(tmp_path),
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("cockpit: error: ") and "already exists" in result.stderr
    assert mine.read_bytes() == b'{"precious": true}'
    assert sorted(p.name for p in folder.iterdir()) == ["cockpit.json"]
