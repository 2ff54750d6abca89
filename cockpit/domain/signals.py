"""Signals: what the figures show that the owner should act on.

Each signal says what it saw (`evidence`), since when, and what to do (`suggestion`):

Needs a system
    A task open and carried over `carried_weeks` or more since the first date it was
    due; or a title captured `repeat_captures` times or more in the last `repeat_weeks`
    (the same or near-same words: see `title_overlap`). The work keeps coming back: make
    it a process, on a schedule guessed from how often it was captured.
Slipping process
    A recurring process missed `slipping_after` times in a row, as the Routines view
    says (`routines.RoutineFigures.slipping`): move it to testing and time its runs.
Role under water
    Over the last `role_weeks`: a role whose due work was done less than
    `role_done_below` of the time, or whose focus time ran over `role_focus_over` of its
    budget, or which holds `role_slipping` slipping processes or more. Its processes'
    SOPs are the documents to hand over when outsourcing.

Pure: tasks are any records with a title, a capture time, a first due date and an open
flag (`TaskLike`); the figures come in from the weekly review and the routines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import pairwise
from statistics import median
from typing import Protocol

from cockpit.domain.model import Process
from cockpit.domain.routines import Outcome, RoutineFigures


class SignalKind(StrEnum):
    NEEDS_A_SYSTEM = "needs_a_system"
    SLIPPING_PROCESS = "slipping_process"
    ROLE_UNDER_WATER = "role_under_water"


@dataclass(frozen=True, slots=True)
class Signal:
    kind: SignalKind
    subject: str  # the task's title, the process's or the role's name
    since: date
    evidence: str
    suggestion: str
    subject_id: str = ""  # the process or role id, for the actions on it ("" for a title)
    draft: ProcessDraft | None = None  # needs a system: the process it suggests


@dataclass(frozen=True, slots=True)
class ProcessDraft:
    """The draft process a to-do that needs a system suggests: its title as the name and
    first step, its role, and a schedule guessed from how often it came back (a phrase the
    schedule reader takes: "daily", "weekly", "every 2 weeks", "every 20 days")."""

    title: str
    role_id: str | None
    schedule: str


@dataclass(frozen=True, slots=True)
class Thresholds:
    carried_weeks: int = 3
    repeat_captures: int = 3
    repeat_weeks: int = 6
    title_overlap: float = 0.6  # share of words two titles have in common to be the same
    role_weeks: int = 4
    role_done_below: float = 0.6
    role_focus_over: float = 1.5
    role_slipping: int = 2


class TaskLike(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def first_due(self) -> date | None: ...
    @property
    def is_open(self) -> bool: ...


def _role_of(task: TaskLike) -> str | None:
    """The role of a to-do, for its draft process: a `role_id` when the record has one."""
    role = getattr(task, "role_id", None)
    return role if isinstance(role, str) and role else None


# words that do not tell one to-do from another
_FILLER = frozenset(
    (
        *("a", "an", "the", "to", "for", "of", "about", "re", "on", "in"),
        *("at", "with", "and", "or", "my", "our", "by", "from", "up", "out"),
    )
)
_WORD = re.compile(r"[^\W_]+")
CARRIED_SCHEDULE = "weekly"  # a to-do carried over week after week: a weekly slot of its own
Capture = tuple[date, str, frozenset[str]]  # day, title, its words


def title_words(title: str) -> frozenset[str]:
    """The words of a title that say what the work is: case and punctuation dropped,
    filler words left out, a plural's trailing s dropped ("invoices" = "invoice")."""
    words = set()
    for word in _WORD.findall(title.casefold()):
        if word in _FILLER:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return frozenset(words)


def title_overlap(a: str, b: str) -> float:
    """The words two titles share, as a share of the words either has (0 without words)."""
    return _overlap(title_words(a), title_words(b))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def same_title(a: str, b: str, threshold: float) -> bool:
    words_a, words_b = title_words(a), title_words(b)
    return bool(words_a and words_b) and _overlap(words_a, words_b) >= threshold


def _day(instant: datetime) -> date:
    return instant.date()


def needs_a_system(
    tasks: Iterable[TaskLike],
    today: date,
    thresholds: Thresholds,
    local_date: Callable[[datetime], date] = _day,
) -> list[Signal]:
    """Tasks carried over for weeks, and titles captured again and again."""
    signals: list[Signal] = []
    window_start = today - timedelta(weeks=thresholds.repeat_weeks)
    recent: list[Capture] = []
    roles: dict[Capture, str | None] = {}  # the role each capture was given (the last one)
    for task in tasks:
        first = task.first_due
        if (
            task.is_open
            and first is not None
            and (today - first).days >= thresholds.carried_weeks * 7
        ):
            weeks = (today - first).days // 7
            signals.append(
                Signal(
                    SignalKind.NEEDS_A_SYSTEM,
                    task.title,
                    first,
                    f"open and carried over {weeks} weeks (first due {first.isoformat()})",
                    "it keeps being put off: turn it into a process with its own time, "
                    "or decide it is not needed",
                    draft=ProcessDraft(task.title, _role_of(task), CARRIED_SCHEDULE),
                )
            )
        day = local_date(task.created_at)
        if window_start < day <= today:
            words = title_words(task.title)
            if words:
                capture = (day, task.title, words)
                recent.append(capture)
                roles[capture] = _role_of(task) or roles.get(capture)
    carried_titles = {signal.subject for signal in signals}
    for group in _groups(recent, thresholds.title_overlap):
        if len(group) < thresholds.repeat_captures:
            continue
        first_day, latest = group[0][0], group[-1][1]
        if latest in carried_titles:
            continue
        schedule = schedule_guess([capture[0] for capture in group])
        role = next((roles[capture] for capture in reversed(group) if roles[capture]), None)
        signals.append(
            Signal(
                SignalKind.NEEDS_A_SYSTEM,
                latest,
                first_day,
                f"captured {len(group)} times in {thresholds.repeat_weeks} weeks "
                f"(first on {first_day.isoformat()})",
                f"it keeps coming back: make it a process, {schedule}, with this as its first step",
                draft=ProcessDraft(latest, role, schedule),
            )
        )
    return sorted(signals, key=lambda signal: (signal.since, signal.subject.casefold()))


def _groups(captures: list[Capture], threshold: float) -> list[list[Capture]]:
    """Captures in date order, each joined to the first group whose first title it matches.

    Only groups sharing a word can match, so they are found through their words, counting
    the shared ones on the way: the overlap is shared / (both sizes - shared)."""
    groups: list[list[Capture]] = []
    by_word: dict[str, list[int]] = {}
    for capture in sorted(captures, key=lambda item: item[0]):
        words = capture[2]
        shared: dict[int, int] = {}
        for word in words:
            for n in by_word.get(word, ()):
                shared[n] = shared.get(n, 0) + 1
        size = len(words)
        joined = min(
            (n for n, common in shared.items()
             if common / (size + len(groups[n][0][2]) - common) >= threshold),
            default=None,
        )  # fmt: skip
        if joined is not None:
            groups[joined].append(capture)
            continue
        for word in words:
            by_word.setdefault(word, []).append(len(groups))
        groups.append([capture])
    return groups


def schedule_guess(days: Sequence[date]) -> str:
    """How often work captured on `days` (in order) comes back, as a schedule phrase: the
    median gap between captures; one capture (or a task carried over) counts as weekly."""
    gaps = [(b - a).days for a, b in pairwise(days)]
    gap = median(gaps) if gaps else 7
    if gap <= 2:
        return "daily"
    if gap <= 10:
        return "weekly"
    if gap <= 17:
        return "every 2 weeks"
    return f"every {round(gap)} days"


def slipping_processes(rows: Iterable[tuple[Process, RoutineFigures]]) -> list[Signal]:
    """The processes the Routines view calls slipping, since their first miss in a row."""
    return [
        Signal(
            SignalKind.SLIPPING_PROCESS,
            process.name,
            _misses_since(figures),
            f"missed {figures.missed_in_a_row} times in a row",
            "move it to testing and time the next runs against a target of "
            f"{process.estimate_minutes} min: analyse, redesign, test with a timer",
            process.id,
        )
        for process, figures in rows
        if figures.slipping
    ]


def _misses_since(figures: RoutineFigures) -> date:
    """The date of the first of the misses in a row (skips and open runs passed over)."""
    since: date | None = None
    for day, result in reversed(figures.recent):
        if result in (Outcome.ON_TIME, Outcome.LATE):
            break
        if result is Outcome.MISSED:
            since = day
    if since is None:  # older than the outcomes kept: the oldest kept
        return figures.recent[0][0] if figures.recent else date.min
    return since


def role_under_water(
    role_names: Mapping[str, str],
    completion: Mapping[str, tuple[int, int]],
    minutes: Mapping[str, int],
    budgets: Mapping[str, int],
    slipping: Mapping[str, Sequence[str]],
    since: date,
    thresholds: Thresholds,
) -> list[Signal]:
    """Roles over the window (completion, focus minutes and budgets summed over its weeks;
    `slipping`: the names of each role's slipping processes)."""
    signals = []
    for role_id, name in role_names.items():
        seen = []
        done, due = completion.get(role_id, (0, 0))
        if due and done / due < thresholds.role_done_below:
            seen.append(f"{done} of {due} due runs done ({_pct(done / due)})")
        budget, spent = budgets.get(role_id, 0), minutes.get(role_id, 0)
        if budget and spent / budget > thresholds.role_focus_over:
            seen.append(
                f"{spent} min of focus against a budget of {budget} ({_pct(spent / budget)})"
            )
        held = slipping.get(role_id, ())
        if len(held) >= thresholds.role_slipping:
            noun = "process" if len(held) == 1 else "processes"
            seen.append(f"{len(held)} slipping {noun}: " + ", ".join(held))
        if seen:
            signals.append(
                Signal(
                    SignalKind.ROLE_UNDER_WATER,
                    name,
                    since,
                    f"over {thresholds.role_weeks} weeks: " + "; ".join(seen),
                    "look at its processes and hand some over: export each one's SOP, "
                    "the document to give whoever takes it on",
                    role_id,
                )
            )
    return signals


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"
