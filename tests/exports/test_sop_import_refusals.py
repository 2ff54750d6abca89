"""Markdown imports that are not an SOP or a checklist a person wrote: refused in plain words.

Empty, binary, not UTF-8, over 20 MB, or more than 100 steps: one clear message, the data
file unchanged, and a 50 MB file refused before it is read (it used to become a
4.7-million-step draft).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cockpit.domain.errors import ValidationError
from cockpit.services.context import Cockpit
from cockpit.services.sop import import_sop, sop_markdown
from tests.cli.helpers import Cli
from tests.exports.conftest import process_named

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
    assert str(refused.value) == (
        f"{path}: it is 50.0 MB; an SOP or a checklist can be at most 20 MB"
    )


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
