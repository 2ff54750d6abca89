"""Text from people and files, made safe for terminals and spreadsheets."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cockpit.domain.text import (
    control_characters,
    counted,
    csv_cell,
    printable,
    printable_lines,
)


def test_escape_sequences_cannot_reach_the_terminal() -> None:
    assert printable("Backups\x1b[2J") == "Backups?[2J"
    assert printable("\x1b]0;owned\x07title") == "?]0;owned?title"
    assert printable("two\nlines\ttab") == "two?lines?tab"


def test_markup_is_left_alone_as_text() -> None:
    assert printable("Backups [/] [link=x]") == "Backups [/] [link=x]"


def test_lines_keep_their_breaks_but_not_other_controls() -> None:
    assert printable_lines("a\r\nb\x1b[31m") == "a\nb?[31m"


def test_control_characters_are_named() -> None:
    assert control_characters("ok") == []
    assert control_characters("a\tb\x1b\x1b") == ["U+0009", "U+001B"]
    assert control_characters("bidi\u202eevil") == ["U+202E"]


def test_formulas_are_neutralised_and_numbers_stay_numbers() -> None:
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("+1+cmd") == "'+1+cmd"
    assert csv_cell("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("-12.5") == "-12.5"
    assert csv_cell(-3) == -3
    assert csv_cell(25) == 25
    assert csv_cell("Invoice clients") == "Invoice clients"


@given(st.text())
def test_printable_never_lets_a_control_character_through(text: str) -> None:
    shown = printable(text)
    assert control_characters(shown) == []
    assert len(shown) == len(text)


@given(st.text())
def test_csv_cells_never_start_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert isinstance(cell, str)
    number = re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", cell, re.ASCII)
    assert not cell.startswith(("=", "+", "@")) or cell.startswith("'") or number


def test_counts_read_as_people_write_them() -> None:
    assert counted(1, "process", "processes") == "1 process"
    assert counted(0, "run", "runs") == "0 runs"
    assert counted(35020, "run", "runs") == "35,020 runs"
