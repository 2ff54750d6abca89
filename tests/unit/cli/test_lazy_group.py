"""The `cockpit` group loads a command's family only when the command runs, and the
families stand on their own: none imports the group (no cycle), each command is where the
group's table says it is."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cockpit.cli.main import COMMANDS, cli

CLI_PACKAGE = Path(__file__).resolve().parents[3] / "cockpit" / "cli"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_found_in_its_family(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command)
    assert command.name == name
    assert command.callback is not None
    assert command.callback.__module__ == f"cockpit.cli.{COMMANDS[name][0]}"


def test_an_unknown_command_is_one_error_line() -> None:
    assert cli.get_command(click.Context(cli), "bogus") is None
    result = CliRunner().invoke(cli, ["bogus"])
    assert result.exit_code == 2
    assert "No such command 'bogus'" in result.output


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    listed = result.output.split("Commands:")[1]
    for name in COMMANDS:
        assert f"  {name} " in listed, name


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for p in CLI_PACKAGE.glob("*.py")
        # the group, and the entry before it (a kept answer to `today`, else the group)
        if p.name not in ("main.py", "__init__.py", "fast.py", "today_keep.py")
    ),
    ids=lambda p: p.name,
)
def test_no_module_of_the_command_line_imports_the_group(path: Path) -> None:
    """The group names the families; a family that imported the group back would be the old
    cli <-> cli_data cycle."""
    assert "cockpit.cli.main" not in imported_modules(path)


def test_the_group_alone_loads_no_family() -> None:
    code = (
        "import sys\n"
        "import cockpit.cli.main\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('cockpit.cli.'))\n"
        "shared = ['cockpit.cli.main', 'cockpit.cli.options', 'cockpit.cli.session']\n"
        "assert loaded == shared, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_python_m_cockpit_and_the_installed_script_share_the_entry() -> None:
    main_module = Path(CLI_PACKAGE.parent / "__main__.py").read_text(encoding="utf-8")
    assert "from cockpit.cli.fast import main" in main_module
    pyproject = (CLI_PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'cockpit = "cockpit.cli.fast:main"' in pyproject
