"""Screens that close once: keys that arrive in one read (`Enter Enter`, `Escape Escape`)
reach a screen again while its first dismissal is still on the way. A second dismissal
would pop the screen under it: Textual raises ScreenStackError when that one is the last
(issue 11). Here the second does nothing, and no result is handed on twice."""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


async def _nothing() -> None:
    return None


class DismissOnce:
    """Mixed into a Screen (before it, as `class X(DismissOnce, ModalScreen[R])`): it is
    dismissed at most once. A plain mixin, so Textual's styles and components of the screen
    class it joins stay as they are."""

    dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.dismissed:
            return AwaitComplete(_nothing())
        self.dismissed = True
        return super().dismiss(result)  # type: ignore[misc, no-any-return]
