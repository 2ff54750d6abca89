"""Routines read without colour and at any width: a glyph per heatmap state with a legend
that matches, the streak column says what its two numbers are, a long name is cut, and the
empty view says what to do."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from cockpit.services import library
from cockpit.tui.widgets.heatmap import GLYPHS, PROCESS_LEGEND, ROLE_LEGEND, Heatmap
from tests.functional.routines.conftest import open_routines, table_of
from tests.ui_support import SIZE, AppFactory, open_cockpit, settle

PROCESS_STATES = ("on_time", "late", "skipped", "missed", "open", "none")


def test_each_state_has_its_own_glyph_and_a_day_to_come_is_blank() -> None:
    process = [GLYPHS[state] for state in PROCESS_STATES]
    role = [GLYPHS[state] for state in ("all_done", "some_done", "none_done", "none")]
    assert len(set(process)) == len(process) and len(set(role)) == len(role)
    assert GLYPHS["future"] == " "


async def test_the_map_draws_each_state_with_its_glyph_and_the_legend_matches(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        shown = screen.query_one(Heatmap)
        monday = date(2026, 11, 2)
        cells = {monday + timedelta(days=i): s for i, s in enumerate(PROCESS_STATES[:4])}
        shown.show(cells, today=monday + timedelta(days=5), end=monday + timedelta(days=6))
        await settle(pilot)
        rendered = shown.render()
        assert isinstance(rendered, Text)
        lines = rendered.plain.splitlines()
        column = lines[1].index("Mon") + 4 + 2 * (shown.weeks - 1)
        drawn = [lines[1 + weekday][column] for weekday in range(7)]
        assert drawn == ["■", "▪", "○", "×", "·", "·", " "]  # Sat is today, Sun to come
        legend = lines[-1]
        for state in PROCESS_LEGEND:
            label = {"future": "future (blank)"}.get(state, f"{GLYPHS[state]} ")
            assert label in legend, state
        assert "▪ some done" not in legend and set(ROLE_LEGEND) - set(PROCESS_LEGEND)


async def test_the_streak_column_says_now_and_best(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        table = table_of(screen)
        labels = [str(column.label) for column in table.columns.values()]
        assert "Streak now/best" in labels


async def test_a_long_name_is_cut_and_the_columns_stay_on_screen(
    make_app: AppFactory, data_path: Path
) -> None:
    long_name = "Reconcile every single bank account and card statement " * 2
    with open_cockpit(data_path) as ctx:
        process = next(p for p in ctx.store.processes() if p.name == "Invoice clients")
        library.save_process(
            ctx, process_id=process.id, name=long_name.strip(), role_id=process.role,
            system_id=process.system, schedule_text=process.schedule.text,
            target_minutes=process.target_minutes, stage=process.stage,
        )  # fmt: skip
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await open_routines(pilot)
        table = table_of(screen)
        assert table.virtual_size.width <= table.size.width  # nothing off the right edge
        names = [str(getattr(row, "plain", row)) for row in table.get_column("process")]
        cut = next(name for name in names if name.startswith("Reconcile"))
        assert cut.endswith("…") and len(cut) <= 26


async def test_with_no_filter_the_empty_view_says_what_to_do(
    make_app: AppFactory, data_path: Path
) -> None:
    with open_cockpit(data_path) as ctx:
        for process in ctx.store.processes():
            if process.schedule.kind.value != "on_demand" and process.active:
                library.archive_process(ctx, process.id)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        await settle(pilot)
        empty = str(screen.query_one("#routines-empty", Static).content)
        assert "press 5, then n" in empty and "matches" not in empty
