"""One writer at a time: a second Cockpit on the same file is told so and may read."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from cockpit.store.database import Store
from cockpit.store.errors import StoreLockedError, StoreReadOnlyError
from tests.unit.store.helpers import ADMIN, SALES, data_file, parse, seed, spawn, write_script

pytestmark = pytest.mark.slow

HOLDER = """
import sys
from pathlib import Path

from cockpit.domain.model import Role
from cockpit.store.database import Store
from cockpit.store.errors import StoreLockedError

path, name = Path(sys.argv[1]), sys.argv[2]
print("ready", flush=True)
if sys.stdin.readline() != "go\\n":
    sys.exit(3)
try:
    store = Store.open(path)
except StoreLockedError as error:
    print("locked", str(error).replace("\\n", " "), flush=True)
    sys.exit(0)
store.save_role(Role(id=name, name=name.title()))
print("won", flush=True)
sys.stdin.read()  # hold the lock until the test closes our stdin
store.close()
print("closed", flush=True)
"""


def start_holder(tmp_path: Path, path: Path, name: str) -> subprocess.Popen[str]:
    script = write_script(tmp_path, "holder.py", HOLDER)
    child = spawn(tmp_path, script, str(path), name)
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline() == "ready\n"
    return child


def go(child: subprocess.Popen[str]) -> str:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    return child.stdout.readline().strip()


def finish(child: subprocess.Popen[str]) -> str:
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    return out


def test_second_writer_in_another_process_is_refused_and_may_read(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    holder = start_holder(tmp_path, path, "delivery")
    try:
        assert go(holder) == "won"
        before = path.read_bytes()

        with pytest.raises(StoreLockedError) as refused:
            Store.open(path)
        assert str(path) in str(refused.value)
        assert refused.value.path == path
        assert path.read_bytes() == before

        reader = Store.open(path, read_only=True)
        try:
            assert {role.id for role in reader.roles()} == {"admin", "sales", "delivery"}
            assert [o.no for o in reader.open_occurrences()] == [4, 5, 6]
            with pytest.raises(StoreReadOnlyError):
                reader.require_writer()
            reader.save_role(ADMIN)  # read-only: stays in memory, never written
        finally:
            reader.close()
        assert path.read_bytes() == before
    finally:
        assert finish(holder).endswith("closed\n")

    with Store.open(path) as store:
        assert store.read_only is False
        store.save_role(SALES)
        assert {role.id for role in store.roles()} == {"admin", "sales", "delivery"}


def test_lock_of_a_killed_writer_is_released_by_the_os(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    holder = start_holder(tmp_path, path, "delivery")
    assert go(holder) == "won"
    with pytest.raises(StoreLockedError):
        Store.open(path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.communicate(timeout=30)
    with Store.open(path) as store:
        assert [role.id for role in store.roles()] == ["delivery"]


@pytest.mark.parametrize("contenders", [2, 4])
def test_concurrent_writers_exactly_one_gets_the_lock(tmp_path: Path, contenders: int) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    names = [f"writer{i}" for i in range(contenders)]
    children = [start_holder(tmp_path, path, name) for name in names]
    try:
        for child in children:  # every contender is waiting: release them all at once
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        lines = []
        for child in children:
            assert child.stdout is not None
            lines.append(child.stdout.readline().strip())
    finally:
        for child in children:
            finish(child)
    results = [line.split(" ", 1)[0] for line in lines]
    assert sorted(results) == ["locked"] * (contenders - 1) + ["won"]
    winner = names[results.index("won")]
    for line in lines:
        if line.startswith("locked"):
            assert str(path) in line  # the refusal names the file
    data = parse(path)
    assert sorted(doc["id"] for doc in data["roles"].values()) == sorted(["admin", "sales", winner])
    with Store.open(path) as store:
        assert {role.id for role in store.roles()} == {"admin", "sales", winner}
