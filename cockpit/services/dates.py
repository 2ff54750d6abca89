"""Dates as people type them: tomorrow, +3, 2026-11-30."""

from __future__ import annotations

from datetime import date, timedelta

from cockpit.domain.errors import ValidationError


def parse_when(text: str, today: date) -> date:
    """A date typed as YYYY-MM-DD, "tomorrow", "+N" or "+Nd" (days from today)."""
    cleaned = text.strip().lower()
    if cleaned in ("tomorrow", "tmr"):
        return today + timedelta(days=1)
    if cleaned.startswith("+"):
        number = cleaned[1:].removesuffix("d").strip()
        if number.isdigit():
            return today + timedelta(days=int(number))
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(
            f'"{text}" is not a date; use YYYY-MM-DD, tomorrow, or +N (days)', "date"
        ) from None
