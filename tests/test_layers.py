"""The layering rules, enforced: the domain is pure, only the store touches TinyDB,
the front ends go through the services, and the CLI never loads textual by itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cockpit"

DOMAIN_FORBIDDEN = {
    "textual", "tinydb", "rich", "click", "os", "pathlib", "io", "shutil", "tempfile",
    "subprocess", "socket", "sys", "platformdirs", "filelock", "orjson", "time",
    "cockpit.store", "cockpit.services", "cockpit.tui", "cockpit.cli", "cockpit.clock",
    "cockpit.config", "cockpit.locations",
}  # fmt: skip
CLOCK_READS = ("date.today", "datetime.now", "datetime.utcnow", "pendulum.now", "pendulum.today")


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py")) if folder else sorted(PACKAGE.glob("*.py"))


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


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
def test_domain_is_pure(path: Path) -> None:
    assert not hits(imports_of(path), DOMAIN_FORBIDDEN), f"{path.name} imports I/O or a front end"
    source = path.read_text(encoding="utf-8")
    for call in CLOCK_READS:
        assert f"{call}(" not in source, f"{path.name} reads the clock ({call})"


def test_only_the_store_touches_tinydb() -> None:
    offenders = [
        path.relative_to(PACKAGE)
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts[:1]
        and "bench" not in path.relative_to(PACKAGE).parts[:1]
        and hits(imports_of(path), {"tinydb"})
    ]
    assert offenders == []


def test_store_and_services_know_no_front_end() -> None:
    for folder in ("store", "services", "domain"):
        for path in modules(folder):
            assert not hits(imports_of(path), {"textual", "click", "cockpit.tui", "cockpit.cli"}), (
                path
            )


def test_front_ends_go_through_the_services() -> None:
    front = [PACKAGE / "cli.py", PACKAGE / "cli_data.py", PACKAGE / "render.py", *modules("tui")]
    for path in front:
        assert not hits(imports_of(path), {"cockpit.store", "tinydb"}), path


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
