"""A yearly archive file goes through the same types and checks as the live runs when it is
read; one that fails is refused by name, and neither it nor the data file is changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from cockpit.store import archive
from cockpit.store.database import Store
from cockpit.store.errors import ArchiveCorruptError
from cockpit.store.storage import encode
from tests.unit.store.helpers import NOW, TODAY, data_file, file_state, seed


def archived(tmp_path: Path) -> tuple[Path, Path]:
    """A data file whose first runs (in 2023) moved to the 2023 archive."""
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store, first=date(2023, 3, 1))
    with Store.open(path, today=TODAY, now=NOW):
        pass  # archives everything before 2025
    folder = archive.archive_folder(path)
    (year,) = sorted(folder.iterdir())
    return path, year


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda runs: runs["1"].update(date="2023-02-30"), "occurrences[\"1\"].date: '2023-02-30'"),
        (lambda runs: runs["1"].update(no="one"), 'occurrences["1"].no: expected a whole number'),
        (lambda runs: runs["2"].pop("process"), 'occurrences["2"].process: is missing'),
    ],
)
def test_a_broken_archive_is_refused_by_name_when_it_is_read(
    tmp_path: Path, change, words: str
) -> None:
    path, year = archived(tmp_path)
    data = orjson.loads(year.read_bytes())
    change(data["occurrences"])
    year.write_bytes(encode(data))
    before, archive_before = file_state(path), file_state(year)
    with Store.open(path, read_only=True) as store, pytest.raises(ArchiveCorruptError) as refused:
        store.occurrences(since=date(2023, 1, 1))
    message = str(refused.value)
    assert message.startswith(f"cannot read the archive file {year}: ")
    assert words in message
    assert "move it out of the archive folder" in message
    assert file_state(path) == before
    assert file_state(year) == archive_before


def test_a_good_archive_is_read(tmp_path: Path) -> None:
    path, _ = archived(tmp_path)
    with Store.open(path, read_only=True) as store:
        assert len(store.occurrences(since=date(2023, 1, 1), until=date(2023, 12, 31))) == 6
