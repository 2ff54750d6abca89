"""Themes from TOML files: the ones shipped in `themes/` and the user's own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.style import Style
from textual.app import App
from textual.color import Color
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


def theme_from_file(path: Path) -> Theme:
    raw = toml_text.loads(path.read_text(encoding="utf-8"))
    if "name" not in raw or "primary" not in raw:
        raise ValueError("a theme needs at least a name and a primary colour")
    colours: dict[str, str | None] = dict.fromkeys(FIELDS)
    colours.update({key: str(raw[key]) for key in FIELDS if key in raw})
    return Theme(
        name=str(raw["name"]),
        primary=str(raw["primary"]),
        secondary=colours["secondary"],
        accent=colours["accent"],
        warning=colours["warning"],
        error=colours["error"],
        success=colours["success"],
        foreground=colours["foreground"],
        background=colours["background"],
        surface=colours["surface"],
        panel=colours["panel"],
        boost=colours["boost"],
        dark=bool(raw.get("dark", True)),
        variables={str(k): str(v) for k, v in raw.get("variables", {}).items()},
    )


def load_themes(*folders: Path) -> tuple[list[Theme], list[ThemeProblem]]:
    """Every theme file of the shipped folder and the user's; broken ones are reported."""
    themes: list[Theme] = []
    problems: list[ThemeProblem] = []
    for folder in folders or (package_resource("themes"), user_themes_folder()):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                themes.append(theme_from_file(path))
            except (OSError, ValueError, toml_text.TOMLDecodeError) as error:
                problems.append(ThemeProblem(path, str(error)))
    return themes, problems


def tone_style(app: App[object], tone: str, *, bold: bool = False) -> Style:
    """A rich Style in a colour of the current theme ("success", "accent"...). A theme's
    colour is a Textual colour ("ansi_green" in the ANSI theme), which rich cannot parse."""
    value = app.theme_variables.get(tone)
    if value is None:
        return Style(bold=bold)
    return Style(color=Color.parse(value).rich_color, bold=bold)
