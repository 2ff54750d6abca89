"""The Today screen, key by key, on the demo business of Friday 2026-11-20.

Every test checks what the key changed in the data file (read back through the
store), not only what the screen shows.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input, Label, Markdown, Static

from cockpit.domain.focus import FocusKind, FocusStatus
from cockpit.domain.occurrence import OccurrenceStatus, StepStatus
from cockpit.tui.screens.focus import FocusScreen
from cockpit.tui.screens.snooze import SnoozeScreen
from cockpit.tui.screens.step_detail import StepDetailScreen
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.screens.today.focus_kind import FocusKindScreen
from cockpit.tui.screens.today.skip import SkipScreen
from cockpit.tui.widgets.status_bar import StatusBar
from cockpit.tui.widgets.step_list import PLAN_HEADER
from tests.functional.helpers import (
    open_picker,
    option_ids,
    reading,
    ready,
    shown_keys,
    step_list,
    stored_occurrence,
    stored_step,
    today_screen,
)
from tests.ui_support import (
    DAY,
    SIZE,
    AppFactory,
    Driver,
    app_of,
    errors,
    notes,
    wait_for_screen,
    wait_until,
)

FIRST = "323.1"  # Delivery: Hourly work logging › Review today's Toggl timeline (weekdays)
LAST_DELIVERY = "326.3"  # Delivery: Plan the delivery day › Block the time
FIRST_ADMIN = "324.1"  # Admin: Inbox zero › Triage the inbox
INVOICE = "325.3"  # Admin: Invoice clients › Create invoices in QuickBooks (20 min)


async def highlight(pilot: Driver, key: str) -> None:
    step_list(pilot).select_key(key)
    await pilot.pause()
    assert step_list(pilot).current_key == key


def status_text(pilot: Driver) -> str:
    return str(today_screen(pilot).query_one(StatusBar).content)


# -- moving ------------------------------------------------------------------------------


async def test_the_day_opens_on_the_first_step_with_headers_by_role(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        ids = option_ids(pilot)
        assert ids[:4] == ["header:sales", "header:delivery", "run:delivery:323", FIRST]
        assert "header:admin" in ids and "header:marketing" in ids
        assert step_list(pilot).current_key == FIRST
        assert pilot.app.focused is step_list(pilot)
        assert "Fri 20 Nov 2026" in status_text(pilot)


async def test_j_and_k_move_the_highlight(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j")
        assert step_list(pilot).current_key == "323.2"
        await pilot.press("j", "j")
        assert step_list(pilot).current_key == "326.1"
        await pilot.press("k")
        assert step_list(pilot).current_key == "323.3"


async def test_arrows_move_the_highlight(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("down", "down")
        assert step_list(pilot).current_key == "323.3"
        await pilot.press("up")
        assert step_list(pilot).current_key == "323.2"


async def test_moving_skips_the_role_headers(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, LAST_DELIVERY)
        await pilot.press("j")
        assert step_list(pilot).current_key == FIRST_ADMIN
        await pilot.press("k")
        assert step_list(pilot).current_key == LAST_DELIVERY
        await highlight(pilot, FIRST)
        await pilot.press("k")  # past the Sales and Delivery headers, round to the end
        assert step_list(pilot).current_key == shown_keys(pilot)[-1]
        await pilot.press("j")
        assert step_list(pilot).current_key == FIRST


async def test_the_side_panel_follows_the_highlight(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, INVOICE)
        side = str(today_screen(pilot).query_one("#side-title", Static).content)
        assert "Invoice clients" in side
        assert "Step 3 of 5" in side
        assert "QuickBooks" in side


# -- completing, skipping, snoozing ----------------------------------------------------------


async def test_x_completes_the_highlighted_step(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: FIRST not in shown_keys(pilot))
        assert stored_step(data_path, FIRST).status is StepStatus.DONE
        assert step_list(pilot).current_key == "323.2"  # the next step is highlighted
        assert any(note.startswith(f"done: {FIRST}") for note in notes(pilot))
        assert not errors(pilot)


async def test_space_completes_the_highlighted_step(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, "327.4")
        await pilot.press("space")
        await wait_until(pilot, lambda: "327.4" not in shown_keys(pilot))
        state = stored_step(data_path, "327.4")
        assert state.status is StepStatus.DONE
        assert state.done_at == app_of(pilot).clock.now()
        assert any("done: 327.4" in note for note in notes(pilot))


async def test_completing_the_last_open_step_completes_the_run(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        for key in ("326.1", "326.2", "326.3"):
            await highlight(pilot, key)
            await pilot.press("x")
            await wait_until(pilot, lambda key=key: key not in shown_keys(pilot))  # type: ignore[misc]
        assert stored_occurrence(data_path, "326").status is OccurrenceStatus.DONE
        assert any("the run is complete" in note for note in notes(pilot))


async def test_s_skip_needs_a_reason(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        dialog = await wait_for_screen(pilot, SkipScreen)
        assert dialog.key == FIRST
        await pilot.press("enter")
        assert "needs a reason" in str(dialog.query_one("#reason-error", Label).content)
        assert pilot.app.screen is dialog
        await pilot.press(*"sick", "enter")
        await wait_until(pilot, lambda: FIRST not in shown_keys(pilot))
        state = stored_step(data_path, FIRST)
        assert state.status is StepStatus.SKIPPED
        assert state.reason == "sick"
        assert any(note.startswith(f"skipped: {FIRST}") for note in notes(pilot))


async def test_escape_cancels_a_skip(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await wait_for_screen(pilot, SkipScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, TodayScreen)
        assert stored_step(data_path, FIRST).is_open
        assert FIRST in shown_keys(pilot)


async def test_z_enter_alone_snoozes_to_tomorrow(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("z")
        await wait_for_screen(pilot, SnoozeScreen)
        await pilot.press("enter")
        await wait_until(pilot, lambda: FIRST not in shown_keys(pilot))
        state = stored_step(data_path, FIRST)
        assert state.is_open
        assert state.snoozed_to == DAY + timedelta(days=1)
        assert any("snoozed to 2026-11-21" in note for note in notes(pilot))


async def test_z_plus_two_snoozes_two_days(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("z")
        await wait_for_screen(pilot, SnoozeScreen)
        await pilot.press("plus", "2", "enter")
        await wait_until(pilot, lambda: FIRST not in shown_keys(pilot))
        assert stored_step(data_path, FIRST).snoozed_to == date(2026, 11, 22)


async def test_z_a_bad_date_shows_the_error_in_the_dialog(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("z")
        dialog = await wait_for_screen(pilot, SnoozeScreen)
        await pilot.press(*"soon", "enter")
        await pilot.pause()
        assert "is not a date" in str(dialog.query_one("#when-error", Label).content)
        assert pilot.app.screen is dialog
        await pilot.press("escape")
        await wait_for_screen(pilot, TodayScreen)
        assert stored_step(data_path, FIRST).snoozed_to is None


async def test_z_past_the_next_occurrence_shows_the_services_error(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("z")
        await wait_for_screen(pilot, SnoozeScreen)
        # Hourly work logging runs on weekdays: the next run falls due on Monday the 23rd
        await pilot.press("plus", "5", "enter")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        assert "the next run falls due on 2026-11-23" in errors(pilot)[0]
        assert stored_step(data_path, FIRST).snoozed_to is None
        assert FIRST in shown_keys(pilot)


# -- detail, focus, starting ----------------------------------------------------------------


async def test_enter_opens_the_step_detail(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, INVOICE)
        await pilot.press("enter")
        detail = await wait_for_screen(pilot, StepDetailScreen)
        assert detail.due.id == INVOICE
        history = detail.query_one("#detail-history", Label)
        await wait_until(pilot, lambda: "loading" not in str(history.content))
        assert str(history.content).startswith("Last runs: ")
        assert "min" in str(history.content)  # the demo's past runs have their minutes
        markdown = detail.query_one("#detail-md", Markdown)
        assert markdown.source == detail.due.step.instructions
        assert markdown.source.strip()
        await pilot.press("escape")
        await wait_for_screen(pilot, TodayScreen)


async def test_f_then_c_starts_a_countdown_to_the_estimate(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, INVOICE)
        await pilot.press("f")
        await wait_for_screen(pilot, FocusKindScreen)
        await pilot.press("c")
        await wait_for_screen(pilot, FocusScreen)
        assert app_of(pilot).current_mode == "focus"
        with reading(data_path) as store:
            session = store.active_focus()
        assert session is not None
        assert session.kind is FocusKind.COUNTDOWN
        assert session.planned_seconds == 20 * 60
        assert session.status is FocusStatus.RUNNING
        assert (session.occurrence_no, session.role) == (325, "admin")
        assert session.started_at == app_of(pilot).clock.now()


async def test_shift_f_starts_a_role_session(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("F")
        await wait_for_screen(pilot, FocusScreen)
        with reading(data_path) as store:
            session = store.active_focus()
        assert session is not None
        assert session.kind is FocusKind.POMODORO
        assert session.role == "delivery"
        assert session.step_id is None
        assert session.planned_seconds == 25 * 60


async def test_n_picks_a_process_and_starts_a_run(make_app: AppFactory, data_path: Path) -> None:
    with reading(data_path) as store:
        before = {o.no for o in store.open_occurrences()}
        next_no = store.next_occurrence_no()
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        _, matches = await open_picker(pilot)
        everything = matches.option_count
        await pilot.press(*"case")
        await wait_until(pilot, lambda: matches.option_count < everything)
        first = matches.get_option_at_index(0)
        assert "Write a case study" in str(first.prompt)
        await pilot.press("enter")
        await wait_for_screen(pilot, TodayScreen)
        await wait_until(pilot, lambda: any(n.startswith("started") for n in notes(pilot)))
        with reading(data_path) as store:
            started = [o for o in store.open_occurrences() if o.no not in before]
        assert [o.no for o in started] == [next_no]
        assert started[0].manual
        assert started[0].process_id == first.id
        assert f'"Write a case study" as run {next_no}' in notes(pilot)[-1]


# -- undo, days, filter, plan ---------------------------------------------------------------


async def test_u_undoes_the_last_complete(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, "324.2")
        await pilot.press("x")
        await wait_until(pilot, lambda: "324.2" not in shown_keys(pilot))
        assert stored_step(data_path, "324.2").status is StepStatus.DONE
        await pilot.press("u")
        await wait_until(pilot, lambda: "324.2" in shown_keys(pilot))
        assert stored_step(data_path, "324.2").is_open
        assert any(note.startswith("Undone: done: 324.2") for note in notes(pilot))
        await pilot.press("u")
        await wait_until(pilot, lambda: "Nothing to undo." in notes(pilot))


async def test_undo_highlights_the_step_it_brought_back(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, "324.2")
        await pilot.press("x")
        await wait_until(pilot, lambda: "324.2" not in shown_keys(pilot))
        await pilot.press("u")
        await wait_until(pilot, lambda: "324.2" in shown_keys(pilot))
        assert step_list(pilot).current_key == "324.2"


async def test_brackets_move_a_day_and_t_returns(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = today_screen(pilot)
        await pilot.press("right_square_bracket")
        await wait_until(
            pilot, lambda: screen.plan is not None and screen.plan.date == DAY + timedelta(days=1)
        )
        assert "Sat 21 Nov 2026" in status_text(pilot)
        assert "(today 20 Nov)" in status_text(pilot)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await wait_until(
            pilot, lambda: screen.plan is not None and screen.plan.date == DAY - timedelta(days=1)
        )
        assert "Thu 19 Nov 2026" in status_text(pilot)
        await pilot.press("t")
        await wait_until(pilot, lambda: screen.plan is not None and screen.plan.date == DAY)
        assert "Fri 20 Nov 2026" in status_text(pilot)
        assert "(today" not in status_text(pilot)


async def test_slash_filters_the_list_and_escape_clears(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        everything = shown_keys(pilot)
        await pilot.press("slash")
        field = today_screen(pilot).query_one("#filter", Input)
        assert field.display and field.has_focus
        await pilot.press(*"invo")
        await pilot.pause()
        assert shown_keys(pilot) == ["325.1", "325.2", "325.3", "325.4", "325.5"]
        assert option_ids(pilot)[0] == "header:admin"
        await pilot.press("escape")
        await pilot.pause()
        assert shown_keys(pilot) == everything
        cleared = today_screen(pilot).query_one("#filter", Input)
        assert not cleared.display and cleared.value == ""
        assert step_list(pilot).has_focus


async def test_p_puts_a_step_in_the_plan(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, INVOICE)
        await pilot.press("p")
        await wait_until(pilot, lambda: option_ids(pilot)[0] == PLAN_HEADER)
        assert option_ids(pilot)[1] == INVOICE
        assert step_list(pilot).current_key == INVOICE
        with reading(data_path) as store:
            assert store.plan(DAY) == [INVOICE]
        await pilot.press("p")  # and takes it out again
        await wait_until(pilot, lambda: PLAN_HEADER not in option_ids(pilot))
        with reading(data_path) as store:
            assert store.plan(DAY) == []


async def test_shift_j_and_shift_k_reorder_the_plan(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        for key in (INVOICE, FIRST, "307.3"):
            await highlight(pilot, key)
            await pilot.press("p")
            await wait_until(pilot, lambda key=key: key in option_ids(pilot)[:4])  # type: ignore[misc]
        with reading(data_path) as store:
            assert store.plan(DAY) == [INVOICE, FIRST, "307.3"]
        await highlight(pilot, INVOICE)
        await pilot.press("J")
        await wait_until(pilot, lambda: option_ids(pilot)[1:4] == [FIRST, INVOICE, "307.3"])
        with reading(data_path) as store:
            assert store.plan(DAY) == [FIRST, INVOICE, "307.3"]
        assert step_list(pilot).current_key == INVOICE
        await highlight(pilot, "307.3")
        await pilot.press("K", "K")
        await wait_until(
            pilot, lambda: option_ids(pilot)[1:4] == ["307.3", FIRST, INVOICE], timeout=3
        )
        with reading(data_path) as store:
            assert store.plan(DAY) == ["307.3", FIRST, INVOICE]
