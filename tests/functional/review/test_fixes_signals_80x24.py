"""The signals at 80x24: six of them (four to-dos that need a system, a slipping process
with a very long name, the role it sinks). Each entry keeps to three lines there, its
subject cut with "…" so its evidence is always on the line below; five fit in the box
at once, and j brings every one into view, the highlighted one with its suggestion whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from cockpit.presenter import KIND_LABELS
from cockpit.tui.screens.review import ReviewScreen
from tests.functional.review.conftest import open_review
from tests.functional.review.signals_support import (
    SLIPPING,
    capture_weekly,
    one_slip_sinks_a_role,
    signal_list,
)
from tests.ui_support import AppFactory, Driver, open_cockpit, screen_lines, settle

Snap = Callable[..., bool]
SMALL = (80, 24)
LONG = (
    "Update the bookkeeping for every client and reconcile the bank feeds, receipts and "
    "the payroll journal before the month ends"
)
TITLES = ("Chase late invoices", "Renew the domain names", "Order printer ink", "Call landlord")


@pytest.fixture
def busy(data_path: Path) -> Path:
    for title in TITLES:
        capture_weekly(data_path, title)
    with open_cockpit(data_path) as ctx:
        process = next(p for p in ctx.store.processes() if p.id == SLIPPING)
        ctx.store.save_process(replace(process, name=LONG))
    return data_path


def lines(pilot: Driver) -> list[str]:
    return [line.rstrip("\n ▁▂▃▄▅▆▇█") for line in screen_lines(pilot.app)]


def heads(shown: list[str]) -> list[int]:
    """The rows where a signal starts (its kind, then its subject)."""
    labels = tuple(f"{label}: " for label in KIND_LABELS.values())
    return [row for row, line in enumerate(shown) if line.startswith(labels)]


async def review_of(pilot: Driver) -> ReviewScreen:
    screen = await open_review(pilot)
    assert len(screen.signals) == 6, screen.signals
    signal_list(screen).focus()
    await settle(pilot)
    return screen


async def test_five_signals_show_at_80x24_each_with_its_evidence(
    make_app: AppFactory, busy: Path
) -> None:
    async with make_app(busy, settings=one_slip_sinks_a_role()).run_test(size=SMALL) as pilot:
        await review_of(pilot)
        shown = lines(pilot)
        rows = heads(shown)
        assert len(rows) >= 5, "\n".join(shown)
        for row in rows[:-1]:  # the last may be cut by the box's end
            assert shown[row + 1].startswith("  ") and not shown[row + 1].startswith("  →")
            assert shown[row + 2].startswith("  → "), "\n".join(shown)


async def test_a_very_long_name_is_cut_and_its_evidence_stays_in_view(
    make_app: AppFactory, busy: Path
) -> None:
    async with make_app(busy, settings=one_slip_sinks_a_role()).run_test(size=SMALL) as pilot:
        screen = await review_of(pilot)
        listed = signal_list(screen)
        seen: set[str] = set()
        for _ in range(len(screen.signals)):
            signal = screen.selected_signal()
            assert signal is not None
            shown = lines(pilot)
            (row,) = [r for r in heads(shown) if signal.subject[:30] in shown[r]]
            seen.add(signal.subject)
            if signal.subject == LONG:
                assert shown[row].startswith("Slipping process: Update the bookkeeping")
                assert "…" in shown[row] and shown[row].endswith("since Fri 23 Oct 2026")
                assert shown[row + 1] == "  missed 4 times in a row"
                said = " ".join(line.strip() for line in shown[row + 2 : row + 4])
                assert "test with a timer  (T)" in said  # highlighted: the whole suggestion
            await pilot.press("j")
            await settle(pilot)
        assert len(seen) == 6 and listed.highlighted == 0  # the last j comes round again


@pytest.mark.parametrize("size", [(120, 40), (100, 30), (200, 50)])
async def test_a_long_name_keeps_to_its_line_at_any_width(
    make_app: AppFactory, busy: Path, size: tuple[int, int]
) -> None:
    """The entries are cut to the list's own width, once its scrollbar and the body's show."""
    async with make_app(busy, settings=one_slip_sinks_a_role()).run_test(size=size) as pilot:
        await review_of(pilot)
        shown = lines(pilot)
        (row,) = [r for r in heads(shown) if shown[r].startswith("Slipping process: ")]
        assert shown[row].endswith("since Fri 23 Oct 2026"), "\n".join(shown)
        assert shown[row + 1] == "  missed 4 times in a row"


def test_snapshot_signals_at_80x24(snap_compare: Snap, make_app: AppFactory, busy: Path) -> None:
    from tests.functional.snapshot_support import quiet

    async def run_before(pilot: Driver) -> None:
        await review_of(pilot)
        await quiet(pilot)

    app = make_app(busy, settings=one_slip_sinks_a_role())
    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)
