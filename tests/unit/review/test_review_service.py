"""The weekly review's service (`cockpit.services.review`) and the `cockpit review` command,
on the demo business and on a small business built by hand (see conftest.SMALL_LOG)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from statistics import median
from typing import Any

import orjson
import pytest

from cockpit.domain.errors import NotFoundError, ValidationError
from cockpit.domain.occurrence import OccurrenceStatus, StepStatus
from cockpit.domain.review import parse_week, week_days
from cockpit.services.context import Cockpit
from cockpit.services.review import (
    accept_estimate,
    current_week,
    record_kpi,
    save_notes,
    shift_week,
    week_review,
)
from tests.ui_support import WEEK, app_settings, fixed_clock, open_cockpit


def by_name(table: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {names.get(key, key): value for key, value in table.items()}


# -- the demo -------------------------------------------------------------------------------


def test_the_demo_week_has_its_figures(demo: Cockpit) -> None:
    report = week_review(demo)
    f = report.figures
    assert (f.week, f.start, f.end) == (WEEK, date(2026, 11, 16), date(2026, 11, 22))
    roles, systems, names = report.role_names, report.system_names, report.process_names
    assert by_name(f.completion_by_role, roles) == {
        "Delivery": (8, 10),
        "Admin": (5, 9),
        "Marketing": (1, 2),
        "Sales": (3, 3),
    }
    assert by_name(f.completion_by_system, systems) == {
        "Fulfillment": (8, 10),
        "Administration": (3, 5),
        "Financial management": (2, 4),
        "Marketing": (1, 2),
        "Sales": (3, 3),
    }
    assert by_name(f.minutes_by_role, roles) == {
        "Sales": 122,
        "Delivery": 39,
        "Admin": 30,
        "Marketing": 89,
    }
    assert by_name(f.budget_by_role, roles) == {
        "Sales": 450,
        "Delivery": 900,
        "Admin": 300,
        "Marketing": 180,
    }
    assert [(s.name, s.date, s.outcome.value, s.reason) for s in f.slipped] == [
        ("Weekly social posts", date(2026, 11, 16), "open", ""),  # due Monday, still open
        ("Inbox zero", date(2026, 11, 18), "missed", ""),
        ("Plan the delivery day", date(2026, 11, 18), "skipped", "waiting on the client"),
    ]
    assert [names[p] for p in f.routines_gained] == ["Prospecting"]
    assert f.routines_lost == ()
    assert [names[p] for p in f.slipping] == ["Update bookkeeping"]
    assert report.review.notes == "" and report.review.reviewed_at is None
    assert len(report.kpis) == 14 and all(k.value is None for k in report.kpis)


def test_a_suggested_estimate_is_the_median_of_the_last_five_actuals(demo: Cockpit) -> None:
    f = week_review(demo).figures
    blog = next(
        e for e in f.step_estimates if (e.process_id, e.step_id) == ("manage-the-blog", "s1")
    )
    assert (blog.title, blog.estimate_minutes, blog.suggested_estimate) == (
        "Pick the topic and outline",
        10,
        13,
    )
    five = 0
    for estimate in f.step_estimates:
        runs = demo.store.occurrences(process_id=estimate.process_id, until=f.end)
        actuals = [
            state.minutes
            for run in reversed(runs)
            if run.status is OccurrenceStatus.DONE
            for state in run.steps
            if state.step_id == estimate.step_id
            and state.status is StepStatus.DONE
            and state.minutes is not None
        ][:5]
        five += len(actuals) == 5
        assert estimate.last_five_median == median(actuals), estimate
        assert estimate.suggested_estimate == int(median(actuals) + 0.5), estimate
    assert five >= 10  # most steps have five actuals or more by now


def test_the_previous_week_of_the_demo_is_over(demo: Cockpit) -> None:
    f = week_review(demo, shift_week(WEEK, -1)).figures
    assert (f.week, f.start, f.end) == ("2026-W46", date(2026, 11, 9), date(2026, 11, 15))
    done, due = f.completion_by_role["admin"]
    assert 0 < done <= due


# -- a small business ----------------------------------------------------------------------


def test_completion_and_time_of_a_small_business(small: Cockpit) -> None:
    f = week_review(small).figures
    assert f.week == WEEK
    # Daily log: Mon, Tue, Wed done, Thu missed, Fri (today) open; Call leads done on Monday
    assert f.completion_by_role == {"admin": (3, 5), "sales": (1, 1)}
    assert f.completion_by_system == {"finance": (3, 5)}
    assert [(s.date, s.outcome.value) for s in f.slipped] == [(date(2026, 11, 19), "missed")]
    # logged sessions only; the Sunday before belongs to the week before
    assert f.minutes_by_role == {"admin": 45, "sales": 50}
    # Admin has no time blocks (5 working days), Sales one block day
    assert f.budget_by_role == {"admin": 300, "sales": 30}


def test_the_week_before_of_a_small_business(small: Cockpit) -> None:
    f = week_review(small, "2026-W46").figures
    assert f.completion_by_role == {"admin": (3, 4), "sales": (1, 1)}  # the skipped run is not due
    assert [(s.date, s.outcome.value, s.reason) for s in f.slipped] == [
        (date(2026, 11, 10), "skipped", "sick day"),
        (date(2026, 11, 11), "missed", ""),
    ]
    assert f.minutes_by_role == {"admin": 0, "sales": 30}
    log = next(e for e in f.step_estimates if e.process_id == "daily-log")
    # week: 20, 30, 40; last five: 40, 30, 20, 18, 16
    assert (log.actual_median, log.count, log.suggested_estimate) == (30.0, 3, 20)


def test_the_suggested_estimate_of_a_small_business(small: Cockpit) -> None:
    f = week_review(small).figures
    log = next(e for e in f.step_estimates if e.process_id == "daily-log")
    # this week 9, 11, 13; the last five 13, 11, 9, 40, 30
    assert (log.title, log.estimate_minutes) == ("Write the log", 10)
    assert (log.actual_median, log.count, log.last_five_median) == (11.0, 3, 13.0)
    assert log.suggested_estimate == 13
    calls = next(e for e in f.step_estimates if e.process_id == "call-leads")
    assert (calls.actual_median, calls.suggested_estimate) == (30.0, 30)  # 30, 35, 25


def test_a_week_starting_on_sunday_shifts_the_range(small: Cockpit) -> None:
    sunday = Cockpit(small.store, small.clock, app_settings(first_day_of_week=6))
    assert current_week(sunday) == WEEK
    f = week_review(sunday).figures
    assert (f.start, f.end) == (date(2026, 11, 15), date(2026, 11, 21))
    assert f.minutes_by_role == {"admin": 45, "sales": 80}  # Sunday's 30 minutes count now
    on_sunday = Cockpit(small.store, fixed_clock(date(2026, 11, 22)), sunday.settings)
    assert current_week(on_sunday) == "2026-W48"  # Sunday 22 opens the next week
    assert week_days("2026-W48", 6) == (date(2026, 11, 22), date(2026, 11, 28))
    monday = Cockpit(small.store, fixed_clock(date(2026, 11, 22)), app_settings())
    assert current_week(monday) == WEEK


def test_accepting_an_estimate_makes_a_new_version(small: Cockpit) -> None:
    before = next(p for p in small.store.processes() if p.id == "daily-log")
    edited = accept_estimate(small, "daily-log", "s1", 13)
    assert edited.version == before.version + 1
    stored = next(p for p in small.store.processes() if p.id == "daily-log")
    assert stored.step("s1").estimate_minutes == 13 and stored.version == edited.version
    assert any(
        p.id == "daily-log" and p.version == before.version for p in small.store.process_history()
    )
    log = next(e for e in week_review(small).figures.step_estimates if e.process_id == "daily-log")
    assert log.estimate_minutes == 13
    with pytest.raises(NotFoundError):
        accept_estimate(small, "daily-log", "s9", 5)
    with pytest.raises(NotFoundError):
        accept_estimate(small, "no-such-process", "s1", 5)


def test_a_kpi_value_is_recorded_and_builds_a_history(small: Cockpit) -> None:
    for week, value in (("2026-W45", "800"), ("2026-W46", "1,250.5"), (WEEK, " 990 ")):
        record_kpi(small, week, "finance", "Revenue", value)
    (kpi,) = week_review(small).kpis
    assert (kpi.system_name, kpi.name, kpi.unit, kpi.target) == ("Finance", "Revenue", "USD", 1000)
    assert kpi.value == 990.0
    assert kpi.history == (("2026-W45", 800.0), ("2026-W46", 1250.5), (WEEK, 990.0))
    (earlier,) = week_review(small, "2026-W46").kpis
    assert earlier.value == 1250.5 and len(earlier.history) == 2
    record_kpi(small, WEEK, "finance", "Revenue", "")  # empty clears the week's value
    (cleared,) = week_review(small).kpis
    assert cleared.value is None and len(cleared.history) == 2


def test_a_kpi_value_that_is_not_a_number_is_refused(small: Cockpit) -> None:
    record_kpi(small, WEEK, "finance", "Revenue", "990")
    with pytest.raises(ValidationError, match="not a number"):
        record_kpi(small, WEEK, "finance", "Revenue", "lots")
    with pytest.raises(NotFoundError):
        record_kpi(small, WEEK, "finance", "Profit", "5")
    with pytest.raises(ValidationError):
        record_kpi(small, "2026-W60", "finance", "Revenue", "5")
    review = small.store.review(WEEK)
    assert review is not None and review.kpis == {"finance": {"Revenue": 990.0}}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e400", "not a number"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("1,5", "1.5, or 1,500"),
        ("99999999999999999", "between -1e15 and 1e15"),
    ],
)
def test_a_kpi_value_json_cannot_hold_is_refused_and_the_file_still_opens(
    small: Cockpit, typed: str, message: str
) -> None:
    """1e400 and nan were saved as null: every later opening of the file failed."""
    record_kpi(small, WEEK, "finance", "Revenue", "990")
    with pytest.raises(ValidationError, match=message):
        record_kpi(small, WEEK, "finance", "Revenue", typed)
    path = small.store.path
    small.close()
    with open_cockpit(path) as again:
        review = again.store.review(WEEK)
        assert review is not None and review.kpis == {"finance": {"Revenue": 990.0}}


def test_notes_are_saved_and_the_week_marked_reviewed(small: Cockpit, tmp_path: Path) -> None:
    review = save_notes(small, WEEK, "  Invoices fell through the cracks.\n")
    assert (review.notes, review.reviewed_at) == ("Invoices fell through the cracks.", None)
    record_kpi(small, WEEK, "finance", "Revenue", "990")
    small.clock = fixed_clock(date(2026, 11, 21))
    review = save_notes(small, WEEK, "Move invoicing to Monday.", reviewed=True)
    assert review.reviewed_at == small.now()
    path = small.store.path
    small.close()
    with open_cockpit(path) as again:
        stored = week_review(again).review
        assert stored.notes == "Move invoicing to Monday."
        assert stored.reviewed_at is not None
        assert stored.reviewed_at.date() == date(2026, 11, 21)
        assert stored.kpis == {"finance": {"Revenue": 990.0}}  # the notes keep the KPI values
        assert week_review(again, "2026-W46").review.notes == ""


def test_a_week_not_begun_takes_notes_but_is_not_marked_reviewed(small: Cockpit) -> None:
    later = parse_week(WEEK)
    year, week = int(later[:4]), int(later[6:]) + 1
    next_week = f"{year}-W{week:02d}"
    start, _ = week_days(next_week)
    small.clock = fixed_clock(start - timedelta(days=1))
    with pytest.raises(ValidationError, match=f"{next_week} has not begun") as refused:
        save_notes(small, next_week, "Plan: call the bank.", reviewed=True)
    assert refused.value.field == "week"
    assert small.store.review(next_week) is None  # nothing saved
    assert save_notes(small, next_week, "Plan: call the bank.").reviewed_at is None
    small.clock = fixed_clock(start)
    assert save_notes(small, next_week, "Done.", reviewed=True).reviewed_at == small.now()


def test_weeks_shift_across_the_year() -> None:
    assert shift_week(WEEK, -1) == "2026-W46"
    assert shift_week(WEEK, 1) == "2026-W48"
    # 2026 starts on a Thursday: it has 53 ISO weeks (Mon 28 Dec 2026 - Sun 3 Jan 2027)
    assert shift_week("2026-W52", 1) == "2026-W53"
    assert shift_week("2026-W53", 1) == "2027-W01"
    assert shift_week("2027-W01", -1) == "2026-W53"
    assert week_days("2026-W53") == (date(2026, 12, 28), date(2027, 1, 3))
    with pytest.raises(ValidationError, match="no week 53"):
        parse_week("2027-W53")
    assert shift_week("2020-W53", 1) == "2021-W01"  # 2020 has 53
    assert shift_week("2021-W01", -1) == "2020-W53"
    assert shift_week("2020-W52", 1) == "2020-W53"
    assert shift_week("2020-W53", -53) == "2019-W52"
    start, end = week_days("2020-W53")
    assert (start, end) == (date(2020, 12, 28), date(2021, 1, 3))
    assert week_days("2021-W01")[0] == end + timedelta(days=1)


# -- the command line ----------------------------------------------------------------------

MD_HEADINGS = [
    "# Weekly review 2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)",
    "## Done against due",
    "## Time per role (focus sessions against budget)",
    "## Estimate against actual",
    "## What slipped or was skipped",
    "## Routines",
    "## KPIs",
    "## Notes",
]
JSON_KEYS = {
    "week",
    "start",
    "end",
    "reviewed_at",
    "notes",
    "completion_by_role",
    "completion_by_system",
    "time_by_role",
    "tasks_done",
    "tasks_slipped",
    "estimates",
    "slipped",
    "routines_gained",
    "routines_lost",
    "slipping",
    "kpis",
}


def cockpit(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("COCKPIT_")}
    env.update(
        COCKPIT_CONFIG=str(path.parent / "no-config.toml"),
        TZ="UTC",
        HOME=str(path.parent),
        XDG_CONFIG_HOME=str(path.parent / "config"),
        XDG_DATA_HOME=str(path.parent / "share"),
        COLUMNS="120",
    )
    return subprocess.run(
        [sys.executable, "-m", "cockpit", "--data", str(path), "--date", "2026-11-20", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_the_markdown_report_has_its_sections(data_path: Path) -> None:
    with open_cockpit(data_path) as ctx:
        save_notes(ctx, WEEK, "Bookkeeping keeps slipping.", reviewed=True)
    result = cockpit(data_path, "review", "--format", "md")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for heading in MD_HEADINGS:
        assert heading in lines
    assert "| Sales | 3 | 3 | 100 % |" in lines
    assert "- Sales: 122 of 450 min" in lines
    assert "| Manage the blog › Pick the topic and outline | 10 | 16 | 13 |" in lines
    assert "- Wed 18 Nov Plan the delivery day: skipped (waiting on the client)" in lines
    assert "- slipping: Update bookkeeping" in lines
    assert "Bookkeeping keeps slipping." in lines
    assert "Reviewed 2026-11-20 10:00." in lines


def test_the_json_report_has_every_figure(data_path: Path) -> None:
    result = cockpit(data_path, "review", "--week", "2026-W47", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = orjson.loads(result.stdout)
    assert set(data) == JSON_KEYS
    assert (data["week"], data["start"], data["end"]) == (WEEK, "2026-11-16", "2026-11-22")
    assert data["completion_by_role"]["Delivery"] == {"done": 8, "due": 10}
    assert data["time_by_role"]["Sales"] == {"minutes": 122, "budget": 450}
    blog = next(
        e for e in data["estimates"] if e["step"] == "Pick the topic and outline"
    )  # fmt: skip
    assert (blog["estimate_minutes"], blog["suggested_estimate"]) == (10, 13)
    assert data["slipping"] == ["Update bookkeeping"]
    assert len(data["kpis"]) == 14
    older = orjson.loads(
        cockpit(data_path, "review", "--week", "2026-w46", "--format", "json").stdout
    )
    assert older["week"] == "2026-W46"


def test_the_text_report_prints(data_path: Path) -> None:
    result = cockpit(data_path, "review")
    assert result.returncode == 0, result.stderr
    assert "Weekly review 2026-W47" in result.stdout


@pytest.mark.parametrize("week", ["2026-W60", "2027-W53", "last week", "1999-W01", "2101-W01"])
def test_a_bad_week_is_one_error_line(data_path: Path, week: str) -> None:
    result = cockpit(data_path, "review", "--week", week)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cockpit: error: "), result.stderr
    assert result.stdout == ""
    if week[:4] in ("1999", "2101"):  # the calendar Cockpit works in, as --date's
        assert "outside the years 2000 to 2100" in lines[0], lines[0]
