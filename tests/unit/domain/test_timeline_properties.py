"""Properties of the timeline over any roles, blocks and steps (hypothesis)."""

from __future__ import annotations

from datetime import date, time
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.model import Role, TimeBlock
from cockpit.domain.timeline import Work, build_timeline

FAST = settings(max_examples=200, deadline=None)
DAY = date(2026, 11, 16)  # a Monday
ROLE_IDS = ["sales", "delivery", "admin"]


@st.composite
def blocks(draw: st.DrawFn) -> tuple[TimeBlock, ...]:
    found = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, 23 * 60 - 15))
        end = draw(st.integers(start + 5, min(start + 300, 24 * 60 - 1)))
        found.append(TimeBlock(time(start // 60, start % 60), time(end // 60, end % 60)))
    return tuple(found)


@st.composite
def roles(draw: st.DrawFn) -> list[Role]:
    return [
        Role(id=rid, name=rid.title(), order=i, blocks={"mon": draw(blocks())})
        for i, rid in enumerate(ROLE_IDS)
    ]


@st.composite
def steps(draw: st.DrawFn) -> list[Work]:
    count = draw(st.integers(0, 25))
    found = []
    for n in range(count):
        pin = draw(
            st.one_of(st.none(), st.integers(0, 23 * 60).map(lambda m: time(m // 60, m % 60)))
        )
        found.append(
            Work(
                f"{n}.1",
                draw(st.sampled_from([*ROLE_IDS, "gone"])),
                f"step {n}",
                draw(st.integers(0, 200)),
                pin,
            )
        )
    return found


@FAST
@given(roles(), steps(), st.data())
def test_every_step_once_placed_or_over_and_no_overlap(
    the_roles: list[Role], the_steps: list[Work], data: st.DataObject
) -> None:
    planned = data.draw(st.lists(st.sampled_from([w.key for w in the_steps] or ["x"])))
    line = build_timeline(DAY, the_roles, the_steps, planned)
    placed = [slot.work.key for block in line.blocks for slot in block.slots]
    over = [work.key for work in line.overflow]
    waiting = [work.key for lane in line.unscheduled for work in lane.steps]
    everything = placed + over + waiting
    assert sorted(everything) == sorted(w.key for w in the_steps)  # each once, none lost
    assert [w.key for w in line.steps] == everything
    for block in line.blocks:
        assert all(slot.work.role == block.role.id for slot in block.slots)
        assert all(block.start <= slot.start < slot.end <= block.end for slot in block.slots)
        assert all(a.end <= b.start for a, b in pairwise(block.slots))
        assert block.used <= block.size
        for slot in block.slots:
            assert line.block_of(slot.work.key) is block
    assert [b.start for b in line.blocks] == sorted(b.start for b in line.blocks)
    for load in line.loads:  # overflow only when a role's blocks are too small
        if load.overflow:
            assert load.planned > load.capacity or any(
                w.minutes > max(b.free for b in line.role_blocks(load.role.id))
                for w in load.overflow
            )
        mine = [w for w in the_steps if w.role == load.role.id]
        assert load.planned == sum(w.minutes for w in mine)
    low, high = line.window
    covered = sum(f.minutes for f in line.free)
    for free in line.free:
        assert low <= free.start < free.end <= high
        assert not any(b.start < free.end and free.start < b.end for b in line.blocks)
    assert covered <= high - low


@FAST
@given(roles(), steps())
def test_a_step_with_room_in_its_pinned_block_is_placed_there(
    the_roles: list[Role], the_steps: list[Work]
) -> None:
    line = build_timeline(DAY, the_roles, the_steps)
    for block in line.blocks:
        pinned_here = [s for s in block.slots if s.work.pin == block.block.start]
        assert sum(s.work.minutes for s in pinned_here) <= block.size
