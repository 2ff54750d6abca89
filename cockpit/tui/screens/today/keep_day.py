"""Loading Today's day, and its list kept for the next start (day_cache)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from cockpit.tui.day_cache import MAX_ROWS
from cockpit.tui.messages import DayLoaded

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from cockpit.services.context import Cockpit
    from cockpit.tui.app import CockpitApp
    from cockpit.tui.widgets.step_list import StepList


def day_job(
    screen: MessagePump, day: date | None, with_closed: bool, highlight: str | None, *, keep: bool
) -> Callable[[Cockpit], None]:
    """The work that computes a day (in a worker) and posts it to `screen`; today's plain
    list (`keep`, not with the closed steps) comes with the identity of the data it is of."""

    def job(cockpit: Cockpit) -> None:
        from cockpit.services.data_identity import held_identity
        from cockpit.services.day import plan_day

        before = held_identity(cockpit)
        plan = plan_day(cockpit, day, keep_empty=True, with_closed=with_closed)
        same = before == held_identity(cockpit) and plan.date == cockpit.today()
        if plan.steps:
            # the side pane shows the first step as Markdown: load markdown-it here,
            # not on the UI thread between the day arriving and the list showing
            from textual.widgets import Markdown  # noqa: F401
        identity = before if same and keep and not with_closed else None
        unsaved = cockpit.take_unsaved_note()
        screen.post_message(DayLoaded(plan, highlight, identity, unsaved))

    return job


def keep_day(app: CockpitApp, steps: StepList, loaded: DayLoaded) -> None:
    """Keep the rows `steps` shows for `loaded`'s day, keyed by the data they came from."""
    cache, identity = app.day_cache, loaded.identity
    if cache is None or identity is None:
        return
    count = min(steps.option_count, MAX_ROWS)
    rows = [steps.get_option_at_index(index).prompt for index in range(count)]
    texts = [row if isinstance(row, Text) else Text(str(row)) for row in rows]
    day, settings = loaded.plan.date, app.settings

    def write() -> None:
        cache.write(identity, day, settings, texts)

    app.run_in_thread(write, group="keep-day", exclusive=True, refused=lambda _: None)
