"""Cockpit's folders are platformdirs' folders (computed without importing it on Linux)."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from cockpit.locations import config_path, default_data_path


@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-elsewhere"])
def test_folders_match_platformdirs(monkeypatch: pytest.MonkeyPatch, xdg: str | None) -> None:
    monkeypatch.delenv("COCKPIT_DATA", raising=False)
    monkeypatch.delenv("COCKPIT_CONFIG", raising=False)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, f"{xdg}/{variable.lower()}")
    data = Path(platformdirs.user_data_dir("cockpit", appauthor=False)) / "cockpit.json"
    config = Path(platformdirs.user_config_dir("cockpit", appauthor=False)) / "config.toml"
    assert default_data_path() == data
    assert config_path() == config
    if sys.platform.startswith("linux") and xdg is not None:
        assert str(default_data_path()).startswith(xdg)


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COCKPIT_DATA", str(tmp_path / "d.json"))
    monkeypatch.setenv("COCKPIT_CONFIG", str(tmp_path / "c.toml"))
    assert default_data_path() == tmp_path / "d.json"
    assert config_path() == tmp_path / "c.toml"
