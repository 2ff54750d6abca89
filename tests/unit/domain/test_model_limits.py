"""The limits every way in shares, in the domain model: names, one-line and multi-line text,
ids, dates, the number of steps, and a step due after its run is missed."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import (
    Kpi,
    Process,
    Role,
    Step,
    System,
    check_step_offsets,
    slugify,
    with_steps_shown,
)
from cockpit.domain.text import character_kind
from tests.unit.domain.builders import process

# -- names -------------------------------------------------------------------------------------


def test_a_name_may_hold_200_characters_and_not_201() -> None:
    assert Role(id="r", name="x" * 200).name == "x" * 200
    with pytest.raises(
        ValidationError, match=r"role name is too long \(201 characters, at most 200\)"
    ):
        Role(id="r", name="x" * 201)


@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("\x1b", "U+001B"),
        ("\t", "U+0009"),
        ("\n", "U+000A"),
        ("\x7f", "U+007F"),
        ("\u202e", "U+202E"),
    ],
)
def test_a_process_name_refuses_control_characters_tab_and_newline_included(
    char: str, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        replace(process(), name=f"Invoice{char}clients")
    assert str(refused.value) == f"process name holds {character_kind(code)} ({code})"
    kind = "an invisible character" if char == "\u202e" else "a control character"
    assert character_kind(code) == kind
    assert refused.value.field == "name"


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (lambda: Role(id="r", name="Sa\x1bles"), "role name holds a control character (U+001B)"),
        (lambda: System(id="s", name="Mo\nney"), "system name holds a control character (U+000A)"),
        (lambda: Step(id="s1", title="Se\tnd"), "step name holds a control character (U+0009)"),
        (lambda: Kpi(name="Re\x07venue"), "KPI name holds a control character (U+0007)"),
        (lambda: Kpi(name="Revenue", unit="$\n"), 'the unit of KPI "Revenue" holds a control'),
        (lambda: Step(id="s1", title="Send", tool="Mail\nchimp"), 'the tool of step "Send" holds'),
        (lambda: System(id="s", name="M", tools=("Bank\x1b[2J",)), 'a tool of system "M" holds'),
        (lambda: System(id="s", name="M", people=("Ann\tB",)), 'a person of system "M" holds'),
    ],
)
def test_one_line_texts_refuse_control_characters(build, words: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(words)):
        build()


def test_markdown_texts_keep_tabs_and_newlines_but_refuse_other_control_characters() -> None:
    step = Step(id="s1", title="Send", instructions="1. Open\n\t- the app\r\n2. Send")
    assert step.instructions == "1. Open\n\t- the app\r\n2. Send"
    proc = replace(process(), purpose="why\n\twe do it", notes="a\nb")
    assert proc.notes == "a\nb"
    with pytest.raises(ValidationError, match=r'instructions of step "Send" holds .*U\+001B'):
        Step(id="s1", title="Send", instructions="clear \x1b[2J")
    with pytest.raises(ValidationError, match=r"the notes of process .* \(U\+0000\)"):
        replace(process(), notes="nul \x00")
    with pytest.raises(ValidationError, match=r"the description of system .* \(U\+009B\)"):
        System(id="s", name="M", description="csi \x9b")


def test_a_non_finite_kpi_target_is_refused() -> None:
    with pytest.raises(ValidationError, match="needs a target that is a number"):
        Kpi(name="Revenue", target=float("nan"))


# -- ids ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["", "a/b", "a\\b", "..", "../../victim", "a..b", "with space", "tab\there", ".hidden"]
)
def test_ids_are_safe_slugs(bad: str) -> None:
    with pytest.raises(ValidationError):
        replace(process(), id=bad)
    with pytest.raises(ValidationError):
        Role(id=bad, name="Sales")


def test_a_long_name_makes_a_short_safe_id() -> None:
    name = "Invoice every client of the studio " * 4  # 140 characters
    slug = slugify(name)
    assert len(slug) <= 60 and not slug.endswith("-")
    assert replace(process(), id=slug, name=name.strip()).id == slug


def test_ids_made_by_cockpit_are_safe() -> None:
    assert replace(process(), id="invoice-clients-2").id == "invoice-clients-2"
    assert Role(id="sales_team.v2", name="Sales").id == "sales_team.v2"
    with pytest.raises(ValidationError, match="not a safe id"):
        Role(id="x" * 101, name="Sales")


def test_a_step_without_an_id_yet_is_fine_but_not_in_a_process() -> None:
    step = Step(id="", title="Send")  # a step read from a Markdown file, before it is numbered
    with pytest.raises(ValidationError, match='step "Send" of process "Invoice clients" needs'):
        replace(process(), steps=(step,))


# -- dates and sizes ---------------------------------------------------------------------------


@pytest.mark.parametrize("start", [date(1999, 12, 31), date(2101, 1, 1), date(9999, 12, 31)])
def test_a_start_outside_2000_to_2100_is_refused(start: date) -> None:
    with pytest.raises(ValidationError, match=r"outside 2000-01-01\.\.2100-12-31") as refused:
        replace(process(), start=start)
    assert refused.value.field == "start"


def test_the_ends_of_the_range_are_fine() -> None:
    assert replace(process(), start=date(2000, 1, 1)).start.year == 2000
    assert replace(process(), start=date(2100, 12, 31)).start.year == 2100


def test_a_process_holds_at_most_100_steps() -> None:
    steps = tuple(Step(id=f"s{i}", title=f"Step {i}") for i in range(1, 102))
    assert len(replace(process(), steps=steps[:100]).steps) == 100
    with pytest.raises(ValidationError, match="has 101 steps; a process holds at most 100"):
        replace(process(), steps=steps)


# -- a step due after its run is missed ----------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "largest"),
    [
        ("daily", 0),
        ("weekdays", 0),
        ("every mon, thu", 2),
        ("weekly on fri", 6),
        ("every 2 weeks on fri", 13),
        ("every 3 days", 2),
        ("monthly on the 15th", 27),
        ("monthly on the 31st", 27),
        ("quarterly", 89),
        ("yearly on 03-01", 364),
    ],
)
def test_the_largest_offset_that_works_is_one_day_less_than_the_shortest_gap(
    schedule: str, largest: int
) -> None:
    fits = process(schedule, start=date(2026, 1, 5), offsets=(largest,))
    assert check_step_offsets(fits) is fits
    late = process(schedule, start=date(2026, 1, 5), offsets=(largest + 1,))
    with pytest.raises(ValidationError) as refused:
        check_step_offsets(late)
    assert f"the largest offset that works is {largest}" in str(refused.value)
    assert refused.value.field == "offset"


def test_a_daily_step_one_day_after_is_refused_in_plain_words() -> None:
    with pytest.raises(ValidationError) as refused:
        check_step_offsets(process("daily", offsets=(0, 1)))
    assert str(refused.value) == (
        'step "Step 2" falls 1 day after its run, but runs of "daily" can follow each other '
        "1 day apart and a run is closed as missed when the next one starts: the largest "
        "offset that works is 0 (a negative offset, days before the run, always works)"
    )


@pytest.mark.parametrize(
    "schedule", ["3 days after done", "on demand", "RRULE:FREQ=YEARLY;COUNT=1"]
)
def test_runs_that_wait_to_be_done_take_any_offset(schedule: str) -> None:
    proc = process(schedule, offsets=(366,))
    assert check_step_offsets(proc) is proc


def test_negative_offsets_always_work() -> None:
    proc = process("daily", offsets=(-30, 0))
    assert check_step_offsets(proc) is proc


def test_a_step_of_a_stored_file_that_falls_too_late_is_moved_to_the_last_day_shown() -> None:
    late = process("daily", offsets=(0, 1, -1))
    shown = with_steps_shown(late)
    assert [step.offset_days for step in shown.steps] == [0, 0, -1]
    assert shown.version == late.version
    assert check_step_offsets(shown) is shown
    fine = process("weekly on fri", offsets=(3,))
    assert with_steps_shown(fine) is fine


def test_a_new_schedule_that_makes_a_step_late_is_refused_when_saved() -> None:
    weekly = process("weekly on fri", offsets=(3,))
    daily = weekly.edited(schedule=process("daily").schedule)
    assert isinstance(daily, Process)
    with pytest.raises(ValidationError, match="largest offset that works is 0"):
        check_step_offsets(daily)


@pytest.mark.parametrize("colour", ["#d08770\n", "#d08770 ", "d08770", "#d0877", "#d08770aa"])
def test_a_role_colour_is_exactly_hash_and_six_hex_digits(colour: str) -> None:
    """A data file's "#d08770\\n" passed (`$` also matches before a final newline)."""
    with pytest.raises(ValidationError):
        Role(id="sales", name="Sales", colour=colour)
