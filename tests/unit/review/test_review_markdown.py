"""The review as Markdown: names are text in it, a `|` in one cannot split a table, a
control character in a note or a reason shows as `?` (tests/unit/cli/test_hostile_output.py)."""

from __future__ import annotations

import re

from cockpit.cli.reports import review_markdown
from cockpit.services import library
from cockpit.services.context import Cockpit
from cockpit.services.review import save_notes, week_review

WEEK = "2026-W47"


def cells(line: str) -> list[str]:
    """The cells of a Markdown table row, split on the `|` that are not escaped."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_a_pipe_in_a_name_stays_inside_its_cell(small: Cockpit) -> None:
    admin = next(role for role in small.store.roles() if role.name == "Admin")
    library.save_role(small, role_id=admin.id, name="Admin | Ops", colour=admin.colour)

    text = review_markdown(week_review(small, WEEK))

    row = next(line for line in text.splitlines() if line.startswith("| Admin"))
    assert cells(row)[0] == "Admin \\| Ops"
    assert len(cells(row)) == 4  # role, done, due, share


def test_notes_keep_their_lines_and_their_markup(small: Cockpit) -> None:
    save_notes(small, WEEK, "First line\nSecond [/] line")
    text = review_markdown(week_review(small, WEEK))
    assert "First line\nSecond [/] line" in text
