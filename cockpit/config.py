"""Settings from an optional TOML file; everything works without one.

The file is `config.toml` in the user config folder, or the file named by
COCKPIT_CONFIG. A bad file gets a message naming the file, the line and what
is wrong, never a traceback.
"""

from __future__ import annotations

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


def _int(section: dict[str, Any], key: str, default: int, where: str, low: int = 1) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ConfigError(f"{where}: {key} must be a whole number of at least {low}, not {value!r}")
    return value


def _share(section: dict[str, Any], key: str, default: float, where: str, high: float) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= high:
        raise ConfigError(
            f"{where}: {key} must be a number above 0 and at most {high:g}, not {value!r}"
        )
    return float(value)


def parse_settings(raw: dict[str, Any], where: str, default_tz: str) -> Settings:
    tz = raw.get("timezone", default_tz)
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(tz)
    except Exception:
        raise ConfigError(
            f'{where}: unknown time zone "{tz}" (use a name like Europe/Berlin)'
        ) from None
    first = str(raw.get("first_day_of_week", "mon")).lower()[:3]
    if first not in WEEKDAYS:
        raise ConfigError(f'{where}: first_day_of_week "{first}" is not a day (mon..sun)')
    roles = raw.get("roles", {})
    focus = raw.get("focus", {})
    routines = raw.get("routines", {})
    threshold = routines.get("strength_threshold", 0.8)
    if not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise ConfigError(f"{where}: routines.strength_threshold must be between 0 and 1")
    data = raw.get("data")
    signals = raw.get("signals", {})
    if not isinstance(signals, dict):
        raise ConfigError(f"{where}: signals must be a table ([signals])")
    return Settings(
        timezone=tz,
        first_day_of_week=WEEKDAYS.index(first),
        theme=str(raw.get("theme", "cockpit-dark")),
        data=Path(data).expanduser() if data else None,
        role_order=tuple(roles.get("order", ())),
        role_colours=dict(roles.get("colours", {})),
        focus=FocusSettings(
            pomodoro_minutes=_int(focus, "pomodoro_minutes", 25, where),
            short_break_minutes=_int(focus, "short_break_minutes", 5, where),
            long_break_minutes=_int(focus, "long_break_minutes", 15, where),
            long_break_every=_int(focus, "long_break_every", 4, where),
        ),
        strength_threshold=float(threshold),
        slipping_misses=_int(routines, "slipping_misses", 3, where),
        keys={str(k): str(v) for k, v in raw.get("keys", {}).items()},
        signal_carried_weeks=_int(signals, "carried_weeks", 3, f"{where}: signals"),
        signal_repeat_captures=_int(signals, "repeat_captures", 3, f"{where}: signals", low=2),
        signal_repeat_weeks=_int(signals, "repeat_weeks", 6, f"{where}: signals"),
        signal_title_overlap=_share(signals, "title_overlap", 0.6, f"{where}: signals", 1),
        signal_role_weeks=_int(signals, "role_weeks", 4, f"{where}: signals"),
        signal_role_done_below=_share(signals, "role_done_below", 0.6, f"{where}: signals", 1),
        signal_role_focus_over=_share(signals, "role_focus_over", 1.5, f"{where}: signals", 100),
        signal_role_slipping=_int(signals, "role_slipping", 2, f"{where}: signals"),
    )


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_path()
    if not path.exists():
        return Settings(timezone=local_timezone())
    try:
        raw = toml_text.loads(path.read_text(encoding="utf-8"))
    except toml_text.TOMLDecodeError as error:
        raise ConfigError(f"config file {path}: {error}") from None
    except OSError as error:
        raise ConfigError(f"config file {path}: {error.strerror}") from None
    default_tz = "UTC" if "timezone" in raw else local_timezone()
    settings = parse_settings(raw, f"config file {path}", default_tz)
    return Settings(**{**_fields(settings), "source": path})


def _fields(settings: Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__slots__}
