"""A user theme named as one already there (Cockpit's or Textual's) replaces it, and the app
says so at start (tester 2: silently); a folder named x.toml is said in words."""

from __future__ import annotations

from pathlib import Path

from cockpit.locations import package_resource
from cockpit.tui.themes import load_themes


def test_the_shipped_themes_load_without_a_word() -> None:
    themes, problems = load_themes(package_resource("themes"))
    assert themes and problems == []


def test_a_theme_of_a_name_already_there_is_said(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text('name = "cockpit-dark"\nprimary = "#ff0000"\n')
    (tmp_path / "nord.toml").write_text('name = "nord"\nprimary = "#ff0000"\n')
    themes, problems = load_themes(package_resource("themes"), tmp_path)
    said = {problem.path.name: problem.message for problem in problems}
    assert 'named "cockpit-dark" as a theme already there' in said["mine.toml"]
    assert 'named "nord" as a theme already there' in said["nord.toml"]
    assert [t.primary for t in themes if t.name == "cockpit-dark"][-1] == "#ff0000"


def test_a_folder_named_as_a_theme_file_is_said_in_words(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    themes, problems = load_themes(tmp_path)
    assert themes == [] and [p.message for p in problems] == ["cannot be read (Is a directory)"]
