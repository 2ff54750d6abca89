"""The shape of `config.toml`, checked at the door by msgspec.

Every table and key the config may hold is declared here with its type and range; a key
Cockpit does not know is refused (a typo such as `pomodoro_minute = 50` used to be
ignored without a word), and so is a value of the wrong kind (`order = "Sales"`). The
error names the key as the file spells it: `focus.pomodoro_minutes: expected a whole
number >= 1, got 0`. Imported only when a config file exists, so a start without one
pays nothing for it.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import msgspec
from msgspec import Meta

Minutes = Annotated[int, Meta(ge=1, le=24 * 60)]
Count = Annotated[int, Meta(ge=1, le=1000)]
Weeks = Annotated[int, Meta(ge=1, le=520)]
Share = Annotated[float, Meta(gt=0, le=1)]
Name = Annotated[str, Meta(min_length=1, max_length=200)]
# a binding id as the app's help shows it: `today.complete`, `app.undo`
BindingId = Annotated[str, Meta(pattern=r"^[a-z][a-z_]*\.[a-z][a-z_]*$", max_length=60)]
# keys as Textual names them, comma-separated: `c`, `ctrl+d`, `x,space`
KeyList = Annotated[str, Meta(pattern=r"^[a-z0-9_+\-]+(,[a-z0-9_+\-]+)*$", max_length=80)]


class RolesTable(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    order: list[Name] = []
    colours: dict[Name, Name] = {}


class FocusTable(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pomodoro_minutes: Minutes = 25
    short_break_minutes: Minutes = 5
    long_break_minutes: Minutes = 15
    long_break_every: Count = 4


class RoutinesTable(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    strength_threshold: Share = 0.8
    slipping_misses: Count = 3


class SignalsTable(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    carried_weeks: Weeks = 3
    repeat_captures: Annotated[int, Meta(ge=2, le=1000)] = 3
    repeat_weeks: Weeks = 6
    title_overlap: Share = 0.6
    role_weeks: Weeks = 4
    role_done_below: Share = 0.6
    role_focus_over: Annotated[float, Meta(gt=0, le=100)] = 1.5
    role_slipping: Count = 2


class ConfigFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    timezone: Name | None = None
    first_day_of_week: Name = "mon"
    theme: Name = "cockpit-dark"
    data: Name | None = None
    roles: RolesTable = RolesTable()
    focus: FocusTable = FocusTable()
    routines: RoutinesTable = RoutinesTable()
    signals: SignalsTable = SignalsTable()
    keys: dict[BindingId, KeyList] = {}


_AT = re.compile(r"^(?P<problem>.*?)(?: - at (?:`key` in )?`\$(?P<path>[^`]*)`)?$", re.DOTALL)
_WORDS = {
    "`str`": "text",
    "`int`": "a whole number",
    "`float`": "a number",
    "`bool`": "true or false",
    "`object`": "a table",
    "`array`": "a list",
    "`null`": "nothing",
}


def _plain(problem: str) -> str:
    for word, plain in _WORDS.items():
        problem = problem.replace(word, plain)
    problem = problem.replace("Object contains unknown field", "unknown key")
    if problem.startswith("Expected `str` matching regex"):
        return problem
    return problem[:1].lower() + problem[1:]


def read_config(raw: dict[str, Any]) -> ConfigFile:
    """The parsed TOML as a ConfigFile, or ValueError in plain words naming the key."""
    try:
        return msgspec.convert(raw, ConfigFile)
    except msgspec.ValidationError as error:
        match = _AT.match(str(error))
        assert match is not None  # the pattern matches any text
        path = (match["path"] or "").lstrip(".")
        problem = _plain(match["problem"])
        if "matching regex" in problem and path.startswith("keys"):
            problem = (
                "a key's id is view.action as `?` shows it, and its keys are names like "
                "c, ctrl+d or x,space"
            )
        raise ValueError(f"{path}: {problem}" if path else problem) from None
