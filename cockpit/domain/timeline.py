"""The day as a timeline: the roles' time blocks in time order, the steps placed in them.

Blocks are wall-clock times (a block 09:00-10:30 is 90 minutes on every day, a day of a
DST change too); a time of day here is minutes since midnight. A role's steps go into its
blocks in priority order (the owner's plan first, then the due order), each taking its
estimate (`DEFAULT_MINUTES` for a step without one): a step pinned to a block has the first
claim on that block's room, the others take the first block with room enough. A step that
fits nowhere is the role's overflow. A role with no block that day is "unscheduled": its
steps wait in their own lane. Time inside the day's window that no block covers is free.
Blocks of one role that overlap on a day (09:00-10:00 and 09:30-11:00) are one block
(09:00-11:00): its time is counted once. The day's dated tasks are placed as steps are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time

from cockpit.domain.day_clock import duration_text, minute_of
from cockpit.domain.model import Role, TimeBlock

DEFAULT_MINUTES = 15  # a step without an estimate takes this long on the timeline
DAY_START = 8 * 60  # the window of the day free time is counted in (stretched by blocks)
DAY_END = 18 * 60


@dataclass(frozen=True, slots=True)
class Work:
    """A step or task to place: its key (`412.2`, `t12`), role id, title and estimate (0:
    none given)."""

    key: str
    role: str
    title: str
    estimate: int = 0
    pin: time | None = None  # the start of the block the owner moved it to

    @property
    def minutes(self) -> int:
        return self.estimate or DEFAULT_MINUTES


@dataclass(frozen=True, slots=True)
class Slot:
    """A step placed in a block, from `start` to `end` (minutes of the day)."""

    work: Work
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PlacedBlock:
    """One block of one role, with the steps placed in it."""

    role: Role
    block: TimeBlock
    slots: tuple[Slot, ...] = ()

    @property
    def start(self) -> int:
        return minute_of(self.block.start)

    @property
    def end(self) -> int:
        return minute_of(self.block.end)

    @property
    def size(self) -> int:
        return self.block.minutes

    @property
    def used(self) -> int:
        return sum(slot.end - slot.start for slot in self.slots)

    @property
    def free(self) -> int:
        return self.size - self.used

    def holds(self, minute: int) -> bool:
        return self.start <= minute < self.end

    @property
    def label(self) -> str:
        return f"{self.role.name} {self.block}"


@dataclass(frozen=True, slots=True)
class RoleLoad:
    """What a role has to do that day against the time its blocks give it."""

    role: Role
    planned: int  # minutes of all its steps
    capacity: int  # minutes of all its blocks
    overflow: tuple[Work, ...] = ()  # its steps that fit in no block

    @property
    def over(self) -> bool:
        return self.planned > self.capacity or bool(self.overflow)

    @property
    def text(self) -> str:
        """Delivery: 3h20 planned in 3h00."""
        return (
            f"{self.role.name}: {duration_text(self.planned)} planned "
            f"in {duration_text(self.capacity)}"
        )


@dataclass(frozen=True, slots=True)
class Lane:
    """A role with no block that day, and its steps."""

    role: Role
    steps: tuple[Work, ...]

    @property
    def minutes(self) -> int:
        return sum(work.minutes for work in self.steps)


@dataclass(frozen=True, slots=True)
class Free:
    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Timeline:
    day: date
    blocks: tuple[PlacedBlock, ...]
    loads: tuple[RoleLoad, ...]  # roles with a block that day, in the roles' order
    unscheduled: tuple[Lane, ...]
    free: tuple[Free, ...]
    now: int | None = None  # the minute of the day it is, when the day is today
    window: tuple[int, int] = (DAY_START, DAY_END)
    planned: frozenset[str] = frozenset()  # the steps in the owner's plan of the day
    _where: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def current(self) -> PlacedBlock | None:
        """The block it is now (the first, if blocks overlap)."""
        if self.now is None:
            return None
        return next((placed for placed in self.blocks if placed.holds(self.now)), None)

    @property
    def overflow(self) -> tuple[Work, ...]:
        return tuple(work for load in self.loads for work in load.overflow)

    def block_of(self, key: str) -> PlacedBlock | None:
        """The block a step is placed in (None: unscheduled or overflow)."""
        index = self._where.get(key)
        return None if index is None else self.blocks[index]

    def role_blocks(self, role: str) -> list[PlacedBlock]:
        return [placed for placed in self.blocks if placed.role.id == role]

    def neighbour_block(self, key: str, delta: int) -> PlacedBlock | None:
        """The next (+1) or previous (-1) block of the step's role; a step in overflow goes
        to the role's last (-1) or first (+1) block. None: there is none that way."""
        work = self.find(key)
        if work is None:
            return None
        blocks = self.role_blocks(work.role)
        here = self.block_of(key)
        if here is None:
            if not blocks:
                return None
            return blocks[0] if delta > 0 else blocks[-1]
        index = blocks.index(here) + delta
        return blocks[index] if 0 <= index < len(blocks) else None

    def find(self, key: str) -> Work | None:
        for work in self.steps:
            if work.key == key:
                return work
        return None

    @property
    def steps(self) -> list[Work]:
        """Every step in the order the timeline shows them: block by block, then the
        overflow, then the unscheduled lanes."""
        placed = [slot.work for block in self.blocks for slot in block.slots]
        lanes = [work for lane in self.unscheduled for work in lane.steps]
        return [*placed, *self.overflow, *lanes]

    def room_for(self, work: Work, target: PlacedBlock) -> bool:
        """Whether the step, pinned to `target`, would be placed there: the steps already
        pinned there claim the room first."""
        pinned = sum(
            slot.work.minutes
            for slot in target.slots
            if slot.work.pin == target.block.start and slot.work.key != work.key
        )
        return pinned + work.minutes <= target.size


def prioritised(steps: Sequence[Work], planned: Sequence[str]) -> list[Work]:
    """The owner's plan first (in the plan's order), then the rest in their own order."""
    by_key = {work.key: work for work in steps}
    first = [by_key[key] for key in dict.fromkeys(planned) if key in by_key]
    chosen = {work.key for work in first}
    return [*first, *(work for work in steps if work.key not in chosen)]


def build_timeline(
    day: date,
    roles: Sequence[Role],
    steps: Sequence[Work],
    planned: Sequence[str] = (),
    *,
    now: time | None = None,
    window: tuple[int, int] = (DAY_START, DAY_END),
) -> Timeline:
    """Place the day's steps (in due order; `planned` keys first) in the roles' blocks."""
    ordered = prioritised(list({work.key: work for work in steps}.values()), planned)
    by_id = {role.id: role for role in roles}
    blocks: list[PlacedBlock] = []
    loads: list[RoleLoad] = []
    lanes: list[Lane] = []
    for role in roles:
        mine = [work for work in ordered if work.role == role.id]
        own = merged_blocks(role.blocks_on(day))
        if not own:
            if mine:
                lanes.append(Lane(role, tuple(mine)))
            continue
        placed, overflow = _place(role, own, mine)
        blocks.extend(placed)
        capacity = sum(block.minutes for block in own)
        planned_minutes = sum(work.minutes for work in mine)
        loads.append(RoleLoad(role, planned_minutes, capacity, tuple(overflow)))
    for role_id in dict.fromkeys(work.role for work in ordered):
        if role_id not in by_id:  # a role the file no longer has: its steps wait unscheduled
            stray = tuple(work for work in ordered if work.role == role_id)
            lanes.append(Lane(Role(id=role_id, name=role_id), stray))
    blocks.sort(key=lambda placed: (placed.start, placed.end, placed.role.order))
    low = min([window[0], *(placed.start for placed in blocks)])
    high = max([window[1], *(placed.end for placed in blocks)])
    where = {slot.work.key: i for i, placed in enumerate(blocks) for slot in placed.slots}
    return Timeline(
        day,
        tuple(blocks),
        tuple(loads),
        tuple(lanes),
        tuple(_free(blocks, low, high)),
        None if now is None else minute_of(now),
        (low, high),
        frozenset(planned) & {work.key for work in ordered},
        where,
    )


def merged_blocks(blocks: Sequence[TimeBlock]) -> list[TimeBlock]:
    """A role's blocks of a day in time order, those that overlap made one (blocks that only
    touch, 09:00-10:00 and 10:00-11:00, stay two): overlapping blocks counted their shared
    time twice ("43m of 26h29 in blocks" on one day)."""
    merged: list[TimeBlock] = []
    for block in sorted(blocks, key=lambda block: (block.start, block.end)):
        if merged and block.start < merged[-1].end:
            if block.end > merged[-1].end:
                merged[-1] = TimeBlock(merged[-1].start, block.end)
            continue
        merged.append(block)
    return merged


def _place(
    role: Role, own: Sequence[TimeBlock], steps: Sequence[Work]
) -> tuple[list[PlacedBlock], list[Work]]:
    room = [block.minutes for block in own]
    chosen: dict[str, int] = {}
    starts = {block.start: index for index, block in enumerate(own)}
    for work in steps:  # pinned steps claim their block's room first
        index = starts.get(work.pin) if work.pin is not None else None
        if index is not None and work.minutes <= room[index]:
            chosen[work.key] = index
            room[index] -= work.minutes
    overflow: list[Work] = []
    for work in steps:
        if work.key in chosen:
            continue
        index = next((i for i, left in enumerate(room) if work.minutes <= left), None)
        if index is None:
            overflow.append(work)
            continue
        chosen[work.key] = index
        room[index] -= work.minutes
    placed: list[PlacedBlock] = []
    for index, block in enumerate(own):
        at = minute_of(block.start)
        slots: list[Slot] = []
        for work in steps:
            if chosen.get(work.key) == index:
                slots.append(Slot(work, at, at + work.minutes))
                at += work.minutes
        placed.append(PlacedBlock(role, block, tuple(slots)))
    return placed, overflow


def _free(blocks: Sequence[PlacedBlock], low: int, high: int) -> list[Free]:
    """The stretches of [low, high) no block covers (blocks may overlap)."""
    found: list[Free] = []
    at = low
    for placed in sorted(blocks, key=lambda b: b.start):
        if placed.start > at:
            found.append(Free(at, placed.start))
        at = max(at, placed.end)
    if at < high:
        found.append(Free(at, high))
    return found
