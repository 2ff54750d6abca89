"""Where Cockpit keeps its files (XDG / platform folders), with environment overrides."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "cockpit"
DATA_ENV = "COCKPIT_DATA"
CONFIG_ENV = "COCKPIT_CONFIG"


def default_data_path() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "cockpit.json"


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.toml"


def user_themes_folder() -> Path:
    return config_path().parent / "themes"


def package_resource(name: str) -> Path:
    """A folder shipped with the package (sample_data, themes), or the source checkout's."""
    here = Path(__file__).resolve().parent
    installed = here / name
    return installed if installed.is_dir() else here.parent / name
