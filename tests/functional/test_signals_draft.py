"""The draft process a to-do that needs a system suggests, by hand: its title, its role, and
a schedule guessed from how often it was captured (pure domain, no app)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cockpit.domain.schedule import parse_schedule
from cockpit.domain.signals import (
    ProcessDraft,
    SignalKind,
    Thresholds,
    needs_a_system,
    schedule_guess,
)
from cockpit.domain.tasks import Task

TODAY = date(2026, 12, 5)


def task(no: int, title: str, day: date, role: str | None = "admin", **kw: object) -> Task:
    at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return Task(no, title, at, role_id=role, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("gaps", "guess"),
    [
        ([], "weekly"),  # one capture: weekly
        ([1, 1, 2], "daily"),
        ([7, 7], "weekly"),
        ([6, 8, 7], "weekly"),  # median 7
        ([10], "weekly"),
        ([14, 14], "every 2 weeks"),
        ([11, 17], "every 2 weeks"),  # median 14
        ([20, 21], "every 20 days"),  # median 20.5 rounds to 20
    ],
)
def test_the_schedule_is_guessed_from_the_median_gap(gaps: list[int], guess: str) -> None:
    days = [TODAY]
    for gap in gaps:
        days.append(days[-1] + timedelta(days=gap))
    assert schedule_guess(days) == guess
    assert parse_schedule(guess).text == guess  # the process form reads it as it is


def test_captured_weekly_drafts_a_weekly_process_with_the_latest_title_and_role() -> None:
    tasks = [
        task(1, "Chase late invoices", TODAY - timedelta(days=14), role=None),
        task(2, "chase the late invoice", TODAY - timedelta(days=7), role="finance"),
        task(3, "Chase late invoices!", TODAY, role=None),
    ]
    [signal] = needs_a_system(tasks, TODAY, Thresholds())
    assert signal.kind is SignalKind.NEEDS_A_SYSTEM
    # the latest title, the latest role given, weekly as it was captured
    assert signal.draft == ProcessDraft("Chase late invoices!", "finance", "weekly")
    assert "weekly" in signal.suggestion


def test_captured_daily_drafts_a_daily_process() -> None:
    tasks = [task(n + 1, "Answer support mail", TODAY - timedelta(days=n)) for n in range(3)]
    [signal] = needs_a_system(tasks, TODAY, Thresholds())
    assert signal.draft == ProcessDraft("Answer support mail", "admin", "daily")


def test_a_task_carried_for_weeks_drafts_a_weekly_process_in_its_role() -> None:
    first = TODAY - timedelta(weeks=3)
    carried = task(
        4, "Call the accountant about VAT", first, role="admin", due=first, first_due=first
    )
    [signal] = needs_a_system([carried], TODAY, Thresholds())
    assert signal.draft == ProcessDraft("Call the accountant about VAT", "admin", "weekly")


def test_only_needs_a_system_carries_a_draft() -> None:
    tasks = [
        task(n + 1, "Answer support mail", TODAY - timedelta(days=n), role=None) for n in range(3)
    ]
    [signal] = needs_a_system(tasks, TODAY, Thresholds())
    assert signal.draft is not None and signal.draft.role_id is None  # no role: the form asks
