"""Dates as people type them, for the snooze command and dialog and for tasks: one reading
(`cockpit.domain.when`), so `fri` or `+3` means the same day wherever it is typed."""

from __future__ import annotations

from datetime import date

from cockpit.domain.when import WORDS_HELP, parse_day

__all__ = ["WORDS_HELP", "parse_when"]


def parse_when(text: str, today: date) -> date:
    """A date typed as YYYY-MM-DD, today, tomorrow, a weekday or +N (days, or +Nw weeks);
    a date outside the calendar Cockpit works in (an offset of a billion days included) is
    refused by name."""
    return parse_day(text, today)
