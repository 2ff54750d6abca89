"""Changes the app makes to the owner's config file: the theme chosen with ctrl+t.

The file is the owner's, written by hand: it is edited in place with tomlkit, so every
comment, order and spacing stays as they were, and written atomically. A file that
cannot be read as TOML is left alone (the next start will say what is wrong with it).
"""

from __future__ import annotations

from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from cockpit.domain.errors import CockpitError
from cockpit.store.files import atomic_write_bytes, private_folder


class SettingsFileError(CockpitError):
    pass


def remember_theme(config: Path, name: str) -> None:
    """Set `theme = name` in the config file (made, private, if there is none)."""
    try:
        text = config.read_text(encoding="utf-8") if config.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsFileError(
            f"the theme was not saved: {config} cannot be read ({error})"
        ) from None
    try:
        document = tomlkit.parse(text)
    except (TOMLKitError, RecursionError):
        raise SettingsFileError(
            f"the theme was not saved: {config} is not valid TOML (left as it is)"
        ) from None
    if document.get("theme") == name:
        return
    document["theme"] = name
    try:
        private_folder(config.parent)
        atomic_write_bytes(config, tomlkit.dumps(document).encode("utf-8"))
    except OSError as error:
        raise SettingsFileError(
            f"the theme was not saved to {config}: {error.strerror or error}"
        ) from None
