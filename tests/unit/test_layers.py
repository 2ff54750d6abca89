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


def test_no_command_line_module_imports_textual_at_top_level() -> None:
    for path in modules("cli"):
        assert not hits(top_level_imports_of(path), {"textual"}), path.name


def test_cli_today_runs_without_loading_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from cockpit.cli.main import cli\n"
        f"CliRunner().invoke(cli, ['--data', r'{tmp_path / 'c.json'}', 'init', '--sample'])\n"
        f"r = CliRunner().invoke(cli, ['--data', r'{tmp_path / 'c.json'}', 'today', '--json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def loaded_by(args: list[str], tmp_path: Path, code: str = "") -> list[str]:
    """The cockpit modules, click and textual loaded when the real entry has run `args`
    (`code` runs first, e.g. to stop the app from opening)."""
    script = (
        "import atexit, sys\n"
        "prefixes = ('cockpit', 'click', 'textual', 'rich')\n"
        "atexit.register(lambda: print(sorted({m.split('.')[0] if not m.startswith('cockpit')\n"
        "    else m for m in sys.modules if m.startswith(prefixes)})))\n"
        f"{code}\n"
        f"sys.argv = ['cockpit', *{args!r}]\n"
        "from cockpit.cli.main import main\n"
        "main()\n"
    )
    env = {"COCKPIT_CONFIG": str(tmp_path / "none.toml"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    found = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert isinstance(found, list)
    return [str(name) for name in found]


def test_a_plain_cockpit_today_loads_only_the_days_commands(tmp_path: Path) -> None:
    """The group imports a command's family when it runs: `today` loads the day's module and
    its table, not the exports', the reviews' or the app."""
    data = str(tmp_path / "c.json")
    loaded_by(["--data", data, "init", "--sample"], tmp_path)
    loaded = loaded_by(["--data", data, "--date", "2026-11-23", "today"], tmp_path)
    assert "cockpit.cli.day" in loaded
    assert "cockpit.cli.render" in loaded
    others = ("cockpit.cli.data", "cockpit.cli.review", "cockpit.cli.reports", "cockpit.cli.demo")
    assert not set(others) & set(loaded), loaded
    assert not [name for name in loaded if name.startswith(("cockpit.tui", "textual"))], loaded


# what the app's path runs up to the app: `run_app` is where textual is first imported
STOP_AT_THE_APP = (
    "import cockpit.cli.launch\n"
    "def stop(path, clock, settings, copy_of=None):\n"
    "    sys.exit(0)\n"
    "cockpit.cli.launch.run_app = stop\n"
)


def test_the_app_path_loads_no_command_before_the_app(tmp_path: Path) -> None:
    """`cockpit` alone goes through the group (click is the one cost) straight to the app:
    no command family, no service, no store and no rich before the app's first frame."""
    args = ["--data", str(tmp_path / "c.json"), "--date", "2026-11-23"]
    before_app = loaded_by(args, tmp_path, STOP_AT_THE_APP)
    assert "click" in before_app  # the one parser of the command line
    families = ("cockpit.cli.day", "cockpit.cli.data", "cockpit.cli.review", "cockpit.cli.render")
    heavy = ("cockpit.services", "cockpit.store", "textual", "rich", *families)
    assert not [name for name in before_app if name.startswith(heavy)], before_app


def test_the_app_module_loads_nothing_the_first_frame_does_not_need() -> None:
    """The store, the services, the domain's rules, click and markdown-it load after the
    first frame (in the worker or on first use): importing the app must not pull them in
    (the command line's launcher adds click, and only click)."""
    code = (
        "import sys\n"
        "import cockpit.tui.app\n"
        "late = ('cockpit.store', 'cockpit.services', 'cockpit.domain.focus',\n"
        "        'cockpit.domain.schedule', 'tinydb', 'click', 'markdown_it', 'pendulum')\n"
        # the cache folder's name: the first frame draws the day kept from the last run
        "kept = ('cockpit.services', 'cockpit.services.cache_files')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(late) and m not in kept)\n"
        "assert not loaded, loaded\n"
        "import cockpit.cli.main, cockpit.cli.launch\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(late) and m != 'click'\n"
        "                and not m.startswith('click.') and m not in kept)\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
