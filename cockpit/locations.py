"""Where Cockpit keeps its files (XDG / platform folders), with environment overrides."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "cockpit"
DATA_ENV = "COCKPIT_DATA"
CONFIG_ENV = "COCKPIT_CONFIG"


def _xdg(variable: str, fallback: str) -> Path | None:
    """The XDG folder on Linux without importing platformdirs (startup time); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get(variable, "").strip()
    folder = Path(base) if base and Path(base).is_absolute() else Path.home() / fallback
    return folder / APP


def data_path_from_env() -> Path | None:
    """$COCKPIT_DATA, which beats the config's `data =` (the shell is the nearer word)."""
    override = os.environ.get(DATA_ENV)
    return Path(override).expanduser() if override else None


def default_data_path() -> Path:
    if (override := data_path_from_env()) is not None:
        return override
    folder = _xdg("XDG_DATA_HOME", ".local/share")
    if folder is None:
        import platformdirs

        folder = Path(platformdirs.user_data_dir(APP, appauthor=False))
    return folder / "cockpit.json"


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    folder = _xdg("XDG_CONFIG_HOME", ".config")
    if folder is None:
        import platformdirs

        folder = Path(platformdirs.user_config_dir(APP, appauthor=False))
    return folder / "config.toml"


def user_themes_folder() -> Path:
    return config_path().parent / "themes"


def package_resource(name: str) -> Path:
    """A folder shipped with the package (sample_data, themes), or the source checkout's."""
    here = Path(__file__).resolve().parent
    installed = here / name
    return installed if installed.is_dir() else here.parent / name
