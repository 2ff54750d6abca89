"""The texts of the signals: one entry each (what was seen, since when, what to do), the
quiet line when there is none. Names are text, never markup; colours are theme variables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from cockpit.domain.signals import SignalKind
from cockpit.presenter import KIND_LABELS
from cockpit.tui.plain import plain

if TYPE_CHECKING:
    from cockpit.domain.signals import Signal

NOTHING = "Nothing needs your attention."
TONES = {
    SignalKind.NEEDS_A_SYSTEM: "$accent",
    SignalKind.SLIPPING_PROCESS: "$error",
    SignalKind.ROLE_UNDER_WATER: "$warning",
}


def signal_content(signal: Signal, key: str = "") -> Content:
    """Three lines: the kind and subject (since when), the evidence, the suggestion (and the
    key that acts on it)."""
    return Content.assemble(
        (f"{KIND_LABELS[signal.kind]}: ", f"bold {TONES[signal.kind]}"),
        plain(signal.subject, "bold"),
        (f"  since {signal.since:%a %d %b %Y}", "$text-muted"),
        "\n  ",
        plain(signal.evidence),
        "\n  → ",
        plain(signal.suggestion, "italic"),
        (f"  ({key})", "bold $accent") if key else "",
    )


def nothing_content() -> Content:
    return Content.styled(NOTHING, "$text-muted")
