"""The day's timeline: blocks in time order, steps placed by estimate, overflow, free time."""

from __future__ import annotations

from datetime import date, time

from cockpit.domain.day_clock import pins_of
from cockpit.domain.model import Role, TimeBlock
from cockpit.domain.timeline import DEFAULT_MINUTES, Work, build_timeline

MONDAY = date(2026, 11, 16)
TUESDAY = date(2026, 11, 17)


def role(role_id: str, name: str, order: int, **blocks: str) -> Role:
    parsed = {
        day: tuple(TimeBlock.parse(text) for text in spec.split(","))
        for day, spec in blocks.items()
    }
    return Role(id=role_id, name=name, order=order, blocks=parsed)


SALES = role("sales", "Sales", 0, mon="09:00-10:30")
DELIVERY = role("delivery", "Delivery", 1, mon="13:00-15:00,11:00-12:00")
ADMIN = role("admin", "Admin", 2, tue="16:00-17:00")
ROLES = [SALES, DELIVERY, ADMIN]


def work(key: str, role_id: str, estimate: int = 0, pin: str | None = None) -> Work:
    return Work(key, role_id, f"step {key}", estimate, time.fromisoformat(pin) if pin else None)


def keys(slots: object) -> list[str]:
    return [slot.work.key for slot in slots]  # type: ignore[attr-defined]


def test_blocks_come_in_time_order_whatever_the_roles_order() -> None:
    line = build_timeline(MONDAY, ROLES, [])
    assert [placed.label for placed in line.blocks] == [
        "Sales 09:00-10:30",
        "Delivery 11:00-12:00",
        "Delivery 13:00-15:00",
    ]
    assert [(placed.used, placed.size) for placed in line.blocks] == [(0, 90), (0, 60), (0, 120)]


def test_steps_fill_their_roles_blocks_in_order_by_estimate() -> None:
    steps = [work("1.1", "sales", 30), work("1.2", "sales", 45), work("1.3", "sales", 30)]
    line = build_timeline(MONDAY, ROLES, steps)
    sales = line.blocks[0]
    assert [(s.work.key, s.start, s.end) for s in sales.slots] == [
        ("1.1", 540, 570),
        ("1.2", 570, 615),
    ]
    assert sales.used == 75
    # 30 more do not fit in the 15 left: overflow, and the role's load says so
    assert [w.key for w in line.overflow] == ["1.3"]
    load = line.loads[0]
    assert load.text == "Sales: 1h45 planned in 1h30"
    assert load.over


def test_overflow_reads_as_the_issue_says() -> None:
    steps = [work(f"2.{i}", "delivery", 50) for i in range(1, 5)]  # 3h20 in 3h00
    line = build_timeline(MONDAY, ROLES, steps)
    delivery = next(load for load in line.loads if load.role.id == "delivery")
    assert delivery.text == "Delivery: 3h20 planned in 3h00"
    # 11:00-12:00 takes one 50, 13:00-15:00 two, the fourth is left over
    assert [keys(p.slots) for p in line.role_blocks("delivery")] == [["2.1"], ["2.2", "2.3"]]
    assert [w.key for w in delivery.overflow] == ["2.4"]


def test_the_plan_comes_first_then_the_due_order() -> None:
    steps = [work("1.1", "sales", 60), work("1.2", "sales", 60)]
    line = build_timeline(MONDAY, ROLES, steps, planned=["1.2"])
    assert keys(line.blocks[0].slots) == ["1.2"]
    assert [w.key for w in line.overflow] == ["1.1"]


def test_a_smaller_later_step_takes_the_room_a_big_one_leaves() -> None:
    steps = [work("1.1", "sales", 80), work("1.2", "sales", 20), work("1.3", "sales", 10)]
    line = build_timeline(MONDAY, ROLES, steps)
    assert keys(line.blocks[0].slots) == ["1.1", "1.3"]
    assert [w.key for w in line.overflow] == ["1.2"]


def test_a_step_without_estimate_takes_the_default() -> None:
    line = build_timeline(MONDAY, ROLES, [work("1.1", "sales")])
    slot = line.blocks[0].slots[0]
    assert slot.end - slot.start == DEFAULT_MINUTES
    assert line.loads[0].text == f"Sales: {DEFAULT_MINUTES}m planned in 1h30"


def test_a_pinned_step_goes_to_its_block_and_claims_the_room_first() -> None:
    steps = [work("2.1", "delivery", 60), work("2.2", "delivery", 60, pin="11:00")]
    line = build_timeline(MONDAY, ROLES, steps)
    early, late = line.role_blocks("delivery")
    assert keys(early.slots) == ["2.2"]
    assert keys(late.slots) == ["2.1"]
    assert line.block_of("2.2") is early


def test_a_pin_that_fits_no_more_or_names_no_block_is_passed_over() -> None:
    steps = [
        work("2.1", "delivery", 40, pin="11:00"),
        work("2.2", "delivery", 40, pin="11:00"),  # 20 left: placed as if not pinned
        work("2.3", "delivery", 30, pin="07:00"),  # no such block
    ]
    line = build_timeline(MONDAY, ROLES, steps)
    early, late = line.role_blocks("delivery")
    assert keys(early.slots) == ["2.1"]
    assert keys(late.slots) == ["2.2", "2.3"]
    assert line.room_for(steps[1], early) is False
    assert line.room_for(steps[2], early) is False
    assert line.room_for(work("2.9", "delivery", 20), early) is True


def test_free_time_between_and_after_blocks_in_the_window() -> None:
    line = build_timeline(MONDAY, ROLES, [])
    assert [(f.start, f.end) for f in line.free] == [
        (480, 540),  # 08:00-09:00
        (630, 660),  # 10:30-11:00
        (720, 780),  # 12:00-13:00
        (900, 1080),  # 15:00-18:00
    ]


def test_overlapping_blocks_and_a_block_outside_the_window() -> None:
    roles = [
        role("a", "A", 0, mon="07:00-09:00"),
        role("b", "B", 1, mon="08:30-10:00,17:30-19:30"),
    ]
    line = build_timeline(MONDAY, roles, [])
    assert line.window == (420, 1170)
    assert [(f.start, f.end) for f in line.free] == [(600, 1050)]


def test_the_block_it_is_now() -> None:
    assert build_timeline(MONDAY, ROLES, [], now=time(9, 59)).current is not None
    current = build_timeline(MONDAY, ROLES, [], now=time(13, 0)).current
    assert current is not None and current.label == "Delivery 13:00-15:00"
    assert build_timeline(MONDAY, ROLES, [], now=time(15, 0)).current is None
    assert build_timeline(MONDAY, ROLES, []).current is None


def test_roles_without_a_block_that_day_wait_unscheduled() -> None:
    steps = [work("3.1", "admin", 10), work("1.1", "sales", 10), work("9.1", "gone", 5)]
    line = build_timeline(MONDAY, ROLES, steps)
    assert [(lane.role.name, [w.key for w in lane.steps]) for lane in line.unscheduled] == [
        ("Admin", ["3.1"]),
        ("gone", ["9.1"]),
    ]
    assert [w.key for w in line.steps] == ["1.1", "3.1", "9.1"]
    tuesday = build_timeline(TUESDAY, ROLES, steps)
    assert [p.label for p in tuesday.blocks] == ["Admin 16:00-17:00"]
    assert [lane.role.name for lane in tuesday.unscheduled] == ["Sales", "gone"]


def test_next_and_previous_block_of_a_steps_role() -> None:
    steps = [work("2.1", "delivery", 30), work("1.1", "sales", 500), work("3.1", "admin", 5)]
    line = build_timeline(MONDAY, ROLES, steps)
    later = line.neighbour_block("2.1", 1)
    assert later is not None and later.label == "Delivery 13:00-15:00"
    assert line.neighbour_block("2.1", -1) is None
    # a step in overflow goes to its role's first or last block
    assert line.neighbour_block("1.1", 1) is line.blocks[0]
    assert line.neighbour_block("3.1", 1) is None  # no block that day
    assert line.neighbour_block("nope", 1) is None


def test_pins_read_from_the_plan_skip_what_is_not_a_time() -> None:
    assert pins_of({"1.1": "14:00", "1.2": "half past", "1.3": ""}) == {"1.1": time(14, 0)}


def test_a_day_of_a_dst_change_keeps_wall_clock_blocks() -> None:
    """29 March 2026 (Europe: clocks go 02:00 -> 03:00) is a Sunday; blocks are wall-clock."""
    sunday = date(2026, 3, 29)
    night = role("night", "Night", 0, sun="01:00-04:00,09:00-10:30")
    line = build_timeline(sunday, [night], [work("1.1", "night", 150)], now=time(3, 30))
    first = line.blocks[0]
    assert (first.start, first.end, first.size) == (60, 240, 180)
    assert keys(first.slots) == ["1.1"]
    assert line.current is first
    autumn = build_timeline(date(2026, 10, 25), [night], [], now=time(2, 30))
    assert autumn.current is not None and autumn.current.block.start == time(1, 0)
