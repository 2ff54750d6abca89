"""Settings from an optional TOML file; everything works without one.

The file is `config.toml` in the user config folder, or the file named by
COCKPIT_CONFIG. A bad file gets a message naming the file, the line and what
is wrong, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit import toml_text
from cockpit.domain.errors import CockpitError
from cockpit.domain.weekdays import WEEKDAYS
from cockpit.locations import config_path


class ConfigError(CockpitError):
    pass


def local_timezone() -> str:
    """The system's IANA zone name ($TZ, else /etc/localtime's link), or UTC."""
    import os

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        link = os.path.realpath("/etc/localtime")
        name = link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else "UTC"
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(name)
    except Exception:
        return "UTC"
    return name


@dataclass(frozen=True, slots=True)
class FocusSettings:
    pomodoro_minutes: int = 25
    short_break_minutes: int = 5
    long_break_minutes: int = 15
    long_break_every: int = 4


@dataclass(frozen=True, slots=True)
class Settings:
    timezone: str = "UTC"
    first_day_of_week: int = 0
    theme: str = "cockpit-dark"
    data: Path | None = None
    role_order: tuple[str, ...] = ()
    role_colours: dict[str, str] = field(default_factory=dict)
    focus: FocusSettings = field(default_factory=FocusSettings)
    strength_threshold: float = 0.8
    slipping_misses: int = 3
    keys: dict[str, str] = field(default_factory=dict)
    source: Path | None = None
    # [signals]: when a to-do needs a system and when a role is under water
    signal_carried_weeks: int = 3
    signal_repeat_captures: int = 3
    signal_repeat_weeks: int = 6
    signal_title_overlap: float = 0.6
    signal_role_weeks: int = 4
    signal_role_done_below: float = 0.6
    signal_role_focus_over: float = 1.5
    signal_role_slipping: int = 2


RESERVED_KEYS = {
    "ctrl+q": "quits Cockpit",
    "ctrl+c": "copies, and quits in a terminal",
    "ctrl+p": "opens the command palette",
}
_KEY_ID = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")
_KEY_NAMES = re.compile(r"^[a-z0-9_+\-]+(,[a-z0-9_+\-]+)*$")


def _day_of_week(text: str, where: str) -> int:
    """mon..sun or a whole day name (Monday); "blursday" is named whole in the error."""
    word = text.strip().lower()
    for index, short in enumerate(WEEKDAYS):
        if word == short or (len(word) > 3 and day_name(index).startswith(word)):
            return index
    raise ConfigError(
        f"{where}: first_day_of_week {quote(text)} is not a day (mon..sun or monday..sunday)"
    )


def day_name(index: int) -> str:
    return ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[index]


def quote(text: str) -> str:
    """A value from the file as it is shown in a message: quoted, control characters escaped."""
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    return f'"{shown}"'


def _keys(keys: dict[str, str], where: str) -> dict[str, str]:
    for binding_id, names in keys.items():
        for key in names.split(","):
            if key in RESERVED_KEYS:
                raise ConfigError(
                    f"{where}: keys.{binding_id}: {key} {RESERVED_KEYS[key]}; pick another key"
                )
    return dict(keys)


_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")  # as a role's colour is stored


def _role_colours(colours: dict[str, str], where: str) -> dict[str, str]:
    """[roles] colours, each a hex colour: said at the door with the file and the key."""
    for name, colour in colours.items():
        if not _HEX_COLOUR.fullmatch(colour):
            raise ConfigError(
                f"{where}: roles.colours.{name}: {quote(colour)} must be a hex colour like #d08770"
            )
    return dict(colours)


def _bad_key_entry(raw: dict[str, Any]) -> str | None:
    """The [keys] entry msgspec refused (it names no dict key in its message)."""
    keys = raw.get("keys")
    if not isinstance(keys, dict):
        return None
    for binding_id, names in keys.items():
        if not _KEY_ID.fullmatch(str(binding_id)):
            shown = quote(str(binding_id))
            return f"keys: {shown} is not a key's id (view.action, as `?` shows it)"
        if not isinstance(names, str) or not _KEY_NAMES.fullmatch(names):
            return (
                f"keys.{binding_id}: {quote(str(names))} is not a list of keys "
                "(names like c, ctrl+d or x,space)"
            )
    return None


def parse_settings(raw: dict[str, Any], where: str, default_tz: str) -> Settings:
    from cockpit.config_schema import read_config

    try:
        config = read_config(raw)
    except ValueError as error:
        problem = str(error)
        if problem.startswith("keys"):
            problem = _bad_key_entry(raw) or problem
        raise ConfigError(f"{where}: {problem}") from None
    tz = config.timezone or default_tz
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(tz)
    except Exception:
        raise ConfigError(
            f"{where}: unknown time zone {quote(tz)} (use a name like Europe/Berlin)"
        ) from None
    focus, routines, signals = config.focus, config.routines, config.signals
    return Settings(
        timezone=tz,
        first_day_of_week=_day_of_week(config.first_day_of_week, where),
        theme=config.theme,
        data=Path(config.data).expanduser() if config.data else None,
        role_order=tuple(config.roles.order),
        role_colours=_role_colours(config.roles.colours, where),
        focus=FocusSettings(
            pomodoro_minutes=focus.pomodoro_minutes,
            short_break_minutes=focus.short_break_minutes,
            long_break_minutes=focus.long_break_minutes,
            long_break_every=focus.long_break_every,
        ),
        strength_threshold=float(routines.strength_threshold),
        slipping_misses=routines.slipping_misses,
        keys=_keys(config.keys, where),
        signal_carried_weeks=signals.carried_weeks,
        signal_repeat_captures=signals.repeat_captures,
        signal_repeat_weeks=signals.repeat_weeks,
        signal_title_overlap=float(signals.title_overlap),
        signal_role_weeks=signals.role_weeks,
        signal_role_done_below=float(signals.role_done_below),
        signal_role_focus_over=float(signals.role_focus_over),
        signal_role_slipping=signals.role_slipping,
    )


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_path()
    if not path.exists():
        return Settings(timezone=local_timezone())
    try:
        raw = toml_text.loads(toml_text.decode(path.read_bytes()))
    except (toml_text.TOMLDecodeError, toml_text.NotText) as error:
        raise ConfigError(f"config file {path}: {error}") from None
    except OSError as error:
        raise ConfigError(f"config file {path}: {error.strerror}") from None
    default_tz = "UTC" if "timezone" in raw else local_timezone()
    settings = parse_settings(raw, f"config file {path}", default_tz)
    return Settings(**{**_fields(settings), "source": path})


def _fields(settings: Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__slots__}
