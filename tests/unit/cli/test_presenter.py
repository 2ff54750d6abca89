"""The texts both front ends show alike (cockpit.presenter): a share, a bar, a duration."""

from __future__ import annotations

from cockpit.domain.day_clock import duration_text
from cockpit.presenter import bar, minutes_text, pct


def test_a_share_is_a_whole_percentage() -> None:
    assert pct(0.857) == "86 %"
    assert pct(0) == "0 %"
    assert pct(1) == "100 %"


def test_a_bar_fills_its_width_by_the_share_done() -> None:
    assert bar(1, 2, 4) == "██░░"
    assert bar(3, 3, 3) == "███"
    assert bar(0, 0, 3) == "░░░"  # nothing due: an empty bar, no division by zero
    assert len(bar(1, 3)) == 20


def test_a_duration_reads_as_on_the_timeline() -> None:
    for minutes, text in ((45, "45m"), (60, "1h00"), (200, "3h20"), (0, "0m")):
        assert minutes_text(minutes) == text == duration_text(minutes)


def test_a_span_of_weeks_says_the_first_year_only_when_it_is_not_the_last() -> None:
    from datetime import date

    from cockpit.presenter import weeks_span

    assert weeks_span(date(2025, 12, 29), date(2026, 3, 29)) == "Mon 29 Dec 2025 – Sun 29 Mar 2026"
    assert weeks_span(date(2026, 3, 30), date(2026, 6, 28)) == "Mon 30 Mar – Sun 28 Jun 2026"


def test_the_days_role_blocks_are_merged_as_the_timeline_counts_them() -> None:
    from datetime import date

    from cockpit.cli.render import role_blocks
    from cockpit.domain.model import Role, TimeBlock

    parse = TimeBlock.parse
    role = Role(
        id="sales", name="Sales", blocks={"fri": (parse("09:30-11:00"), parse("09:00-10:00"))}
    )
    assert [str(b) for b in role_blocks(role, date(2026, 11, 20))] == ["09:00-11:00"]
    alone = Role(id="admin", name="Admin", blocks={"fri": (parse("14:00-15:00"),)})
    assert [str(b) for b in role_blocks(alone, date(2026, 11, 20))] == ["14:00-15:00"]
