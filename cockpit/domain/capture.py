"""A task captured on one line: `Call the accountant fri #admin 15m`.

What the words at the end of the line mean is taken off the title: a day (see `when`),
`#role`, `@system` and an estimate (15m, 1h, 1h30). Only the trailing words count, each
kind once, so a title such as "Plan the 2h workshop" keeps its words; a word that was meant
as a title word can be kept by ending the line with the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import require_minutes, require_name
from cockpit.domain.when import day_from_words

_ESTIMATE = re.compile(r"(?:(\d{1,2})h(?:(\d{1,2})m?)?|(\d{1,4})(?:m|min))")


@dataclass(frozen=True, slots=True)
class Capture:
    """What a captured line says; role and system are the words as typed (without # and
    @), for the services to find among the business's roles and systems."""

    title: str
    due: date | None = None
    role: str | None = None
    system: str | None = None
    estimate: int | None = None

    def understood(self) -> list[str]:
        """The parts read from the line, in words, for a preview."""
        parts = []
        if self.due is not None:
            parts.append(f"due {self.due:%a %d %b %Y}")
        else:
            parts.append("no date: to the inbox")
        if self.role is not None:
            parts.append(f"role {self.role}")
        if self.system is not None:
            parts.append(f"system {self.system}")
        if self.estimate is not None:
            parts.append(f"~{self.estimate} min")
        return parts


def estimate_minutes(word: str) -> int | None:
    """Minutes of an estimate word (15m, 90min, 1h, 1h30, 1h30m), or None if it is not one."""
    match = _ESTIMATE.fullmatch(word.lower())
    if match is None:
        return None
    hours, extra, alone = match.groups()
    minutes = int(alone) if alone is not None else int(hours) * 60 + int(extra or 0)
    return require_minutes(minutes, "estimate")


def parse_capture(line: str, today: date) -> Capture:
    """The task a line describes; a ValidationError if no title is left or a part is off
    (a day outside the calendar, an estimate over a day)."""
    words = line.split()
    due: date | None = None
    role: str | None = None
    system: str | None = None
    estimate: int | None = None
    while words:
        word = words[-1]
        if role is None and word.startswith("#") and len(word) > 1:
            role = word[1:]
        elif system is None and word.startswith("@") and len(word) > 1:
            system = word[1:]
        elif estimate is None and (minutes := estimate_minutes(word)) is not None:
            estimate = minutes
        elif due is None and (day := day_from_words(word, today)) is not None:
            due = day
        else:
            break
        words.pop()
    if not words:
        raise ValidationError("a task needs a title before its date, #role or estimate", "title")
    title = require_name(" ".join(words), "a task", "title")
    return Capture(title, due=due, role=role, system=system, estimate=estimate)
