"""The installed package carries its themes and the sample business, not only a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_wheel_ships_themes_and_sample_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("cockpit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "cockpit/sample_data/business.toml" in names
    for theme in ("cockpit-dark", "cockpit-light", "cockpit-contrast"):
        assert f"cockpit/themes/{theme}.toml" in names
    assert "cockpit/tui/app.tcss" in names


def test_every_shipped_theme_loads() -> None:
    from cockpit.tui.themes import load_themes

    themes, problems = load_themes(ROOT / "themes")
    assert problems == []
    assert {t.name for t in themes} >= {"cockpit-dark", "cockpit-light", "cockpit-contrast"}
    assert {t.dark for t in themes} == {True, False}


def test_a_broken_user_theme_is_reported_not_fatal(tmp_path: Path) -> None:
    from cockpit.tui.themes import load_themes

    (tmp_path / "bad.toml").write_text('name = "x"\n')  # no primary colour
    (tmp_path / "good.toml").write_text('name = "mine"\nprimary = "#123456"\n')
    themes, problems = load_themes(tmp_path)
    assert [t.name for t in themes] == ["mine"]
    assert [p.path.name for p in problems] == ["bad.toml"]
