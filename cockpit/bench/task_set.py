"""The bench's tasks: what a year of one-off to-dos leaves in a busy owner's file.

Mixed as they pile up: about a third done (some with minutes), a few skipped, a fifth in the
inbox (some for months), the rest dated around today, some carried over for weeks. A few
titles come back again and again ("Chase the late invoice"): the to-dos that need a system.
The same seed gives the same tasks, ULIDs included.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from cockpit.domain.tasks import Task, TaskStatus
from cockpit.store.identity import derived_uid
from cockpit.store.task_codec import task_doc

# (title, role, system) that keep coming back: the needs-a-system signal's material
REPEATED = (
    ("Chase the late invoice", "admin", "finance"),
    ("Call the accountant about VAT", "admin", "finance"),
    ("Renew the domain", "admin", "operations"),
    ("Send the proposal follow-up", "sales", "leads"),
    ("Fix the contact form", "delivery", "delivery"),
    ("Reply to the podcast invite", "marketing", "marketing"),
    ("Update the price list", "sales", None),
    ("Order printer ink", None, None),
)
VERBS = ("Call", "Email", "Draft", "Check", "Book", "Review", "Order", "Pay", "Ask", "Plan")
THINGS = ("the landlord", "Sam about the logo", "the bank's new terms", "the train to Leeds",
          "a quote for the van", "the insurance renewal", "Priya's contract", "the dentist",
          "the conference ticket", "new headphones", "the survey results", "the 1:1 notes",
          "the broken link report", "the tax code letter", "a photographer")  # fmt: skip
ROLE_IDS = ("sales", "delivery", "admin", "marketing", None)
SYSTEM_IDS = ("leads", "delivery", "finance", "marketing", "operations", None)


def _title(rng: random.Random, number: int) -> tuple[str, str | None, str | None]:
    if rng.random() < 0.12:
        return rng.choice(REPEATED)
    title = f"{rng.choice(VERBS)} {rng.choice(THINGS)}"
    if rng.random() < 0.7:  # most one-off titles are one of a kind
        title = f"{title} ({number})"
    return (title, rng.choice(ROLE_IDS), rng.choice(SYSTEM_IDS))


def make_tasks(count: int, today: date, seed: int = 7) -> list[Task]:
    """`count` tasks created over the year before `today`, numbered 1.."""
    rng = random.Random(f"{seed}|tasks")
    tasks = []
    for number in range(1, count + 1):
        title, role, system = _title(rng, number)
        created_day = today - timedelta(days=rng.randint(0, 365))
        created = datetime.combine(created_day, time(8), UTC) + timedelta(
            minutes=rng.randint(0, 600)
        )
        kind = rng.random()
        due: date | None = None
        first_due: date | None = None
        status, closed, minutes, reason = TaskStatus.OPEN, None, None, ""
        if kind < 0.35:  # done, on or after its day
            first_due = due = created_day + timedelta(days=rng.randint(0, 10))
            if due > today:
                first_due = due = today
            status = TaskStatus.DONE
            closed = datetime.combine(due, time(15), UTC)
            minutes = rng.choice((None, 5, 15, 30, 45, 90))
        elif kind < 0.40:  # skipped
            first_due = due = min(today, created_day + timedelta(days=rng.randint(0, 5)))
            status, reason = TaskStatus.SKIPPED, "no longer needed"
            closed = datetime.combine(due, time(16), UTC)
        elif kind < 0.60:  # in the inbox, without a day
            pass
        else:  # dated around today; some carried over from weeks before
            due = today + timedelta(days=rng.randint(-20, 14))
            first_due = due - timedelta(days=rng.choice((0, 0, 0, 7, 21, 35)))
            created = min(created, datetime.combine(first_due, time(7), UTC))
        tasks.append(
            Task(
                id=number,
                title=title,
                created_at=created,
                role_id=role,
                system_id=system,
                due=due,
                estimate=rng.choice((None, 10, 15, 30, 60)),
                status=status,
                closed_at=closed,
                minutes=minutes if status is TaskStatus.DONE else None,
                reason=reason,
                first_due=first_due,
                uid=derived_uid(created, seed, "task", number),
            )
        )
    return tasks


def task_table(count: int, today: date, seed: int = 7) -> dict[str, dict[str, Any]]:
    """The `tasks` table of the data file: documents by number."""
    return {str(task.id): task_doc(task) for task in make_tasks(count, today, seed)}
