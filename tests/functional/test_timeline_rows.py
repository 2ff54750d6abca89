"""The timeline's rows as text: the plan first (★), the overflow as the issue words it, free
time, hour ticks, roles without a block, titles cut with an ellipsis (no app needed)."""

from __future__ import annotations

from datetime import date, time

from rich.style import Style

from cockpit.domain.model import Role, TimeBlock
from cockpit.domain.timeline import Work, build_timeline
from cockpit.tui.widgets.timeline_rows import row_text, timeline_rows
from cockpit.tui.widgets.timeline_view import STYLES

MONDAY = date(2026, 11, 16)
DELIVERY = Role(
    id="delivery",
    name="Delivery",
    blocks={"mon": (TimeBlock.parse("10:00-11:00"), TimeBlock.parse("13:00-15:00"))},
)
ADMIN = Role(id="admin", name="Admin", order=1)
PLAIN = {name: Style() for name in STYLES}


def lines(width: int = 60, now: time | None = None) -> list[str]:
    steps = [Work(f"2.{i}", "delivery", f"Build part {i}", 50) for i in range(1, 5)]
    steps.append(Work("3.1", "admin", "A very long admin step title that goes on and on"))
    line = build_timeline(MONDAY, [DELIVERY, ADMIN], steps, ["2.3", "9.9"], now=now)
    current = line.current
    assert line.planned == {"2.3"}
    return [
        row_text(
            row, width, PLAIN, current=current, cursor="2.1", planned=line.planned
        ).plain.rstrip()
        for row in timeline_rows(line)
    ]


def test_the_rows_read_as_a_day() -> None:
    assert lines() == [
        "08:00 ┊  free 2h00",
        "09:00 ┊",
        "10:00 ┃  Delivery 10:00-11:00                       50m/1h00",
        "10:00 ┃  ★ 2.3  Build part 3                             50m",
        "10:50 ┃  free 10m",
        "11:00 ┊  free 2h00",
        "12:00 ┊",
        "13:00 ┃  Delivery 13:00-15:00                      1h40/2h00",
        "13:00 ┃ ▸  2.1  Build part 1                             50m",
        "13:50 ┃    2.2  Build part 2                             50m",
        "14:40 ┃  free 20m",
        "15:00 ┊  free 3h00",
        "16:00 ┊",
        "17:00 ┊",
        "         Overflow",
        "         Delivery: 3h20 planned in 3h00",
        "           2.4  Build part 4                             50m",
        "         No block this day",
        "         Admin                                           15m",
        "           3.1  A very long admin step title that goes… ~15m",
    ]


def test_the_now_line_and_the_block_it_is_now() -> None:
    shown = lines(now=time(13, 55))
    assert shown[7] == "13:00 ┃  Delivery 13:00-15:00  ◀ now               1h40/2h00"
    assert shown[8:11] == [
        "13:00 ┃ ▸  2.1  Build part 1                             50m",
        "13:50 ┃    2.2  Build part 2                             50m",
        "13:55 ━ now 13:55 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
    ]


def test_every_row_fits_a_narrow_width() -> None:
    for width in (30, 40):
        assert all(len(text) <= width for text in lines(width))


def test_names_are_text_never_markup() -> None:
    role = Role(id="ops", name="[bold]Ops[/]", blocks={"mon": (TimeBlock.parse("09:00-10:00"),)})
    line = build_timeline(MONDAY, [role], [Work("1.1", "ops", "[red]x[/red] \\[link]")])
    shown = [
        row_text(row, 60, PLAIN, current=None, cursor=None).plain.rstrip()
        for row in timeline_rows(line)
    ]
    assert "09:00 ┃  [bold]Ops[/] 09:00-10:00" in shown[1]
    assert shown[2].startswith("09:00 ┃    1.1  [red]x[/red] \\[link]")
