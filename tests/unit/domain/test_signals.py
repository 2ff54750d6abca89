"""The signals, by hand: a to-do that needs a system, a slipping process, a role under water."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cockpit.domain.signals import (
    SignalKind,
    Thresholds,
    needs_a_system,
    role_under_water,
    same_title,
    slipping_processes,
    title_overlap,
)

TODAY = date(2026, 12, 5)


@dataclass(frozen=True)
class Todo:
    """A task as the signals see one: built by hand until the store holds tasks."""

    title: str
    created_at: datetime
    first_due: date | None = None
    is_open: bool = True
    role_id: str | None = None


def captured(title: str, day: date, **kwargs: object) -> Todo:
    return Todo(title, datetime(day.year, day.month, day.day, 9, tzinfo=UTC), **kwargs)  # type: ignore[arg-type]


def test_near_same_titles_match() -> None:
    assert same_title("Call the accountant about VAT", "call accountant re VAT", 0.6)
    assert same_title("Chase late invoices", "chase the late invoice", 0.6)
    assert title_overlap("Update the bookkeeping", "update bookkeeping!") == 1.0


def test_titles_that_share_words_but_not_the_work_do_not_match() -> None:
    # {email, invoice, acme} against {email, invoice, globex}: 2 of 4 words, under 0.6
    assert title_overlap("Email invoice to Acme", "Email invoice to Globex") == 0.5
    assert not same_title("Email invoice to Acme", "Email invoice to Globex", 0.6)
    assert not same_title("Call the accountant about VAT", "Call the bank about the loan", 0.6)
    assert not same_title("", "", 0.6)  # no words: nothing to compare


def test_the_threshold_decides() -> None:
    assert same_title("Email invoice to Acme", "Email invoice to Globex", 0.5)


@given(st.text(max_size=40), st.text(max_size=40))
def test_overlap_is_a_symmetric_share(a: str, b: str) -> None:
    assert title_overlap(a, b) == title_overlap(b, a)
    assert 0.0 <= title_overlap(a, b) <= 1.0


def test_a_task_carried_over_three_weeks_needs_a_system() -> None:
    first = TODAY - timedelta(days=21)
    tasks = [
        captured("Renew the domain", first - timedelta(days=2), first_due=first),
        captured("Order toner", TODAY - timedelta(days=10), first_due=TODAY - timedelta(days=20)),
        captured("Old done one", first, first_due=first - timedelta(days=30), is_open=False),
    ]
    [signal] = needs_a_system(tasks, TODAY, Thresholds())
    assert signal.kind is SignalKind.NEEDS_A_SYSTEM
    assert signal.subject == "Renew the domain"
    assert signal.since == first
    assert "3 weeks" in signal.evidence
    assert "process" in signal.suggestion


def test_a_title_captured_three_times_in_six_weeks_needs_a_weekly_system() -> None:
    days = [TODAY - timedelta(days=n) for n in (14, 7, 0)]
    tasks = [
        captured("Chase late invoices", days[0], is_open=False),
        captured("chase the late invoice", days[1], is_open=False),
        captured("Chase late invoices!", days[2]),
        captured("Email invoice to Acme", days[0]),
        captured("Email invoice to Globex", days[1]),
        captured("Email invoice to Initech", days[2]),
    ]
    [signal] = needs_a_system(tasks, TODAY, Thresholds())
    assert signal.subject == "Chase late invoices!"  # the latest words
    assert signal.since == days[0]
    assert "3 times" in signal.evidence
    assert "weekly" in signal.suggestion


def test_captures_older_than_six_weeks_do_not_count() -> None:
    tasks = [
        captured("Back up the laptop", TODAY - timedelta(days=43)),
        captured("Back up the laptop", TODAY - timedelta(days=20)),
        captured("Back up the laptop", TODAY - timedelta(days=1)),
    ]
    assert needs_a_system(tasks, TODAY, Thresholds()) == []
    assert len(needs_a_system(tasks, TODAY, Thresholds(repeat_weeks=7))) == 1


def test_no_tasks_no_signal() -> None:
    assert needs_a_system([], TODAY, Thresholds()) == []


def test_role_under_water_by_completion_focus_and_slipping() -> None:
    since = date(2026, 11, 9)
    completion = {"sales": (5, 10), "admin": (6, 10), "delivery": (9, 10)}
    minutes = {"sales": 100, "admin": 100, "delivery": 1600}
    budgets = {"sales": 1000, "admin": 1000, "delivery": 1000}
    slipping = {"admin": ("Bookkeeping", "Inbox zero"), "sales": ("Follow-ups",)}
    names = {"sales": "Sales", "admin": "Admin", "delivery": "Delivery"}
    found = role_under_water(names, completion, minutes, budgets, slipping, since, Thresholds())
    by_subject = {signal.subject: signal for signal in found}
    assert set(by_subject) == {"Sales", "Admin", "Delivery"}
    assert "50 %" in by_subject["Sales"].evidence  # 5 of 10 < 60 %
    assert "2 slipping" in by_subject["Admin"].evidence  # 6 of 10 is not under 60 %
    assert "60 %" not in by_subject["Admin"].evidence
    assert "160 %" in by_subject["Delivery"].evidence  # 1600 of 1000 > 150 %
    assert all(s.kind is SignalKind.ROLE_UNDER_WATER and s.since == since for s in found)
    assert "SOP" in by_subject["Sales"].suggestion


def test_a_role_at_the_limits_is_not_under_water() -> None:
    names = {"sales": "Sales"}
    found = role_under_water(
        names, {"sales": (6, 10)}, {"sales": 150}, {"sales": 100}, {"sales": ("One",)},
        date(2026, 11, 9), Thresholds(),
    )  # fmt: skip
    assert found == []
    idle = role_under_water(names, {"sales": (0, 0)}, {}, {"sales": 0}, {}, TODAY, Thresholds())
    assert idle == []


def test_a_slipping_process_is_signalled_since_its_first_miss_in_a_row() -> None:
    from cockpit.domain.routines import routine_figures
    from tests.unit.domain.builders import process
    from tests.unit.domain.test_routines import done, missed

    weekly = process("weekly on mon", start=date(2026, 10, 5), name="Update bookkeeping")
    mondays = [date(2026, 10, 5) + timedelta(weeks=n) for n in range(8)]
    runs = [done(weekly, day) for day in mondays[:4]] + [missed(weekly, d) for d in mondays[4:7]]
    figures = routine_figures(weekly, runs, mondays[7])
    [signal] = slipping_processes([(weekly, figures)])
    assert signal.kind is SignalKind.SLIPPING_PROCESS and signal.subject_id == weekly.id
    assert signal.since == mondays[4]  # 2 Nov: the first of three misses
    assert signal.evidence == "missed 3 times in a row"
    assert f"target of {weekly.estimate_minutes} min" in signal.suggestion
    two_misses = routine_figures(weekly, runs[:-1], mondays[6])
    assert slipping_processes([(weekly, two_misses)]) == []


_WORDS = st.sampled_from(["call", "email", "invoice", "acme", "vat", "bank", "the", "renew"])


@given(st.lists(st.tuples(st.integers(0, 41), st.lists(_WORDS, max_size=4)), max_size=30))
def test_captures_are_grouped_as_the_plain_rule_says(rows: list[tuple[int, list[str]]]) -> None:
    """The grouping that finds groups through their words gives what comparing every capture
    with every group's first title gives."""
    from cockpit.domain.signals import _groups, title_words

    captures = [
        (TODAY - timedelta(days=n), " ".join(ws), title_words(" ".join(ws))) for n, ws in rows
    ]
    captures = [c for c in captures if c[2]]
    plain: list[list[tuple[date, str, frozenset[str]]]] = []
    for capture in sorted(captures, key=lambda item: item[0]):
        group = next((g for g in plain if title_overlap(g[0][1], capture[1]) >= 0.6), None)
        if group is None:
            plain.append([capture])
        else:
            group.append(capture)
    assert _groups(captures, 0.6) == plain
