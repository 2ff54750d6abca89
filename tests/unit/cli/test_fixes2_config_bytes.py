"""A config.toml that is not UTF-8 text (saved by a Latin-1 editor, as UTF-16) or starts with
a byte order mark is one plain `cockpit: error:` line on every command, never a traceback;
and a config broken after a good `today` is never answered from the kept answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli, error_line
from tests.unit.cli.test_perf_today_cache import Runs

LATIN1 = b'# Zeitzone f\xfcr M\xfcnchen\ntimezone = "Europe/Berlin"\n'
UTF16 = '# config\ntimezone = "UTC"\n'.encode("utf-16")  # starts with the mark \xff\xfe
BOM = b'\xef\xbb\xbftimezone = "UTC"\n'


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    made = Cli(tmp_path)
    made.ok("init", "--sample")
    return made


def run_with(cli: Cli, tmp_path: Path, raw: bytes, *args: str) -> str:
    config = tmp_path / "config.toml"
    config.write_bytes(raw)
    before = cli.data.read_bytes()
    line = error_line(cli.run(*args, COCKPIT_CONFIG=str(config)))
    assert f"config file {config}" in line, line
    assert cli.data.read_bytes() == before
    return line


@pytest.mark.parametrize("args", [("today",), ("tasks",), ("doctor",), ("add", "foo")])
def test_a_latin1_config_names_the_byte_and_its_line(
    cli: Cli, tmp_path: Path, args: tuple[str, ...]
) -> None:
    line = run_with(cli, tmp_path, LATIN1, *args)
    assert "not UTF-8 text (byte 0xfc at line 1" in line, line
    assert "save it as UTF-8" in line, line


def test_a_latin1_byte_on_a_later_line_names_that_line(cli: Cli, tmp_path: Path) -> None:
    line = run_with(cli, tmp_path, b'timezone = "UTC"\n\n# caf\xe9\n', "today")
    assert "not UTF-8 text (byte 0xe9 at line 3" in line, line


def test_a_utf16_config_says_so(cli: Cli, tmp_path: Path) -> None:
    line = run_with(cli, tmp_path, UTF16, "today")
    assert "UTF-16" in line and "save it as UTF-8" in line, line


def test_a_byte_order_mark_is_said_plainly(cli: Cli, tmp_path: Path) -> None:
    line = run_with(cli, tmp_path, BOM, "today")
    assert "byte order mark" in line, line
    assert "Invalid statement" not in line, line


def test_a_config_broken_after_a_kept_today_is_refused_not_served(runs: Runs) -> None:
    config = runs.tmp_path / "config.toml"
    config.write_bytes(b'timezone = "UTC"\n')
    env = {"COCKPIT_CONFIG": str(config)}
    first, _ = runs.fast("today", **env)
    assert first.returncode == 0, first.stderr
    _, kept = runs.fast("today", **env)
    assert kept  # the good answer is kept
    config.write_bytes(LATIN1)
    result, kept = runs.fast("today", **env)
    assert not kept
    assert result.returncode == 1
    err = result.stderr.decode()
    assert err.startswith("cockpit: error: config file") and "not UTF-8" in err, err
    assert "Traceback" not in err


@pytest.fixture
def runs(tmp_path: Path, code: Path) -> Runs:
    made = Runs(tmp_path, code)
    result = made.slow("init", "--sample")
    assert result.returncode == 0, result.stderr
    return made


@pytest.fixture(scope="session")
def code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.unit.cli.test_perf_today_cache import copy_of_the_code

    return copy_of_the_code(tmp_path_factory.mktemp("code"))
