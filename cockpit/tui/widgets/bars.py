"""Small one-line bars of the weekly review: done against due, minutes against a budget.

A bar is a label, a bar as wide as the room left, and the figures. Colours are
theme variables ($success, $warning, $error...), resolved when the bar renders,
so a change of theme recolours it.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from cockpit.domain.text import printable

FULL, EMPTY = "█", "░"
MIN_BAR = 4


def share(part: int, whole: int) -> str:
    """ "80 %", or "–" when nothing was due."""
    return f"{round(100 * part / whole)} %" if whole else "–"


def minutes_text(minutes: int) -> str:
    """ "45 min", "2 h 05"."""
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}"


def fit(text: str, width: int) -> str:
    """The text cut to `width` cells (with an ellipsis) and padded to it."""
    if len(text) > width:
        text = text[: max(0, width - 1)] + "…"
    return text.ljust(width)


class RatioBar(Widget):
    """A labelled bar of `value` against `total`; subclasses say the tone and the figures.

    The figures take the same room on every row (`FIGURES_WIDTH`), so the bars of one
    section are all as long: they compare by their filled part alone."""

    FIGURES_WIDTH = 0

    def __init__(
        self,
        label: str,
        value: int,
        total: int,
        *,
        label_width: int = 18,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label = printable(label)
        self.value = value
        self.total = total
        self.label_width = label_width

    @property
    def ratio(self) -> float:
        return self.value / self.total if self.total else 0.0

    @property
    def tone(self) -> str:
        """The theme variable the filled part is drawn in."""
        return "primary"

    def figures(self) -> str:
        return f"{self.value}/{self.total}"

    def show(self, value: int, total: int) -> None:
        self.value, self.total = value, total
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width or 40
        figures = self.figures().ljust(self.FIGURES_WIDTH)
        label_width = min(self.label_width, max(6, width // 3))
        room = max(MIN_BAR, width - label_width - len(figures) - 2)
        filled = min(room, round(room * self.ratio))
        return Content.assemble(
            fit(self.label, label_width),
            " ",
            (FULL * filled, f"${self.tone}"),
            (EMPTY * (room - filled), "$foreground-muted"),
            " ",
            (figures, f"${self.tone}" if self.tone in ("warning", "error") else ""),
        )


class DoneBar(RatioBar):
    """Runs done against runs due: 8/10 80 %."""

    FIGURES_WIDTH = len("100/100  100 %")

    @property
    def tone(self) -> str:
        if not self.total:
            return "foreground-muted"
        if self.ratio >= 0.8:
            return "success"
        return "warning" if self.ratio >= 0.5 else "error"

    def figures(self) -> str:
        return f"{self.value:>3}/{self.total:<3} {share(self.value, self.total):>5}"


class BudgetBar(RatioBar):
    """Focus minutes against the role's budget for the week; over budget shows."""

    OVER_BY = 1.25  # beyond this share of the budget the bar turns to $error
    FIGURES_WIDTH = len("10 h 00 of 10 h 00 over")

    @property
    def tone(self) -> str:
        if not self.total:
            return "warning" if self.value else "foreground-muted"
        if self.value <= self.total:
            return "primary"
        return "warning" if self.ratio <= self.OVER_BY else "error"

    @property
    def over(self) -> bool:
        return self.value > self.total

    def figures(self) -> str:
        text = f"{minutes_text(self.value)} of {minutes_text(self.total)}"
        return text + (" over" if self.over else "")
