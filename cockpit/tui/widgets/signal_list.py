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
        *(Binding(key, action, text, id=id) for key, action, text, id in ACTIONS),
        Binding("j", "cursor_down", "Down", id="review.signals_down", show=False),
        Binding("k", "cursor_up", "Up", id="review.signals_up", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.startswith("signal_"):
            # the footer offers the key of the entry highlighted; another kind's key falls
            # through to the screen, which acts on the first signal of that kind
            highlighted = getattr(self.screen, "highlighted_is", None)
            return bool(highlighted and highlighted(action))
        return True

    def on_resize(self) -> None:
        """Its entries are cut to its width: the screen fits them again."""
        refit = getattr(self.screen, "refit_signals", None)
        if callable(refit):
            refit()

    async def _screen_does(self, action: str) -> None:
        await self.app.run_action(action, self.screen)

    async def action_signal_test(self) -> None:
        await self._screen_does("signal_test")

    async def action_signal_sops(self) -> None:
        await self._screen_does("signal_sops")

    async def action_signal_draft(self) -> None:
        await self._screen_does("signal_draft")
