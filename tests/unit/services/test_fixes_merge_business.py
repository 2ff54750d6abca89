"""The merge's rule on the business mark, on the data as read: two marks that differ are two
businesses whatever the records share; a file without one (older files) falls back on the
shared past; the merged meta keeps the live file's mark, else the copy's."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from cockpit.services.merge import MergeRefused, _refuse_another_business, business_of
from cockpit.store.merge_tables import merge_tables
from cockpit.store.opening import read_data_file
from tests.unit.cli.helpers import Cli

Data = dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Data:
    cli = Cli(tmp_path_factory.mktemp("sample"))
    cli.ok("init", "--sample")
    cli.today()
    return read_data_file(cli.data).data


def marked(data: Data, mark: str | None) -> Data:
    made = copy.deepcopy(data)
    meta = made.setdefault("meta", {}).setdefault("1", {})
    meta.pop("business", None)
    if mark is not None:
        meta["business"] = mark
    return made


def check(live: Data, other: Data) -> Data:
    merged, report = merge_tables(live, other)
    _refuse_another_business(live, other, report, Path("other.json"))
    return merged


def test_two_marks_that_differ_are_refused_though_every_record_is_shared(sample: Data) -> None:
    live, other = marked(sample, "01JA" + "0" * 22), marked(sample, "01JB" + "0" * 22)
    with pytest.raises(MergeRefused, match="different business: it was made by its own") as refused:
        check(live, other)
    assert "its own `cockpit init`" in str(refused.value)
    assert "nothing was changed" in str(refused.value)


@pytest.mark.parametrize(
    ("mine", "theirs", "kept"),
    [
        ("01JA" + "0" * 22, "01JA" + "0" * 22, "01JA" + "0" * 22),
        ("01JA" + "0" * 22, None, "01JA" + "0" * 22),
        (None, "01JB" + "0" * 22, "01JB" + "0" * 22),  # an older copy of it takes the mark
        (None, None, None),
    ],
)
def test_one_mark_or_none_merges_by_the_shared_past(
    sample: Data, mine: str | None, theirs: str | None, kept: str | None
) -> None:
    merged = check(marked(sample, mine), marked(sample, theirs))
    assert business_of(merged) == kept
