"""Markdown imports that are not an SOP or a checklist a person wrote: refused in plain words.

Empty, binary, not UTF-8, over 20 MB, or more than 100 steps: one clear message, the data
file unchanged, and a 50 MB file refused before it is read (it used to become a
4.7-million-step draft).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import ValidationError
from cockpit.services.business import create_roles
from cockpit.services.context import Cockpit
from cockpit.services.sop import sop_markdown
from cockpit.services.sop_import import MissingReferencesError, import_sop, import_sop_file
from tests.unit.cli.helpers import Cli
from tests.unit.exports.conftest import MONDAY, SETTINGS, TZ, process_named

CONTENTS = {
    "empty": (b"", "is empty"),
    "blank lines": (b"\n  \n\t\n", "is empty"),
    "a byte order mark alone": ("\ufeff\n".encode(), "is empty"),
    "binary with NUL bytes": (b"- [ ] Step\x00\x00\x01\x02", "not a text file"),
    "a picture": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    "latin-1": ("- [ ] Caf\xe9".encode("latin-1"), "not UTF-8"),
    "utf-16": ("- [ ] Step".encode("utf-16"), "not a text file"),
}


@pytest.mark.parametrize("content", list(CONTENTS.values()), ids=list(CONTENTS))
def test_a_file_that_is_no_text_is_refused(
    sample: Cockpit, tmp_path: Path, content: tuple[bytes, str]
) -> None:
    raw, message = content
    path = tmp_path / "x.md"
    path.write_bytes(raw)
    before = sample.store.processes()
    with pytest.raises(ValidationError) as refused:
        import_sop(sample, path)
    assert str(refused.value).startswith(f"{path}: "), str(refused.value)
    assert message in str(refused.value)
    assert sample.store.processes() == before


def checklist(items: int) -> str:
    return "# Long list\n\n" + "".join(f"- [ ] Step {n}\n" for n in range(1, items + 1))


def test_a_checklist_of_100_steps_is_read_and_one_of_101_refused(
    sample: Cockpit, tmp_path: Path
) -> None:
    path = tmp_path / "long.md"
    path.write_text(checklist(101), encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        import_sop(sample, path)
    assert str(refused.value) == (
        f"{path}, line 103: more than 100 steps; a process holds at most 100"
    )
    path.write_text(checklist(100), encoding="utf-8")
    assert len(import_sop(sample, path).steps) == 100


def test_an_sop_of_101_steps_is_refused(sample: Cockpit, tmp_path: Path) -> None:
    text = sop_markdown(sample, process_named(sample, "Invoice clients"))
    more = "".join(f"### {n}. Step {n}\n\nEstimate: 1 min · Due: on the day\n\n" for n in range(98))
    text = text.replace("## Notes", more + "## Notes") if "## Notes" in text else text + more
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match="more than 100 steps"):
        import_sop(sample, path)


def test_a_file_over_20_mb_is_refused_before_it_is_read(sample: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    line = b"- [ ] Check the thing\n"
    with path.open("wb") as handle:
        handle.write(line * (50 * 2**20 // len(line)))
    started = time.perf_counter()
    with pytest.raises(ValidationError) as refused:
        import_sop(sample, path)
    assert time.perf_counter() - started < 0.5
    assert str(refused.value) == f"{path}: it is 50.0 MB, and Cockpit reads files up to 20 MB"


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"", "is empty"), (b"\x00\x01binary", "not a text file"), (b"caf\xe9", "not UTF-8")],
    ids=["empty", "binary", "latin-1"],
)
def test_the_cli_refuses_them_in_one_line(tmp_path: Path, raw: bytes, message: str) -> None:
    sample_cli = Cli(tmp_path)
    sample_cli.ok("init", "--sample")
    path = tmp_path / "x.md"
    path.write_bytes(raw)
    stored = sample_cli.data.read_bytes()
    result = sample_cli.run("import", str(path))
    assert "Imported" not in result.stdout + result.stderr
    line = sample_cli.fails("import", str(path))
    assert message in line, line
    assert sample_cli.data.read_bytes() == stored


# -- roles and systems the data file lacks ------------------------------------------------


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Cockpit]:
    """A new hire's data file, as `cockpit init` makes it: three roles, no system."""
    with Cockpit.open(tmp_path / "fresh.json", FixedClock.on(MONDAY, TZ), SETTINGS) as ctx:
        create_roles(ctx, ["Sales", "Delivery", "Admin"])
        yield ctx


def owners_sop(sample: Cockpit, tmp_path: Path, name: str = "Manage the blog") -> Path:
    path = tmp_path / "blog.md"
    path.write_text(sop_markdown(sample, process_named(sample, name)), encoding="utf-8")
    return path


def test_a_missing_role_and_system_are_named_and_nothing_is_saved(
    sample: Cockpit, fresh: Cockpit, tmp_path: Path
) -> None:
    path = owners_sop(sample, tmp_path)
    with pytest.raises(MissingReferencesError) as refused:
        import_sop(fresh, path)
    error = refused.value
    assert isinstance(error, ValidationError)
    assert (error.roles, error.systems, error.source) == (("Marketing",), ("Marketing",), str(path))
    assert str(error) == (
        f'{path}, line 4: role "Marketing" and system "Marketing" do not exist '
        "(roles: Sales, Delivery, Admin; systems: none yet)"
    )
    assert [role.name for role in fresh.store.roles()] == ["Sales", "Delivery", "Admin"]
    assert fresh.store.systems() == [] and fresh.store.processes() == []


def test_create_missing_makes_them_and_the_sop_reads_the_same(
    sample: Cockpit, fresh: Cockpit, tmp_path: Path
) -> None:
    original = process_named(sample, "Manage the blog")
    done = import_sop_file(fresh, owners_sop(sample, tmp_path), create_missing=True)
    assert [role.name for role in done.created_roles] == ["Marketing"]
    assert [system.name for system in done.created_systems] == ["Marketing"]
    role, system = done.created_roles[0], done.created_systems[0]
    assert (role.id, role.order, system.id) == ("marketing", 3, "marketing-2")
    assert (done.process.role, done.process.system) == ("marketing", "marketing-2")
    assert fresh.store.processes() == [done.process]
    assert replace(done.process, role=original.role, system=original.system) == original
    front = sop_markdown(sample, original).split("## Purpose")[0]
    assert sop_markdown(fresh, done.process).startswith(front)  # "role: Marketing" and all
    again = import_sop_file(fresh, owners_sop(sample, tmp_path), create_missing=True)
    assert (again.created_roles, again.created_systems) == ((), ())  # found by name now
    assert again.process == done.process


def test_create_missing_creates_nothing_when_the_file_is_refused(
    sample: Cockpit, fresh: Cockpit, tmp_path: Path
) -> None:
    path = owners_sop(sample, tmp_path)
    path.write_text(path.read_text("utf-8").replace("every 2 weeks on wed", "every blue moon"))
    with pytest.raises(ValidationError, match="every blue moon"):
        import_sop(fresh, path, create_missing=True)
    assert [role.name for role in fresh.store.roles()] == ["Sales", "Delivery", "Admin"]
    assert fresh.store.systems() == [] and fresh.store.processes() == []


def test_a_checklist_s_role_is_created_when_asked(fresh: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "close.md"
    path.write_text("Role: Accounts\nSystem: Books\n- [ ] Count\n", encoding="utf-8")
    with pytest.raises(MissingReferencesError) as refused:
        import_sop(fresh, path)
    assert str(refused.value) == (
        f'{path}, line 1: role "Accounts" and system "Books" do not exist '
        "(roles: Sales, Delivery, Admin; systems: none yet)"
    )
    process = import_sop(fresh, path, create_missing=True)
    assert (process.role, process.system) == ("accounts", "books")


def test_the_cli_says_to_add_create_missing(sample_file: Cli, tmp_path: Path) -> None:
    new = Cli(tmp_path, "new.json")
    new.ok("init")
    sample_file.ok("export", "--format", "md", "--out", str(tmp_path / "sops"))
    sop = tmp_path / "sops" / "manage-the-blog.md"
    stored = new.data.read_bytes()
    line = new.fails("import", str(sop))
    assert line.endswith(
        'role "Marketing" and system "Marketing" do not exist (roles: Sales, Delivery, Admin; '
        "systems: none yet); add --create-missing to create them"
    ), line
    assert new.data.read_bytes() == stored
    out = new.ok("import", str(sop), "--create-missing")
    assert out == (
        f'Imported "Manage the blog" (routine, 4 steps, version 1) from {sop}; '
        'created role "Marketing" and system "Marketing"\n'
    )
    line = new.fails("import", str(tmp_path / "new.json"), "--create-missing")
    assert "--create-missing goes with a Markdown file" in line


@pytest.fixture
def sample_file(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path, "owner.json")
    cli.ok("init", "--sample")
    return cli
