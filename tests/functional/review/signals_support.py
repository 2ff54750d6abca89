"""Data for the signal and quarter tests, written before the app starts: to-dos captured
week after week (stored tasks, as `cockpit add` keeps them), hostile names, a lower bar
for a role under water; and the reading of the Review screen's signals box."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from textual.widgets import OptionList

from cockpit.config import Settings
from cockpit.services.context import Cockpit
from cockpit.services.tasks import add_task
from cockpit.tui.screens.review import ReviewScreen
from tests.ui_support import DAY, app_settings, fixed_clock, open_cockpit

CHASE = "Chase late invoices"
HOSTILE_PROCESS = "[b]x[/]"  # markup, if it were read as markup: a bold "x"
HOSTILE_ROLE = "Admin [/]"  # a closing tag with nothing open: a markup error
SLIPPING = "update-bookkeeping"  # the demo's slipping process (Admin, 30 min)


def capture_weekly(path: Path, title: str = CHASE, role: str = "Admin", times: int = 3) -> None:
    """The same to-do captured once a week, the last today (each as `cockpit add` would)."""
    for weeks in range(times - 1, -1, -1):
        clock = fixed_clock(DAY - timedelta(weeks=weeks))
        with Cockpit.open(path, clock, app_settings()) as ctx:
            add_task(ctx, title, role=role)


def rename_hostile(path: Path) -> None:
    """The slipping process and its role named with markup characters."""
    with open_cockpit(path) as ctx:
        process = next(p for p in ctx.store.processes() if p.id == SLIPPING)
        ctx.store.save_process(replace(process, name=HOSTILE_PROCESS))
        role = next(r for r in ctx.store.roles() if r.id == "admin")
        ctx.store.save_role(replace(role, name=HOSTILE_ROLE))


def one_slip_sinks_a_role() -> Settings:
    """A role holding one slipping process is under water (the default asks for two)."""
    return app_settings(signal_role_slipping=1)


def signal_list(screen: ReviewScreen) -> OptionList:
    return screen.query_one("#review-signals", OptionList)


def signal_texts(screen: ReviewScreen) -> list[str]:
    listed = signal_list(screen)
    return [str(listed.get_option_at_index(n).prompt) for n in range(listed.option_count)]
