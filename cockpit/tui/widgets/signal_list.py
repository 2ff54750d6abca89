"""The Review screen's list of signals: while it has the focus, the footer offers the key
that acts on the entry highlighted (the screen answers the same keys, unshown, from
anywhere on it: an 80-column footer has no room for them beside the week's own keys)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

# the actions are the screen's (`review_signals.SignalSection`); the ids are the screen's too,
# so a key changed in the config's [keys] changes both
ACTIONS = (
    ("T", "signal_test", "Test and time it", "review.signal_test"),
    ("o", "signal_sops", "SOPs to hand over", "review.signal_sops"),
    ("p", "signal_draft", "Make it a process", "review.signal_draft"),
)


class SignalList(OptionList):
    """The signals, one entry each; j/k move, the key of the entry's kind acts on it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"screen.{action}", text, id=id) for key, action, text, id in ACTIONS),
        Binding("j", "cursor_down", "Down", id="review.signals_down", show=False),
        Binding("k", "cursor_up", "Up", id="review.signals_up", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.startswith("screen."):
            return self.screen.check_action(action.removeprefix("screen."), parameters)
        return True
