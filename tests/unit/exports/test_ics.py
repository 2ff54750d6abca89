"""The iCalendar export, parsed back with the icalendar library."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from cockpit.clock import FixedClock
from cockpit.domain.errors import ValidationError
from cockpit.services import actions
from cockpit.services.calendar_export import (
    CALENDAR_NAME,
    PRODID,
    calendar_steps,
    export_ics,
    ics_calendar,
)
from cockpit.services.context import Cockpit
from tests.unit.exports.conftest import MONDAY, open_run, process_named


def events(ctx: Cockpit, days: int = 30) -> dict[str, Any]:
    """The events of an export by UID (each UID once)."""
    calendar = Calendar.from_ical(ics_calendar(ctx, days))
    found = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in found]
    assert len(uids) == len(set(uids)), [u for u, n in Counter(uids).items() if n > 1]
    return dict(zip(uids, found, strict=True))


def start_of(event: Any) -> date:
    value = event.decoded("DTSTART")
    assert type(value) is date, "an all-day event"
    assert event.decoded("DTEND") == value + timedelta(days=1)
    return value


def days_of(found: dict[str, Any], process_id: str, step_id: str) -> list[date]:
    return sorted(
        start_of(event)
        for uid, event in found.items()
        if uid.startswith(f"{process_id}-") and uid.endswith(f"-{step_id}@cockpit")
    )


def test_the_calendar_parses_back_with_its_headers(sample: Cockpit) -> None:
    calendar = Calendar.from_ical(ics_calendar(sample))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["X-WR-CALNAME"]) == CALENDAR_NAME
    found = events(sample)
    assert len(found) == len(calendar_steps(sample)) > 300
    last = MONDAY + timedelta(days=29)
    assert all(MONDAY <= start_of(event) <= last for event in found.values())
    assert all(uid.endswith("@cockpit") for uid in found)


def test_uids_are_stable_across_exports_and_hours(sample: Cockpit, tmp_path: Path) -> None:
    first = events(sample)
    again = events(sample)
    assert first.keys() == again.keys()
    sample.clock.advance(hours=8)  # type: ignore[attr-defined]
    assert events(sample).keys() == first.keys()
    path = tmp_path / "due.ics"
    assert export_ics(sample, path) == len(first)
    parsed = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert {str(event["UID"]) for event in parsed} == first.keys()


def test_a_daily_and_a_weekly_process_fall_on_their_dates(sample: Cockpit) -> None:
    found = events(sample)
    every_day = [MONDAY + timedelta(days=n) for n in range(30)]
    inbox = process_named(sample, "Inbox zero")
    for step in inbox.steps:
        assert days_of(found, "inbox-zero", step.id) == every_day
    fridays = [date(2026, 11, 27), date(2026, 12, 4), date(2026, 12, 11), date(2026, 12, 18)]
    assert days_of(found, "update-bookkeeping", "s1") == fridays
    event = found["update-bookkeeping-20261204-s1@cockpit"]
    assert str(event["SUMMARY"]) == "Update bookkeeping › Categorise the bank feed"
    assert event["CATEGORIES"].cats == ["Admin"]
    description = str(event["DESCRIPTION"])
    assert description.startswith("1. QuickBooks > **Banking > For review**")
    assert "Tool: QuickBooks · Estimate: 15 min" in description
    assert "step 1 of 4 of the run of Fri 2026-12-04" in description


def test_steps_with_offsets_fall_before_and_after_the_run(sample: Cockpit) -> None:
    found = events(sample)
    # the newsletter: monthly on the 2nd Tuesday, 2026-12-08; steps at -4, -1, 0, 0, +3
    expected = {"s1": 4, "s2": 7, "s3": 8, "s4": 8, "s5": 11}
    for step_id, day in expected.items():
        event = found[f"monthly-newsletter-20261208-{step_id}@cockpit"]
        assert start_of(event) == date(2026, 12, day)
    # the blog, every 2 weeks on Wednesday from the week of Monday 11-23: 11-25, 12-09, 12-23
    # (whose first steps, at -2 and -1, fall inside the 30 days that end on 12-22)
    blog = {step: days_of(found, "manage-the-blog", step) for step in ("s1", "s2", "s4")}
    assert blog["s1"] == [date(2026, 11, 23), date(2026, 12, 7), date(2026, 12, 21)]
    assert blog["s2"] == [date(2026, 11, 24), date(2026, 12, 8), date(2026, 12, 22)]
    assert blog["s4"] == [date(2026, 11, 25), date(2026, 12, 9)]


def test_a_short_window_and_a_bad_one(sample: Cockpit) -> None:
    found = events(sample, days=1)
    assert {start_of(event) for event in found.values()} == {MONDAY}
    assert "manage-the-blog-20261125-s1@cockpit" in found  # two days before its run
    assert "manage-the-blog-20261125-s2@cockpit" not in found
    for days in (0, -3, 367):
        with pytest.raises(ValidationError, match="days goes from 1 to 366"):
            ics_calendar(sample, days)


def test_overdue_steps_are_on_today_with_the_same_uid(sample: Cockpit, clock: FixedClock) -> None:
    monday = events(sample, days=3)
    run = open_run(sample, "Weekly social posts")  # weekly on Monday: not missed before 11-30
    actions.complete(sample, f"{run.no}.1")
    clock.advance(days=2)  # Wednesday, and nothing refreshed: the export works it out
    wednesday = events(sample, days=3)
    assert "weekly-social-posts-20261123-s1@cockpit" not in wednesday  # done
    for step in ("s2", "s3", "s4", "s5"):
        uid = f"weekly-social-posts-20261123-{step}@cockpit"
        assert start_of(monday[uid]) == MONDAY
        event = wednesday[uid]
        assert start_of(event) == date(2026, 11, 25)
        assert str(event["SUMMARY"]).endswith(" (overdue since Mon 2026-11-23)")
        assert "Overdue since Mon 2026-11-23." in str(event["DESCRIPTION"])
    # Monday's inbox zero run is missed by Tuesday's, so it is not on the list any more
    assert not [uid for uid in wednesday if uid.startswith("inbox-zero-20261123-")]
    assert days_of(wednesday, "inbox-zero", "s1") == [date(2026, 11, 25), date(2026, 11, 26),
                                                      date(2026, 11, 27)]  # fmt: skip


def test_the_export_saves_nothing(sample: Cockpit, clock: FixedClock) -> None:
    clock.advance(days=9)
    before = sample.store.snapshot()
    events(sample)
    assert sample.store.snapshot() == before


def test_on_demand_processes_show_only_with_an_open_run(sample: Cockpit) -> None:
    assert not [uid for uid in events(sample) if uid.startswith("qualify-a-new-lead-")]
    first = actions.start(sample, "Qualify a new lead").after[0]
    second = actions.start(sample, "Qualify a new lead").after[0]
    found = events(sample)
    steps = len(process_named(sample, "Qualify a new lead").steps)
    mine = sorted(uid for uid in found if uid.startswith("qualify-a-new-lead-"))
    assert len(mine) == 2 * steps
    assert "qualify-a-new-lead-20261123-s1@cockpit" in mine
    assert f"qualify-a-new-lead-20261123-r{second.no}-s1@cockpit" in mine
    assert str(found["qualify-a-new-lead-20261123-s1@cockpit"]["DESCRIPTION"]).endswith(
        f"cockpit done {first.no}.1"
    )


def test_after_done_processes_show_their_next_run(sample: Cockpit) -> None:
    run = open_run(sample, "Review pipeline")  # 3 days after done, first run today
    found = events(sample)
    assert days_of(found, "review-pipeline", "s1") == [MONDAY]
    for position in range(1, len(run.steps) + 1):
        actions.complete(sample, f"{run.no}.{position}")
    assert days_of(events(sample), "review-pipeline", "s1") == [date(2026, 11, 26)]


def test_text_survives_escaping(sample: Cockpit) -> None:
    found = events(sample)
    event = found["receive-payments-20261123-s2@cockpit"]
    process = process_named(sample, "Receive payments")
    assert str(event["DESCRIPTION"]).startswith(process.steps[1].instructions)
    assert "," in process.steps[1].instructions and '"' in process.steps[1].instructions


def test_names_and_instructions_are_text(demo_file: Path, tmp_path: Path) -> None:
    from tests.functional.hostile_data import MARKUP, hostile_copy
    from tests.ui_support import open_cockpit

    path = hostile_copy(demo_file, tmp_path / "hostile.json")
    with open_cockpit(path, read_only=True) as ctx:
        data = ics_calendar(ctx)

    (event, *_) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]).count(MARKUP) == 2  # the process and the step
    assert str(event["DESCRIPTION"]).count(MARKUP) >= 2  # the instructions, the role
    assert "\n\n[/] [bold]" in str(event["DESCRIPTION"])  # line breaks kept
