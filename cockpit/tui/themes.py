"""Themes from TOML files: the ones shipped in `themes/` and the user's own."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rich.style import Style
from textual.app import App
from textual.color import Color, ColorParseError
from textual.css.errors import DeclarationError, StyleValueError
from textual.css.styles import Styles
from textual.css.tokenizer import TokenError
from textual.theme import Theme

from cockpit import toml_text
from cockpit.locations import package_resource, user_themes_folder

DEFAULT_THEME = "cockpit-dark"
FIELDS = (
    "primary", "secondary", "accent", "warning", "error", "success",
    "foreground", "background", "surface", "panel", "boost",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ThemeProblem:
    path: Path
    message: str


NUMBERS = ("luminosity_spread", "text_alpha")
KNOWN = frozenset((*FIELDS, *NUMBERS, "name", "dark", "variables"))


def theme_from_file(path: Path) -> Theme:
    """The theme in the TOML file at `path`, its kinds and colours checked at the door: a
    ValueError names the field (a colour Textual cannot parse would crash the app when the
    theme is chosen, a `variables` that is no table when it is loaded)."""
    raw = toml_text.loads(toml_text.decode(path.read_bytes()))
    if "name" not in raw or "primary" not in raw:
        raise ValueError("a theme needs at least a name and a primary colour")
    if unknown := sorted(set(raw) - KNOWN):
        raise ValueError(f"unknown key `{unknown[0]}` (a theme has {', '.join(sorted(KNOWN))})")
    name = raw["name"]
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name: expected text, the theme's name")
    colours = {key: _colour(key, raw[key]) for key in FIELDS if key in raw}
    dark = raw.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError("dark: expected true or false")
    return Theme(
        name=name,
        primary=colours["primary"],
        secondary=colours.get("secondary"),
        accent=colours.get("accent"),
        warning=colours.get("warning"),
        error=colours.get("error"),
        success=colours.get("success"),
        foreground=colours.get("foreground"),
        background=colours.get("background"),
        surface=colours.get("surface"),
        panel=colours.get("panel"),
        boost=colours.get("boost"),
        dark=dark,
        luminosity_spread=_number(raw, "luminosity_spread", 0.15),
        text_alpha=_number(raw, "text_alpha", 0.95),
        variables=_variables(raw.get("variables", {})),
    )


def _colour(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f'{key}: expected a colour as text, like "#88c0d0"')
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(f'{key}: "{value}" is not a colour (like "#88c0d0" or "red")') from None
    return value


def _number(raw: dict[str, object], key: str, default: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key}: expected a number")
    return float(value)


def _variables(value: object) -> dict[str, str]:
    """The `[variables]` table, each of Textual's own variables checked as the kind of value
    its default is (a colour, a text style): a value Textual's CSS cannot read stopped the
    app at its first frame. Other names are no variable Textual or Cockpit reads."""
    if not isinstance(value, dict):
        raise ValueError("variables: expected a table of Textual CSS variables")
    for key, item in value.items():
        if not isinstance(item, str):
            raise ValueError(f"variables.{key}: expected text")
        kind = _variable_kind(key)
        if kind is not None and not _reads_as(kind, item):
            what = "a colour" if kind == "color" else "a text style"
            raise ValueError(f'variables.{key}: "{item}" is not {what} Textual can read')
    return dict(value)


@cache
def _default_variables() -> dict[str, str]:
    """Textual's theme variables with their default values."""
    return Theme(name="defaults", primary="#000000").to_color_system().generate()


@cache
def _variable_kind(name: str) -> str | None:
    """The CSS property Textual's variable `name` reads as (by its default value): only the
    variables a theme sets are looked at (all of Textual's ~180 cost every start ~10 ms)."""
    default = _default_variables().get(name)
    if default is None:
        return None
    return next((kind for kind in ("color", "text-style") if _reads_as(kind, default)), None)


def _reads_as(kind: str, value: str) -> bool:
    """Whether `value` reads as the CSS property `kind` (a variable of another is no value)."""
    if any(char in "${};" or char < " " for char in value):
        return False
    try:
        Styles.parse(f"{kind}: {value};", ("theme", ""))
    except (DeclarationError, StyleValueError, TokenError, ValueError):
        return False
    return True


def load_themes(*folders: Path) -> tuple[list[Theme], list[ThemeProblem]]:
    """Every theme file of the shipped folder and the user's; broken ones are reported."""
    from textual.theme import BUILTIN_THEMES

    themes: list[Theme] = []
    problems: list[ThemeProblem] = []
    taken = set(BUILTIN_THEMES)  # a later file of one of these names replaces it: said
    for folder in folders or (package_resource("themes"), user_themes_folder()):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = theme_from_file(path)
            except OSError as error:  # a folder named x.toml, a file that cannot be read
                problems.append(ThemeProblem(path, f"cannot be read ({error.strerror or error})"))
                continue
            except (ValueError, toml_text.TOMLDecodeError) as error:
                problems.append(ThemeProblem(path, str(error)))
                continue
            if theme.name in taken:
                note = f'it is named "{theme.name}" as a theme already there, which it replaces'
                problems.append(ThemeProblem(path, f"{note}: rename it to keep both"))
            taken.add(theme.name)
            themes.append(theme)
    return themes, problems


def tone_style(app: App[object], tone: str, *, bold: bool = False) -> Style:
    """A rich Style in a colour of the current theme ("success", "accent"...). A theme's
    colour is a Textual colour ("ansi_green" in the ANSI theme), which rich cannot parse."""
    value = app.theme_variables.get(tone)
    if value is None:
        return Style(bold=bold)
    return Style(color=Color.parse(value).rich_color, bold=bold)
