"""The time log as CSV, parsed back with csv.DictReader."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import ValidationError
from cockpit.domain.focus import FocusKind
from cockpit.services import actions
from cockpit.services.context import Cockpit
from cockpit.services.focus import pause_focus, resume_focus, start_focus, stop_focus
from cockpit.services.timelog import (
    FOCUS_COLUMNS,
    OCCURRENCE_COLUMNS,
    export_csv,
    focus_csv,
    occurrences_csv,
)
from tests.unit.exports.conftest import MONDAY, TZ, open_run

HEADER = (
    "Description,Project,Tags,Start date,Start time,End date,End time,Duration,"
    "Role,Process,Step,Minutes"
)


def rows(text: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == columns
    return list(reader)


def seconds(duration: str) -> int:
    hours, minutes, secs = (int(part) for part in duration.split(":"))
    return hours * 3600 + minutes * 60 + secs


def test_the_focus_header_is_in_toggls_order(sample: Cockpit) -> None:
    text = focus_csv(sample)
    assert text.split("\r\n")[0] == HEADER
    assert ",".join(FOCUS_COLUMNS) == HEADER
    assert rows(text, FOCUS_COLUMNS) == []


def test_a_session_on_a_step_in_local_time(sample: Cockpit, clock: FixedClock) -> None:
    run = open_run(sample, "Weekly social posts")
    start_focus(sample, FocusKind.COUNTDOWN, ref=f"{run.no}.3", minutes=30)  # 09:00 Berlin
    assert sample.now().astimezone(UTC).hour == 8
    clock.advance(minutes=10)
    pause_focus(sample)
    clock.advance(minutes=5)
    resume_focus(sample)
    clock.advance(minutes=12, seconds=30)
    session = stop_focus(sample)
    (row,) = rows(focus_csv(sample), FOCUS_COLUMNS)
    assert row == {
        "Description": "Make the graphics",
        "Project": "Weekly social posts",
        "Tags": "Marketing",
        "Start date": "2026-11-23",
        "Start time": "09:00:00",
        "End date": "2026-11-23",
        "End time": "09:27:30",
        "Duration": "00:22:30",
        "Role": "Marketing",
        "Process": "Weekly social posts",
        "Step": "Make the graphics",
        "Minutes": str(session.minutes),
    }
    assert session.minutes == round(seconds(row["Duration"]) / 60) == 22


def test_role_blocks_late_sessions_and_what_is_left_out(sample: Cockpit, clock: FixedClock) -> None:
    start_focus(sample, FocusKind.STOPWATCH, role="Sales")
    clock.advance(minutes=45)
    stop_focus(sample)
    start_focus(sample, FocusKind.POMODORO, role="Admin")
    clock.advance(minutes=3)
    stop_focus(sample, keep=False)  # discarded: not in the log
    clock.set(datetime.combine(MONDAY, time(23, 50), clock.now().tzinfo))
    start_focus(sample, FocusKind.POMODORO, role="Delivery")  # 22:50 UTC, ends after midnight
    clock.advance(minutes=40)  # the pomodoro ran out at 00:15 local
    stop_focus(sample)
    start_focus(sample, FocusKind.STOPWATCH, role="Admin")  # still running: not in the log
    clock.advance(minutes=1)
    found = rows(focus_csv(sample), FOCUS_COLUMNS)
    assert [(r["Description"], r["Project"], r["Process"], r["Step"]) for r in found] == [
        ("Sales block", "Sales", "", ""),
        ("Delivery block", "Delivery", "", ""),
    ]
    sales, late = found
    assert (sales["Duration"], sales["Minutes"], sales["End time"]) == (
        "00:45:00",
        "45",
        "09:45:00",
    )
    assert (late["Start date"], late["Start time"]) == ("2026-11-23", "23:50:00")
    assert (late["End date"], late["End time"]) == ("2026-11-24", "00:15:00")
    assert (late["Duration"], late["Minutes"]) == ("00:25:00", "25")
    # the days are local days: the late session belongs to Monday, not to Tuesday
    assert len(rows(focus_csv(sample, since=MONDAY, until=MONDAY), FOCUS_COLUMNS)) == 2
    tuesday = MONDAY + timedelta(days=1)
    assert rows(focus_csv(sample, since=tuesday), FOCUS_COLUMNS) == []
    assert len(rows(focus_csv(sample, until=MONDAY - timedelta(days=1)), FOCUS_COLUMNS)) == 0


def test_occurrences_with_their_outcomes(sample: Cockpit, clock: FixedClock) -> None:
    social = open_run(sample, "Weekly social posts")
    actions.complete(sample, f"{social.no}.1", minutes=6)
    actions.complete(sample, f"{social.no}.2", minutes=4)
    actions.skip(sample, f"{social.no}.3", 'no time, "Canva" was down')
    actions.complete(sample, f"{social.no}")  # the rest, no minutes given
    prospecting = open_run(sample, "Prospecting")
    actions.skip(sample, str(prospecting.no), "ill")
    lead = actions.start(sample, "Qualify a new lead").after[0]
    actions.complete(sample, str(lead.no), minutes=15)
    clock.advance(days=1)
    sample.refresh()  # Monday's inbox zero is missed by Tuesday's
    found = rows(occurrences_csv(sample, since=MONDAY, until=MONDAY), OCCURRENCE_COLUMNS)
    by_process = {row["process"]: row for row in found}
    assert by_process["Weekly social posts"] == {
        "date": "2026-11-23",
        "process": "Weekly social posts",
        "role": "Marketing",
        "system": "Marketing",
        "status": "done",
        "outcome": "on time",
        "closed_on": "2026-11-23",
        "minutes": "10",
        "reason": "",
    }
    assert by_process["Prospecting"]["status"] == "skipped"
    assert by_process["Prospecting"]["outcome"] == "skipped"
    assert by_process["Prospecting"]["reason"] == "ill"
    assert by_process["Qualify a new lead"]["outcome"] == "done"  # started by hand: not judged
    assert by_process["Qualify a new lead"]["minutes"] == "15"
    assert by_process["Inbox zero"]["outcome"] == "missed"
    assert by_process["Inbox zero"]["closed_on"] == "2026-11-24"
    assert by_process["Inbox zero"]["minutes"] == ""
    assert by_process["Review pipeline"]["outcome"] == "open"
    assert {row["date"] for row in found} == {"2026-11-23"}
    everything = rows(occurrences_csv(sample), OCCURRENCE_COLUMNS)
    assert len(everything) > len(found)
    assert {row["date"] for row in everything} == {"2026-11-23", "2026-11-24", "2026-11-25"}


def test_quoting_survives_a_round_trip(sample: Cockpit) -> None:
    run = open_run(sample, "Inbox zero")
    actions.skip(sample, str(run.no), 'travel, "client" visit; back\nTuesday')
    text = occurrences_csv(sample)
    (row,) = [r for r in rows(text, OCCURRENCE_COLUMNS) if r["process"] == "Inbox zero"]
    assert row["reason"] == 'travel, "client" visit; back Tuesday'  # a reason is one line
    assert '"travel, ""client"" visit; back Tuesday"' in text


def test_export_to_a_file_and_bad_requests(sample: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "runs.csv"
    count = export_csv(sample, path, "occurrences")
    assert count == len(rows(path.read_text(encoding="utf-8"), OCCURRENCE_COLUMNS)) == 9
    assert export_csv(sample, tmp_path / "focus.csv", "focus") == 0
    with pytest.raises(ValidationError, match="focus, occurrences or tasks"):
        export_csv(sample, path, "hours")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="before"):
        export_csv(sample, path, "focus", since=date(2026, 12, 1), until=date(2026, 11, 1))


def test_the_owners_time_zone_decides_the_times(sample: Cockpit, clock: FixedClock) -> None:
    start_focus(sample, FocusKind.STOPWATCH, role="Sales")
    clock.advance(minutes=30)
    stop_focus(sample)
    berlin = rows(focus_csv(sample), FOCUS_COLUMNS)[0]
    assert (berlin["Start time"], berlin["End time"]) == ("09:00:00", "09:30:00")
    assert TZ == "Europe/Berlin"
    sample.settings = replace(sample.settings, timezone="America/New_York")
    york = rows(focus_csv(sample), FOCUS_COLUMNS)[0]
    assert (york["Start date"], york["Start time"]) == ("2026-11-23", "03:00:00")
    assert york["Duration"] == berlin["Duration"] == "00:30:00"


def test_text_a_spreadsheet_would_run_gets_a_quote(sample: Cockpit) -> None:
    reasons = {
        "Inbox zero": '=HYPERLINK("http://x")',
        "Prospecting": "+1 call",
        "Review pipeline": "-nothing new",
        "Weekly social posts": "@channel",
    }
    for name, reason in reasons.items():
        actions.skip(sample, str(open_run(sample, name).no), reason)
    found = {r["process"]: r for r in rows(occurrences_csv(sample), OCCURRENCE_COLUMNS)}
    for name, reason in reasons.items():
        assert found[name]["reason"] == "'" + reason
    assert found["Plan the delivery day"]["reason"] == ""


def test_numbers_stay_numbers(sample: Cockpit) -> None:
    run = open_run(sample, "Inbox zero")
    actions.skip(sample, str(run.no), "-12.5")
    actions.complete(sample, f"{open_run(sample, 'Prospecting').no}.1", minutes=15)
    text = occurrences_csv(sample)
    found = {r["process"]: r for r in rows(text, OCCURRENCE_COLUMNS)}
    assert found["Inbox zero"]["reason"] == "-12.5"  # a negative number, not a formula
    assert found["Prospecting"]["minutes"] == "15"
