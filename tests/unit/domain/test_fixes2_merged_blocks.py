"""A role's overlapping blocks on a day are one block on the timeline, their time counted
once; blocks that only touch stay two (the owner may have meant two sittings)."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.domain.model import Role, TimeBlock
from cockpit.domain.timeline import build_timeline, merged_blocks

SATURDAY = date(2026, 12, 5)


def blocks(*texts: str) -> list[TimeBlock]:
    return [TimeBlock.parse(text) for text in texts]


@pytest.mark.parametrize(
    ("given", "made"),
    [
        (("09:00-10:00", "09:30-11:00"), ("09:00-11:00",)),
        (("09:30-11:00", "09:00-10:00"), ("09:00-11:00",)),
        (("09:00-12:00", "10:00-11:00"), ("09:00-12:00",)),
        (("09:00-10:00", "10:00-11:00"), ("09:00-10:00", "10:00-11:00")),
        (("09:00-10:00", "09:30-11:00", "00:00-23:59"), ("00:00-23:59",)),
        (("14:00-15:00", "08:00-09:00", "08:30-08:45"), ("08:00-09:00", "14:00-15:00")),
    ],
)
def test_overlapping_blocks_are_merged(given: tuple[str, ...], made: tuple[str, ...]) -> None:
    assert [str(block) for block in merged_blocks(blocks(*given))] == list(made)


def test_the_tester_s_saturday_counts_a_day_once() -> None:
    role = Role(
        id="sales",
        name="Sales",
        blocks={"sat": tuple(blocks("09:00-10:00", "09:30-11:00", "00:00-23:59"))},
    )
    line = build_timeline(SATURDAY, [role], [])
    assert [placed.label for placed in line.blocks] == ["Sales 00:00-23:59"]
    assert sum(placed.size for placed in line.blocks) == 23 * 60 + 59
    (load,) = line.loads
    assert load.capacity == 23 * 60 + 59
