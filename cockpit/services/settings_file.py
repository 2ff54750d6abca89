"""Changes the app makes to the owner's config file: the theme chosen with ctrl+t.

The file is the owner's, written by hand: it is edited in place with tomlkit, so every
comment, order and spacing stays as they were, and written atomically. A file that
cannot be read as TOML (or as UTF-8 text, as the app reads it at start) is left alone
(the next start will say what is wrong with it). A config file that is a symlink (a
dotfile manager's: stow, chezmoi, home-manager) is written where the link points,
atomically there, and stays a link; when that cannot be written the link is left alone.
"""

from __future__ import annotations

from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from cockpit import toml_text
from cockpit.domain.errors import CockpitError
from cockpit.store.files import atomic_write_bytes, private_folder, through_links


class SettingsFileError(CockpitError):
    pass


def remember_theme(config: Path, name: str) -> None:
    """Set `theme = name` in the config file (made, private, if there is none)."""
    target = _target(config)
    where = str(config) if target == config else f"{config} (a link to {target})"
    try:
        text = toml_text.decode(target.read_bytes()) if target.exists() else ""
    except toml_text.NotText as error:
        raise SettingsFileError(f"theme not saved: {where}: {error} (left as it is)") from None
    except OSError as error:
        raise SettingsFileError(
            f"theme not saved: {where} cannot be read ({error.strerror or error})"
        ) from None
    try:
        document = tomlkit.parse(text)
    except (TOMLKitError, RecursionError):
        raise SettingsFileError(
            f"theme not saved: {where} is not valid TOML (left as it is)"
        ) from None
    if document.get("theme") == name:
        return
    document["theme"] = name
    try:
        if target == config:
            private_folder(config.parent)
        elif not target.parent.is_dir():  # the owner's link: its folder is not ours to make
            raise FileNotFoundError(0, f"there is no folder {target.parent}")
        atomic_write_bytes(target, tomlkit.dumps(document).encode("utf-8"))
    except OSError as error:
        kept = "" if target == config else "; the link is left as it is"
        raise SettingsFileError(
            f"theme not saved: {where} cannot be written ({error.strerror or error}){kept}"
        ) from None


def _target(config: Path) -> Path:
    """The file the config is: where its links lead (the config itself when no link)."""
    try:
        return through_links(config)
    except OSError as error:  # a loop of links
        raise SettingsFileError(
            f"theme not saved: {config} is a link that leads nowhere ({error.strerror})"
        ) from None
