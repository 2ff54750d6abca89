"""The checked stamp's worker (store/stamp.py): one thread for a run of writes, every pending
stamp and replaced file done when `wait()` returns, and no thread left behind."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from cockpit.store.stamp import Stamper, fingerprint, stamp_path


def stamp_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "cockpit-stamp"]


def test_a_run_of_writes_is_stamped_by_one_worker(tmp_path: Path) -> None:
    data = tmp_path / "c.json"
    stamper = Stamper(data)
    workers: set[int] = set()
    for number in range(30):
        aside = tmp_path / f".c.json.old-{number}"
        aside.write_bytes(b"the replaced file")
        stamper.later([b"{", str(number).encode(), b"}"], aside)
        workers.add(id(stamper._worker))  # (other tests' workers may linger beside it)
    stamper.wait()
    assert len(workers) == 1
    assert stamp_path(data).read_text("ascii") == fingerprint(b"{29}")  # the newest's
    assert not list(tmp_path.glob(".c.json.old-*"))  # every replaced file let go


def test_the_worker_ends_when_no_write_follows(tmp_path: Path) -> None:
    stamper = Stamper(tmp_path / "c.json")
    stamper.LINGER = 0.05
    stamper.later([b"{}"])
    worker = stamper._worker
    assert worker is not None and worker in stamp_threads()
    stamper.wait()
    worker.join(5)
    assert not worker.is_alive()
    stamper.later([b"{1}"])  # a later write starts another
    stamper.wait()
    assert stamp_path(tmp_path / "c.json").read_text("ascii") == fingerprint(b"{1}")


def test_a_stamp_that_fails_does_not_keep_wait_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cockpit.store.stamp as stamp_module

    def broken(raw: object) -> str:
        raise RuntimeError("a bug in the fingerprint")

    monkeypatch.setattr(stamp_module, "fingerprint", broken)
    stamper = Stamper(tmp_path / "c.json")
    stamper.later([b"{}"])
    done = threading.Event()

    def wait_then_say() -> None:
        stamper.wait()
        done.set()

    threading.Thread(target=wait_then_say, daemon=True).start()
    assert done.wait(5)
    assert not stamp_path(tmp_path / "c.json").exists()


def test_wait_without_writes_returns_at_once(tmp_path: Path) -> None:
    started = time.monotonic()
    Stamper(tmp_path / "c.json").wait()
    assert time.monotonic() - started < 0.5
