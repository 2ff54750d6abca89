"""The Review screen's signals (issue 14 section 2), from the owner's side: what each says,
the key that acts on it, and what the data file holds after. The demo business on Friday
2026-11-20: "Update bookkeeping" (Admin) is slipping, missed 4 times in a row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.domain.focus import FocusKind, FocusSession
from cockpit.domain.model import Process, Stage
from cockpit.services.context import Cockpit
from cockpit.services.tasks import add_task
from cockpit.tui.screens.focus import FocusScreen
from cockpit.tui.screens.process_form import ProcessFormScreen
from cockpit.tui.screens.review import ReviewScreen
from cockpit.tui.screens.signal_sops import RoleSopsScreen
from tests.functional.review.conftest import open_review
from tests.functional.review.signals_support import (
    CHASE,
    HOSTILE_PROCESS,
    HOSTILE_ROLE,
    SLIPPING,
    capture_weekly,
    one_slip_sinks_a_role,
    rename_hostile,
    signal_list,
    signal_texts,
)
from tests.ui_support import (
    DAY,
    SIZE,
    AppFactory,
    Driver,
    app_settings,
    errors,
    fixed_clock,
    notes,
    open_cockpit,
    paste,
    screen_lines,
    settle,
    wait_for_screen,
    wait_until,
)

Snap = Callable[..., bool]


def shown_keys(pilot: Driver) -> list[str]:
    """The keys the footer offers now (the bindings shown and enabled)."""
    active = pilot.app.screen.active_bindings.items()
    return [key for key, found in active if found.binding.show and found.enabled]


def stored_process(path: Path, process_id: str = SLIPPING) -> Process:
    with open_cockpit(path, read_only=True) as ctx:
        return next(p for p in ctx.store.processes() if p.id == process_id)


def running_focus(path: Path) -> FocusSession | None:
    with open_cockpit(path, read_only=True) as ctx:
        return ctx.store.active_focus()


async def select_signal(pilot: Driver, screen: ReviewScreen, starts: str) -> None:
    """Tab into the signals, then j until the entry that starts so is highlighted."""
    listed = signal_list(screen)
    listed.focus()
    await settle(pilot)
    for _ in range(listed.option_count):
        if signal_texts(screen)[listed.highlighted or 0].startswith(starts):
            return
        await pilot.press("j")
        await settle(pilot)
    raise AssertionError(f"no signal starts with {starts!r}: {signal_texts(screen)}")


# -- the section ---------------------------------------------------------------------------


async def test_each_signal_says_what_it_saw_since_when_and_what_to_do(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        [text] = signal_texts(screen)
        assert text.startswith("Slipping process: Update bookkeeping  since Fri 23 Oct 2026")
        assert "missed 4 times in a row" in text
        assert "move it to testing and time the next runs against a target of 30 min" in text
        assert text.endswith("(T)")  # the key that acts on it
        assert "T" not in shown_keys(pilot)  # the week's keys fill the footer ...
        await pilot.press("shift+tab")  # ... until the signals have the focus (just above)
        await settle(pilot)
        assert signal_list(screen).has_focus
        assert "T" in shown_keys(pilot)
        assert any("Signals: what needs your attention" in line for line in screen_lines(pilot.app))


async def test_without_signals_one_quiet_line_and_no_box(make_app: AppFactory) -> None:
    quiet_business = app_settings(slipping_misses=10)  # 4 misses in a row: not slipping yet
    async with make_app(settings=quiet_business).run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        assert signal_texts(screen) == []
        lines = screen_lines(pilot.app)
        assert sum("Nothing needs your attention." in line for line in lines) == 1
        assert not any("Signals: what needs your attention" in line for line in lines)
        assert not screen.query_one("#review-signals-box").display
        for key in ("T", "o", "p"):
            assert key not in shown_keys(pilot)


async def test_j_and_k_move_in_the_signals_and_the_footer_follows(
    make_app: AppFactory, data_path: Path
) -> None:
    capture_weekly(data_path)
    async with make_app(settings=one_slip_sinks_a_role()).run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        kinds = [text.split(":")[0] for text in signal_texts(screen)]
        assert kinds == ["Needs a system", "Slipping process", "Role under water"]
        listed = signal_list(screen)
        listed.focus()
        await settle(pilot)
        assert listed.highlighted == 0 and "p" in shown_keys(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert listed.highlighted == 1
        keys = shown_keys(pilot)
        assert "T" in keys and "p" not in keys and "o" not in keys  # the footer: this entry's
        await pilot.press("j")
        await settle(pilot)
        assert listed.highlighted == 2 and "o" in shown_keys(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert listed.highlighted == 1


async def test_t_acts_on_the_slipping_process_from_anywhere_on_the_screen(
    make_app: AppFactory, data_path: Path
) -> None:
    """The list does not have the keyboard when Review opens and its first signal is a to-do:
    T silently did nothing (outside tester). It takes the first slipping process."""
    capture_weekly(data_path)
    async with make_app(settings=one_slip_sinks_a_role()).run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        assert not signal_list(screen).has_focus
        await pilot.press("T")
        await wait_for_screen(pilot, FocusScreen)
        assert stored_process(data_path).stage is Stage.TESTING


async def test_a_key_of_another_kind_does_nothing(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot)
        before = data_path.read_bytes()
        await pilot.press("p", "o")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert data_path.read_bytes() == before


# -- slipping: to testing, with a countdown ---------------------------------------------------


async def test_t_moves_a_slipping_process_to_testing_and_times_it_and_u_undoes(
    make_app: AppFactory, data_path: Path
) -> None:
    assert stored_process(data_path).stage is not Stage.TESTING
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("T")
        await wait_for_screen(pilot, FocusScreen)
        await settle(pilot)
        assert errors(pilot) == []
        assert any("is in testing: a 30-minute countdown runs on" in n for n in notes(pilot))
        session = running_focus(data_path)
        assert session is not None and session.kind is FocusKind.COUNTDOWN
        assert session.planned_seconds == 30 * 60  # the process's estimate
        assert session.role == "admin"
        assert (session.occurrence_no, session.step_id) == (327, "s1")  # its next due step
        assert stored_process(data_path).stage is Stage.TESTING
        await pilot.press("u")  # the stage goes back; the timer's records are never undone
        await wait_until(pilot, lambda: stored_process(data_path).stage is not Stage.TESTING)
        assert running_focus(data_path) is not None  # s on the Focus view stops it


async def test_t_with_no_step_due_times_the_role(make_app: AppFactory, data_path: Path) -> None:
    with open_cockpit(data_path) as ctx:  # today's run of it snoozed: no step of it is due
        from cockpit.services.actions import snooze

        for n in range(1, 5):
            snooze(ctx, f"327.{n}", DAY + timedelta(days=1))
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("T")
        await wait_for_screen(pilot, FocusScreen)
        await settle(pilot)
        assert any("countdown runs on its role (no step of it is due" in n for n in notes(pilot))
        session = running_focus(data_path)
        assert session is not None and session.occurrence_no is None
        assert (session.role, session.planned_seconds) == ("admin", 30 * 60)
        assert stored_process(data_path).stage is Stage.TESTING


async def test_t_with_a_session_running_says_so_and_changes_nothing(
    make_app: AppFactory, data_path: Path
) -> None:
    with open_cockpit(data_path) as ctx:
        from cockpit.services.focus import start_focus

        start_focus(ctx, FocusKind.STOPWATCH, role="sales")
    before = data_path.read_bytes()
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert any("A focus session is running" in n for n in notes(pilot))
    assert data_path.read_bytes() == before


# -- role under water: its processes and their SOPs -------------------------------------------


async def test_o_lists_the_roles_processes_and_exports_their_sops(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sops"
    async with make_app(settings=one_slip_sinks_a_role()).run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await select_signal(pilot, screen, "Role under water: Admin")
        await pilot.press("o")
        dialog = await wait_for_screen(pilot, RoleSopsScreen)
        await settle(pilot)
        names = [p.name for p in dialog.processes]
        assert "Update bookkeeping" in names and all(p.role == "admin" for p in dialog.processes)
        assert any("update-bookkeeping.md" in line for line in screen_lines(pilot.app))
        first = dialog.processes[0]
        await pilot.press("e")
        await settle(pilot)
        await paste(pilot, str(out), into="#path")
        await pilot.press("enter")
        await wait_until(pilot, lambda: out.exists() and any(out.iterdir()))
        [written] = list(out.iterdir())
        assert first.name in written.read_text()
        await pilot.press("E")  # all of them, to the same folder: one file is there already
        await settle(pilot)
        await paste(pilot, str(out), into="#path")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")  # replace it
        await wait_until(pilot, lambda: len(list(out.iterdir())) == len(names))
        await settle(pilot)
        assert isinstance(pilot.app.screen, RoleSopsScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, ReviewScreen)
        assert errors(pilot) == []


# -- needs a system: a draft process ---------------------------------------------------------


async def test_p_turns_a_weekly_to_do_into_a_draft_weekly_process_with_its_first_step(
    make_app: AppFactory, data_path: Path
) -> None:
    capture_weekly(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        assert signal_texts(screen)[0].startswith(f"Needs a system: {CHASE}")
        await pilot.press("p")
        form = await wait_for_screen(pilot, ProcessFormScreen)
        await settle(pilot)
        assert form.value("name") == CHASE
        assert form.value("schedule") == "weekly"
        assert form.selected("role") == "admin"
        assert form.selected("stage") == Stage.DRAFT.value
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ReviewScreen)
        await settle(pilot)
        assert any(f"Draft process “{CHASE}” made" in n for n in notes(pilot))
        with open_cockpit(data_path, read_only=True) as ctx:
            [made] = [p for p in ctx.store.processes() if p.name == CHASE]
        assert made.stage is Stage.DRAFT and made.role == "admin"
        assert made.schedule.text == "weekly"
        assert [step.title for step in made.steps] == [CHASE]
        await pilot.press("u")  # the process and its first step: one change
        await settle(pilot)

        def gone() -> bool:
            with open_cockpit(data_path, read_only=True) as ctx:
                return not [p for p in ctx.store.processes() if p.name == CHASE]

        await wait_until(pilot, gone)


async def test_p_on_a_to_do_carried_for_weeks_drafts_a_weekly_process(
    make_app: AppFactory, data_path: Path
) -> None:
    first = DAY - timedelta(weeks=3)
    with Cockpit.open(data_path, fixed_clock(first), app_settings()) as ctx:
        add_task(ctx, "Call the accountant about VAT", role="Sales", due=first)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        text = signal_texts(screen)[0]
        assert text.startswith("Needs a system: Call the accountant about VAT  since Fri 30 Oct")
        assert "open and carried over 3 weeks" in text
        await pilot.press("p")
        form = await wait_for_screen(pilot, ProcessFormScreen)
        await settle(pilot)
        assert (form.value("name"), form.value("schedule")) == (
            "Call the accountant about VAT",
            "weekly",
        )
        assert form.selected("role") == "sales"


async def test_escape_from_the_draft_form_saves_nothing(
    make_app: AppFactory, data_path: Path
) -> None:
    capture_weekly(data_path)
    before = data_path.read_bytes()
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("p")
        await wait_for_screen(pilot, ProcessFormScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, ReviewScreen)
    assert data_path.read_bytes() == before


# -- hostile names -------------------------------------------------------------------------


async def test_names_with_markup_show_as_text(make_app: AppFactory, data_path: Path) -> None:
    rename_hostile(data_path)
    capture_weekly(data_path, title="[b]Chase[/b] late [/] invoices")
    async with make_app(settings=one_slip_sinks_a_role()).run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        texts = signal_texts(screen)
        assert texts[0].startswith("Needs a system: [b]Chase[/b] late [/] invoices")
        assert texts[1].startswith(f"Slipping process: {HOSTILE_PROCESS}")
        assert texts[2].startswith(f"Role under water: {HOSTILE_ROLE}")
        lines = "\n".join(screen_lines(pilot.app))
        assert HOSTILE_PROCESS in lines and HOSTILE_ROLE in lines
        await select_signal(pilot, screen, "Role under water")
        await pilot.press("o")
        await wait_for_screen(pilot, RoleSopsScreen)
        await settle(pilot)
        lines = "\n".join(screen_lines(pilot.app))
        assert HOSTILE_ROLE in lines and HOSTILE_PROCESS in lines
        assert errors(pilot) == []


# -- snapshot ------------------------------------------------------------------------------


def test_snapshot_signals_section(
    make_app: AppFactory, data_path: Path, snap_compare: Snap
) -> None:
    from tests.functional.snapshot_support import quiet

    capture_weekly(data_path)
    app = make_app(settings=one_slip_sinks_a_role())

    async def run_before(pilot: Driver) -> None:
        await open_review(pilot)
        await pilot.press("shift+tab")  # the signals have the focus: the footer offers p
        await quiet(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


# -- read-only -----------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["T", "p"])
async def test_a_read_only_app_says_so_and_acts_on_no_signal(
    make_app: AppFactory, data_path: Path, key: str
) -> None:
    capture_weekly(data_path)
    other = open_cockpit(data_path)  # another Cockpit holds the data file
    before = data_path.read_bytes()
    try:
        async with make_app(settings=one_slip_sinks_a_role()).run_test(size=SIZE) as pilot:
            screen = await open_review(pilot)
            await select_signal(pilot, screen, "Slipping" if key == "T" else "Needs a system")
            await pilot.press(key)
            await wait_until(pilot, lambda: any(n.startswith("Read-only:") for n in notes(pilot)))
            await settle(pilot)
            assert isinstance(pilot.app.screen, ReviewScreen)
    finally:
        other.close()
    assert data_path.read_bytes() == before


def test_snapshot_role_sops_dialog(
    make_app: AppFactory, data_path: Path, snap_compare: Snap
) -> None:
    from tests.functional.snapshot_support import quiet

    app = make_app(settings=one_slip_sinks_a_role())

    async def run_before(pilot: Driver) -> None:
        screen = await open_review(pilot)
        await select_signal(pilot, screen, "Role under water")
        await pilot.press("o")
        await wait_for_screen(pilot, RoleSopsScreen)
        await quiet(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
