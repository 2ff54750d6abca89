"""A TOML file nested deeper than the reader can follow is a bad file, said in one line."""

from __future__ import annotations

from pathlib import Path

from tests.unit.cli.helpers import Cli

DEEP = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"


def test_a_deep_business_file_is_refused_and_nothing_changes(sample_cli: Cli) -> None:
    source = sample_cli.tmp_path / "deep.toml"
    source.write_text(DEEP, encoding="utf-8")
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("import", str(source))
    assert "too deeply" in line
    assert sample_cli.data.read_bytes() == before


def test_a_deep_config_file_is_named_in_the_error(sample_cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "deep-config.toml"
    config.write_text(DEEP, encoding="utf-8")
    result = sample_cli.run("today", COCKPIT_CONFIG=str(config))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert str(config) in result.stderr and "too deeply" in result.stderr


def test_a_deep_theme_file_is_reported_not_raised(tmp_path: Path) -> None:
    from cockpit.tui.themes import load_themes

    (tmp_path / "deep.toml").write_text(DEEP, encoding="utf-8")
    themes, problems = load_themes(tmp_path)
    assert themes == [] and len(problems) == 1
    assert "too deeply" in problems[0].message
