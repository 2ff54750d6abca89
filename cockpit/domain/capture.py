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

_ESTIMATE = re.compile(r"(?:([0-9]+)h(?:([0-9]+)m?)?|([0-9]+)(?:m|min))")  # ASCII digits


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
    if max(len(part or "") for part in match.groups()) > 5:  # no int() of 5,000 digits
        raise ValidationError(
            f'"{word}" is more than a day: an estimate is at most 24h', "estimate"
        )
    if extra is not None and int(extra) >= 60:
        raise ValidationError(f'"{word}": the minutes after the hours go up to 59', "estimate")
    minutes = int(alone) if alone is not None else int(hours) * 60 + int(extra or 0)
    if minutes == 0:
        raise ValidationError(f'"{word}" is no estimate: give at least a minute', "estimate")
    return require_minutes(minutes, "estimate")


def _names_something(word: str, sign: str) -> bool:
    """`#admin`, `@website`: a sign and a name starting with a letter (`#123` is an issue
    number in a title, not a role)."""
    return word.startswith(sign) and len(word) > 1 and word[1].isalpha()


def read_estimate(text: str) -> int:
    """An estimate typed on its own (an option, a dialog): minutes (15) or 15m, 1h, 1h30."""
    typed = text.strip().lower()
    word = f"{typed}m" if typed.isascii() and typed.isdigit() else typed
    try:
        minutes = estimate_minutes(word)
    except ValidationError as error:  # said with the words typed ("0", not "0m")
        raise ValidationError(str(error).replace(f'"{word}"', f'"{text}"'), "estimate") from None
    if minutes is None:
        raise ValidationError(
            f'"{text}" is not an estimate: minutes (15) or 15m, 1h, 1h30, at most a day',
            "estimate",
        )
    return minutes


def parse_capture(line: str, today: date, given: frozenset[str] = frozenset()) -> Capture:
    """The task a line describes; a ValidationError if no title is left or a part is off
    (a day outside the calendar, an estimate over a day). The parts named in `given`
    ("due", "role", "system", "estimate": set by an option) are not read from the words,
    which then stay in the title."""
    words = line.split()
    due: date | None = None
    role: str | None = None
    system: str | None = None
    estimate: int | None = None
    read = {"due", "role", "system", "estimate"} - given
    while words:
        word = words[-1]
        if role is None and "role" in read and _names_something(word, "#"):
            role = word[1:]
        elif system is None and "system" in read and _names_something(word, "@"):
            system = word[1:]
        elif (
            estimate is None
            and "estimate" in read
            and (minutes := estimate_minutes(word)) is not None
        ):
            estimate = minutes
        elif due is None and "due" in read and (day := day_from_words(word, today)) is not None:
            due = day
        else:
            break
        words.pop()
    if not words:
        raise ValidationError("a task needs a title before its date, #role or estimate", "title")
    title = require_name(" ".join(words), "a task", "title")
    return Capture(title, due=due, role=role, system=system, estimate=estimate)
