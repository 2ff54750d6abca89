"""What the import contracts (pyproject.toml, checked by `lint-imports` in the test command)
cannot say: the domain reads no clock, and what a command or the app's first frame loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cockpit"

CLOCK_READS = ("date.today", "datetime.now", "datetime.utcnow", "pendulum.now", "pendulum.today")


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py")) if folder else sorted(PACKAGE.glob("*.py"))


def top_level_imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def hits(found: set[str], forbidden: set[str]) -> set[str]:
    return {
        name for name in found for bad in forbidden if name == bad or name.startswith(bad + ".")
    }


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_the_domain_reads_no_clock(path: Path) -> None:
    """What it imports is a contract in pyproject.toml (`lint-imports`); a clock read is not."""
    source = path.read_text(encoding="utf-8")
    for call in CLOCK_READS:
        assert f"{call}(" not in source, f"{path.name} reads the clock ({call})"


def test_cli_module_does_not_import_textual_at_top_level() -> None:
    for name in ("cli.py", "cli_data.py", "entry.py"):
        assert not hits(top_level_imports_of(PACKAGE / name), {"textual"}), name


def test_cli_today_runs_without_loading_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from cockpit.cli import cli\n"
        f"CliRunner().invoke(cli, ['--data', r'{tmp_path / 'c.json'}', 'init', '--sample'])\n"
        f"r = CliRunner().invoke(cli, ['--data', r'{tmp_path / 'c.json'}', 'today', '--json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_app_module_loads_nothing_the_first_frame_does_not_need() -> None:
    """The store, the services, the domain's rules, click and markdown-it load after the
    first frame (in the worker or on first use): importing the app must not pull them in."""
    code = (
        "import sys\n"
        "import cockpit.entry, cockpit.tui.app\n"
        "late = ('cockpit.store', 'cockpit.services', 'cockpit.domain.focus',\n"
        "        'cockpit.domain.schedule', 'tinydb', 'click', 'markdown_it', 'pendulum')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(late))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
