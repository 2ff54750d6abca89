"""Weekday names as the config and time blocks write them (no heavy imports)."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
