"""Step and task IDs are ASCII digits, as `cockpit today` prints them: Python's \\d also took
Arabic-Indic and fullwidth digits (`cockpit done ١.١` was step 1.1; tester 2), and an ID of
thousands of digits is refused by its shape, not by int()."""

from __future__ import annotations

import pytest

from cockpit.domain.errors import ValidationError
from cockpit.services.actions import parse_ref
from cockpit.services.tasks import is_task_key


@pytest.mark.parametrize("typed", ["١.١", "１.1", "٣", "9" * 5000, "1." + "2" * 50])
def test_an_id_not_written_in_ascii_digits_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="is not a step ID"):
        parse_ref(typed)


def test_ascii_ids_are_read() -> None:
    assert parse_ref("412.2") == (412, 2) and parse_ref(" 412 ") == (412, None)
    assert is_task_key("t12") and not is_task_key("t١٢")
