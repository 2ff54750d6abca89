"""Shown while the terminal is too small to be useful."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.need = (width, height)

    def compose(self) -> ComposeResult:
        width, height = self.need
        yield Static(
            f"Terminal too small.\nCockpit needs {width}x{height}.\nMake the window bigger.",
            id="too-small",
        )
