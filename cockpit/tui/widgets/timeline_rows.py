"""The timeline as rows of text: an hour scale down the left, the blocks with their steps,
the line for now, free time, then the overflow and the roles without a block that day."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from cockpit.domain.day_clock import clock_text, duration_text
from cockpit.domain.text import printable
from cockpit.domain.timeline import Free, PlacedBlock, Slot, Timeline, Work

GUTTER = 8  # "09:00 ┃ "; then "▸★ " on a step: the cursor, and ★ when it is in the plan


@dataclass(frozen=True, slots=True)
class Row:
    """One line: what it shows, the minute it stands for (None: no time), the step it holds
    (or, for a block's header, the block's first step: where a click takes the cursor)."""

    kind: str  # tick, free, block, step, room, now, heading, over, lane
    minute: int | None = None
    key: str | None = None
    block: PlacedBlock | None = None
    work: Work | None = None
    text: str = ""
    right: str = ""

    @property
    def selectable(self) -> bool:
        return self.kind == "step"


def timeline_rows(line: Timeline) -> list[Row]:
    """Every row in order; the now line sits before the first row later than now."""
    timed: list[Row] = []
    pieces: list[tuple[int, int, PlacedBlock | Free]] = [
        (placed.start, 1, placed) for placed in line.blocks
    ]
    pieces += [(free.start, 0, free) for free in line.free]
    for _, _, piece in sorted(pieces, key=lambda item: (item[0], item[1])):
        if isinstance(piece, Free):
            timed.extend(_free_rows(piece))
        else:
            timed.extend(_block_rows(piece))
    if line.now is not None:
        at = next(
            (i for i, row in enumerate(timed) if row.minute is not None and row.minute > line.now),
            len(timed),
        )
        timed.insert(at, Row("now", line.now, text=f"now {clock_text(line.now)}"))
    rows = timed
    over = [load for load in line.loads if load.over]
    if over:
        rows.append(Row("heading", text="Overflow"))
        for load in over:
            rows.append(Row("over", text=load.text))
            rows.extend(_step_row(work) for work in load.overflow)
    if line.unscheduled:
        rows.append(Row("heading", text="No block this day"))
        for lane in line.unscheduled:
            rows.append(Row("lane", text=lane.role.name, right=duration_text(lane.minutes)))
            rows.extend(_step_row(work) for work in lane.steps)
    return rows


def _free_rows(free: Free) -> list[Row]:
    rows = [Row("free", free.start, text=f"free {duration_text(free.minutes)}")]
    hour = (free.start // 60 + 1) * 60
    while hour < free.end:  # the scale: one tick a full hour
        rows.append(Row("tick", hour))
        hour += 60
    return rows


def _block_rows(placed: PlacedBlock) -> list[Row]:
    first = placed.slots[0].work.key if placed.slots else None
    used = f"{duration_text(placed.used)}/{duration_text(placed.size)}"
    rows = [Row("block", placed.start, first, placed, text=placed.label, right=used)]
    rows.extend(_step_row(slot.work, slot, placed) for slot in placed.slots)
    if placed.slots and placed.free:
        at = placed.slots[-1].end
        rows.append(Row("room", at, first, placed, text=f"free {duration_text(placed.free)}"))
    return rows


def _step_row(work: Work, slot: Slot | None = None, placed: PlacedBlock | None = None) -> Row:
    minutes = duration_text(work.minutes) if work.estimate else f"~{duration_text(work.minutes)}"
    return Row(
        "step",
        slot.start if slot else None,
        work.key,
        placed,
        work,
        text=f"{work.key}  {work.title}",
        right=minutes,
    )


def row_text(
    row: Row,
    width: int,
    styles: dict[str, Style],
    *,
    current: PlacedBlock | None,
    cursor: str | None,
    planned: frozenset[str] = frozenset(),
) -> Text:
    """One row `width` cells wide; text cut with an ellipsis, never wrapped."""
    inside = row.block is not None
    here = inside and row.block == current
    gutter = Text(no_wrap=True)
    shown_minute = row.minute if row.kind != "heading" else None
    gutter.append(f"{clock_text(shown_minute)} " if shown_minute is not None else " " * 6, "dim")
    if row.kind == "now":
        bar = f"━ {row.text} " + "━" * width
        gutter.append(bar, styles["now"])
        gutter.truncate(width)
        return gutter
    if inside and row.block is not None:
        colour = Style(color=row.block.role.colour) if not here else styles["current"]
        gutter.append("┃ ", colour)
    elif row.kind in ("tick", "free"):
        gutter.append("┊ ", styles["free"])
    else:
        gutter.append("  ")
    style = {
        "block": styles["current"] if here else styles["block"],
        "free": styles["free"],
        "room": styles["free"],
        "heading": styles["heading"],
        "over": styles["over"],
        "lane": styles["block"],
    }.get(row.kind, Style())
    selected = row.kind == "step" and row.key is not None and row.key == cursor
    body = Text(no_wrap=True, overflow="ellipsis")
    if row.kind == "step":
        body.append("▸" if selected else " ")
        body.append("★ " if row.key in planned else "  ", "bold" if row.key in planned else "")
        body.append(printable(row.text), style)
    else:
        body.append(" " + printable(row.text), style)
    if here and row.kind == "block":
        body.append("  ◀ now", styles["now"])
    right = Text(f" {row.right}" if row.right else "", style="dim" if row.kind == "step" else style)
    room = max(1, width - GUTTER - right.cell_len)
    body.truncate(room, overflow="ellipsis", pad=True)
    line = Text.assemble(gutter, body, right, no_wrap=True)
    if selected:
        line.stylize(styles["cursor"], GUTTER)
    line.truncate(width, overflow="ellipsis")
    return line
