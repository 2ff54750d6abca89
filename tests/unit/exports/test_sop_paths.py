"""SOP files are named after their process, always inside --out, and always import back.

A process id of `../../victim/README` once overwrote a file outside the export folder; a
tool name holding the separator of the step line made an SOP its own importer refused.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Process, Step, slugify
from cockpit.domain.schedule import parse_schedule
from cockpit.services.context import Cockpit
from cockpit.services.sop import export_sops, sop_markdown
from cockpit.services.sop_import import import_sop
from tests.unit.cli.helpers import Cli
from tests.unit.exports.conftest import MONDAY, TZ, process_named


def a_process(name: str, pid: str | None = None, **step: str) -> Process:
    return Process(
        id=pid or slugify(name),
        name=name,
        role="admin",
        schedule=parse_schedule("weekly on fri", TZ),
        start=MONDAY,
        steps=(Step("s1", "Count the receipts", **step), Step("s2", "File them")),  # type: ignore[arg-type]
    )


def written(paths: list[Path] | str) -> list[Path]:
    assert isinstance(paths, list)
    return paths


def test_file_names_are_slugs_of_the_process_names(sample: Cockpit, tmp_path: Path) -> None:
    out = tmp_path / "sops"
    paths = written(export_sops(sample, out))
    names = sorted(path.name for path in paths)
    assert names == sorted(f"{slugify(p.name)}.md" for p in sample.store.processes())
    assert all(path.parent == out for path in paths)


def test_a_name_like_a_path_stays_inside_the_folder(sample: Cockpit, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "sops"
    victim = tmp_path / "victim" / "README.md"
    victim.parent.mkdir()
    victim.write_text("keep me", encoding="utf-8")
    sample.store.save_process(a_process("../../victim/README"))
    paths = written(export_sops(sample, out, "../../victim/README"))
    assert [path.name for path in paths] == ["victim-readme.md"]
    assert paths[0].resolve().parent == out.resolve()
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_an_id_like_a_path_names_no_file(sample: Cockpit, tmp_path: Path) -> None:
    """Ids are checked where they are read; were one to get through, it names no file."""
    try:
        process = a_process("Victim readme", "../../victim/README")
    except ValidationError:
        return  # the model refuses such an id outright
    out = tmp_path / "deep" / "sops"
    victim = tmp_path / "victim" / "README.md"
    victim.parent.mkdir()
    victim.write_text("keep me", encoding="utf-8")
    sample.store.save_process(process)
    paths = written(export_sops(sample, out))
    assert all(path.resolve().parent == out.resolve() for path in paths)
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_two_names_with_one_slug_make_two_files(sample: Cockpit, tmp_path: Path) -> None:
    sample.store.save_process(a_process("Invoice: clients!", "invoice-clients-again"))
    paths = written(export_sops(sample, tmp_path))
    names = [path.name for path in paths]
    assert len(names) == len(set(names)) == 25
    assert {"invoice-clients.md", "invoice-clients-2.md"} <= set(names)


def test_a_symlink_in_the_folder_is_replaced_not_followed(sample: Cockpit, tmp_path: Path) -> None:
    out = tmp_path / "sops"
    out.mkdir()
    outside = tmp_path / "outside.md"
    outside.write_text("keep me", encoding="utf-8")
    (out / "invoice-clients.md").symlink_to(outside)
    paths = written(export_sops(sample, out, "Invoice clients"))
    assert paths == [out / "invoice-clients.md"]
    assert not paths[0].is_symlink()
    assert paths[0].read_text(encoding="utf-8").startswith("---\nformat: cockpit-sop")
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_a_symlinked_folder_inside_out_is_not_a_way_out(sample: Cockpit, tmp_path: Path) -> None:
    """`--out` itself may be a link (the user chose it); nothing below it is followed."""
    target = tmp_path / "real"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target, target_is_directory=True)
    paths = written(export_sops(sample, link, "Invoice clients"))
    assert (target / "invoice-clients.md").is_file()
    assert paths == [link / "invoice-clients.md"]


TOOLS = [
    "Bank · Due: the day after",
    "Tool: QuickBooks",
    "A · B · C",
    "Estimate: 5 min",
    "x <!-- step s9 -->",
    "·",
    "C:\\Tools\\",
    "a \\· b \\\\ c",
]


@pytest.mark.parametrize("tool", TOOLS)
def test_a_tool_that_looks_like_the_step_line_round_trips(
    sample: Cockpit, tmp_path: Path, tool: str
) -> None:
    process = a_process("Receipts", tool=tool, instructions="Count them.")
    sample.store.save_process(process)
    path = written(export_sops(sample, tmp_path, "Receipts"))[0]
    imported = import_sop(sample, path)
    assert imported == process
    assert process_named(sample, "Receipts").version == 1  # nothing changed on the way


@pytest.mark.parametrize("tool", ["Quick\nBooks", "Quick\r\nBooks", "Quick\tBooks", "\x1b[2JQB"])
def test_a_tool_with_a_line_break_never_makes_an_sop_that_cannot_come_back(
    sample: Cockpit, tmp_path: Path, tool: str
) -> None:
    try:
        process = a_process("Receipts", tool=tool)
    except ValidationError:
        return  # the model refuses it where it is typed or read: no such SOP can be written
    sample.store.save_process(process)
    text = sop_markdown(sample, process)
    assert "\x1b" not in text and "\r" not in text
    path = written(export_sops(sample, tmp_path, "Receipts"))[0]
    imported = import_sop(sample, path)
    assert replace(imported, version=1, steps=process.steps) == process
    assert "\n" not in imported.steps[0].tool and "\x1b" not in imported.steps[0].tool


def test_the_cli_writes_inside_out_and_says_where(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    cli.ok("init", "--sample")
    out = tmp_path / "sops"
    result = cli.run("export", "--format", "md", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"Wrote 24 SOP documents to {out}" in result.stderr
    assert len(os.listdir(out)) == 24 and "invoice-clients.md" in os.listdir(out)
    assert sorted(os.listdir(tmp_path)) == [
        "c.json",
        "c.json.lock",
        "home",
        "sops",
    ]  # reads: no backup
