"""The Review screen's signals: what the figures say to act on, and a key for each kind.

The entry highlighted is the one the keys act on (j/k move in the list once it has the
focus, tab reaches it); the footer offers only the key that fits it:
- T, a slipping process: move it to testing and start a countdown to its estimate on its
  next due step (on its role when none is due), one change, undone with u;
- o, a role under water: its processes, each with the SOP export to hand it over;
- p, a to-do that needs a system: a draft process in the process form, its title as the
  name and first step, its role, the schedule guessed from how often it came back.

A subject too long for its line is cut with "…", so the evidence is always the entry's
second line. Below 100 columns every entry keeps to three lines (its evidence and its
suggestion cut too) but the highlighted one, whose suggestion shows whole: five fit at
80x24, and j brings each into view.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from cockpit.domain.signals import SignalKind
from cockpit.presenter import KIND_LABELS
from cockpit.tui.key_list import key_label
from cockpit.tui.screens.base import CockpitScreen
from cockpit.tui.screens.signal_text import nothing_content, signal_content
from cockpit.tui.widgets.signal_list import ACTIONS, SignalList

if TYPE_CHECKING:
    from textual.content import Content

    from cockpit.domain.focus import FocusSession
    from cockpit.domain.model import Process
    from cockpit.domain.signals import Signal
    from cockpit.services.context import Cockpit
    from cockpit.services.review import WeekReview

SIGNAL_BINDINGS = [  # unshown here: the list shows them in the footer while it has the focus
    Binding(key, action, text, id=id, show=False) for key, action, text, id in ACTIONS
]
ACTION_KINDS = {
    "signal_test": SignalKind.SLIPPING_PROCESS,
    "signal_sops": SignalKind.ROLE_UNDER_WATER,
    "signal_draft": SignalKind.NEEDS_A_SYSTEM,
}
COMPACT_BELOW = 100  # columns: below, the entries but the highlighted one keep to 3 lines


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, its end replaced by "…" when it is longer."""
    if cell_len(text) <= width:
        return text
    shown = Text(text)
    shown.truncate(max(width - 1, 0))
    return shown.plain.rstrip() + "…"


def fitted(signal: Signal, key: str, width: int, *, whole: bool) -> Signal:
    """The signal with its subject cut to the first line's room (its kind and "since" kept);
    unless `whole`, its evidence and suggestion cut to one line each too."""
    since = cell_len(f"  since {signal.since:%a %d %b %Y}")
    subject = cut(signal.subject, width - cell_len(f"{KIND_LABELS[signal.kind]}: ") - since)
    if whole:
        return replace(signal, subject=subject)
    return replace(
        signal,
        subject=subject,
        evidence=cut(signal.evidence, width - 2),
        suggestion=cut(signal.suggestion, width - 4 - (cell_len(f"  ({key})") if key else 0)),
    )


class SignalSection(CockpitScreen[None]):
    """The signals box of the Review screen and the keys that act on its entries."""

    signals: tuple[Signal, ...] = ()  # the entries shown, in order
    report: WeekReview | None

    def compose_signals(self) -> ComposeResult:
        with Vertical(id="review-signals-box"):
            yield Label("Signals: what needs your attention", classes="review-heading")
            yield SignalList(id="review-signals")
        yield Static(nothing_content(), id="review-signals-none")

    def show_signals(self, found: list[Signal]) -> None:
        listed = self.query_one("#review-signals", OptionList)
        was = self.selected_signal()
        self.signals = tuple(found)
        index = found.index(was) if was in found else 0
        listed.set_options(
            Option(self.signal_prompt(n, n == index), id=str(n)) for n in range(len(found))
        )
        self.query_one("#review-signals-box").display = bool(found)
        self.query_one("#review-signals-none").display = not found
        if found:
            listed.highlighted = index
        self._whole = index
        self.refresh_bindings()

    _whole = 0  # the entry shown whole (the highlighted one)

    def signal_prompt(self, index: int, whole: bool) -> Content:
        """The entry's text for the list's width now (see the module's docstring)."""
        signal = self.signals[index]
        key = self.key_of(next(a for a, kind in ACTION_KINDS.items() if kind is signal.kind))
        listed = self.query_one("#review-signals", OptionList)
        # the list's own width once laid out (a scrollbar's room kept), else the screen's
        width = listed.size.width - listed.styles.scrollbar_size_vertical
        if width <= 0:
            width = self.app.size.width - 4
        whole = whole or self.app.size.width >= COMPACT_BELOW
        return signal_content(fitted(signal, key, max(width, 20), whole=whole), key)

    _fitted_to = 0  # the list's width the entries were last fitted to

    def refit_signals(self) -> None:
        """The entries fitted again to the list's width, when it changed (a resize, or the
        body's scrollbar showing up after the first fitting)."""
        listed = self.query_one("#review-signals", OptionList)
        if listed.size.width == self._fitted_to or not self.signals:
            return
        self._fitted_to = listed.size.width
        for index in range(min(len(self.signals), listed.option_count)):
            listed.replace_option_prompt_at_index(
                index, self.signal_prompt(index, index == self._whole)
            )

    def key_of(self, action: str) -> str:
        """The key the keymap gives an action (the owner may have changed it)."""
        binding = next(b for b in SIGNAL_BINDINGS if b.action == action)
        keys = getattr(self.cockpit_app.settings, "keys", None) or {}
        return key_label(keys.get(binding.id or "", binding.key).split(",")[0].strip())

    def selected_signal(self) -> Signal | None:
        index = self.query_one("#review-signals", OptionList).highlighted
        if index is None or not 0 <= index < len(self.signals):
            return None
        return self.signals[index]

    @on(OptionList.OptionHighlighted, "#review-signals")
    def _signal_highlighted(self) -> None:
        listed = self.query_one("#review-signals", OptionList)
        index = listed.highlighted
        if index is not None and index != self._whole and index < len(self.signals):
            if self._whole < len(self.signals):
                listed.replace_option_prompt_at_index(
                    self._whole, self.signal_prompt(self._whole, False)
                )
            listed.replace_option_prompt_at_index(index, self.signal_prompt(index, True))
            self._whole = index
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = ACTION_KINDS.get(action)
        if kind is None:
            return True
        return any(signal.kind is kind for signal in self.signals)

    def highlighted_is(self, action: str) -> bool:
        """The entry highlighted is of the kind `action` acts on (the list's footer)."""
        signal = self.selected_signal()
        return signal is not None and signal.kind is ACTION_KINDS.get(action)

    def signal_of(self, kind: SignalKind) -> Signal | None:
        """The highlighted signal if it is of `kind`, else the first of that kind, which gets
        the highlight (T, o and p work from anywhere on the screen, not only on the list)."""
        signal = self.selected_signal()
        if signal is not None and signal.kind is kind:
            return signal
        for index, other in enumerate(self.signals):
            if other.kind is kind:
                self.query_one("#review-signals", OptionList).highlighted = index
                return other
        return None

    # -- the actions -------------------------------------------------------------------------

    def chosen(self, kind: SignalKind) -> Signal | None:
        signal = self.signal_of(kind)
        if signal is None or self.cockpit_app.says_read_only():
            return None
        return signal

    def action_signal_test(self) -> None:
        signal = self.chosen(SignalKind.SLIPPING_PROCESS)
        if signal is None or self.cockpit_app.says_session_runs():
            return
        process_id = signal.subject_id

        def job(cockpit: Cockpit) -> tuple[Process, FocusSession, str]:
            from cockpit.domain.focus import FocusKind
            from cockpit.domain.model import Stage
            from cockpit.services.day import plan_day
            from cockpit.services.focus import start_focus
            from cockpit.services.library import find_process
            from cockpit.services.routines import set_stage

            process = find_process(cockpit, process_id)
            minutes = process.estimate_minutes or None
            due = [d for d in plan_day(cockpit).steps if d.process.id == process_id]
            if due:
                on = f"its step {due[0].id}, {due[0].step.title}"
                session = start_focus(cockpit, FocusKind.COUNTDOWN, ref=due[0].id, minutes=minutes)
            else:
                on = "its role (no step of it is due today)"
                session = start_focus(
                    cockpit, FocusKind.COUNTDOWN, role=process.role, minutes=minutes
                )
            return set_stage(cockpit, process_id, Stage.TESTING), session, on

        def done(result: tuple[Process, FocusSession, str]) -> None:
            process, session, on = result
            length = (session.planned_seconds or 0) // 60
            self.notify(
                f"“{process.name}” is in testing: a {length}-minute countdown runs on {on}.",
                timeout=5,
            )
            self.cockpit_app.focus_started(session)

        self.cockpit_app.run_service(job, done, group="write")

    def action_signal_sops(self) -> None:
        signal = self.signal_of(SignalKind.ROLE_UNDER_WATER)
        if signal is None or self.report is None:
            return
        from cockpit.tui.screens.signal_sops import RoleSopsScreen

        held = [p for p in self.report.processes if p.role == signal.subject_id and p.active]
        self.app.push_screen(RoleSopsScreen(signal.subject, held))

    def action_signal_draft(self) -> None:
        signal = self.chosen(SignalKind.NEEDS_A_SYSTEM)
        report = self.report
        if signal is None or signal.draft is None or report is None:
            return
        from cockpit.tui.screens.process_form import ProcessFormScreen

        def saved(process: Process | None) -> None:
            if process is not None:
                self.notify(
                    f"Draft process “{process.name}” made, its first step in it: "
                    "5 shows it in Processes.",
                    timeout=5,
                )

        form = ProcessFormScreen(list(report.roles), list(report.systems), prefill=signal.draft)
        self.app.push_screen(form, saved)
