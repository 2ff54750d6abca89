"""Errors the domain raises, each with a message a person can act on."""

from __future__ import annotations


class CockpitError(Exception):
    """Base of every error Cockpit reports to the user as one clear line."""


class ValidationError(CockpitError):
    """Bad input: an empty name, a negative estimate, an unknown role..."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ScheduleError(ValidationError):
    """A schedule phrase Cockpit does not understand."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="schedule")


class NotFoundError(CockpitError):
    """An ID or name that matches nothing."""


class RuleError(CockpitError):
    """An action the rules forbid: snoozing past the next occurrence, completing a closed one."""
