"""Step ids that look like options (`done -1`) or are malformed: the error is about the id."""

from __future__ import annotations

import pytest

from tests.unit.cli.helpers import Cli, error_line

ID_ERROR = "is not a step ID; IDs look like 412.2 (a step), 412 (a whole run) or t12 (a task)"

CASES = {
    "done -1": ("done", "-1"),
    "done -1.2": ("done", "-1.2"),
    "done -0": ("done", "-0"),
    "skip -1": ("skip", "-1", "--reason", "x"),
    "skip reason first": ("skip", "--reason", "x", "-1"),
    "snooze -3": ("snooze", "-3", "--to", "tomorrow"),
    "keep -1": ("keep", "-1"),
    "keep --off -2": ("keep", "--off", "-2"),
    "done 1.": ("done", "1."),
    "done 1.2.3": ("done", "1.2.3"),
    "done .2": ("done", ".2"),
    "done 1,2": ("done", "1,2"),
    "done 1.-2": ("done", "1.-2"),
    "done empty": ("done", ""),
    "done with a control character": ("done", "1\x1b]0;pwned\x07"),
}


@pytest.mark.parametrize("args", list(CASES.values()), ids=list(CASES))
def test_a_malformed_id_is_named_as_an_id(sample_cli: Cli, args: tuple[str, ...]) -> None:
    stored = sample_cli.data.read_bytes()
    line = sample_cli.fails(*args)
    assert ID_ERROR in line, line
    assert "No such option" not in line
    assert "\x1b" not in line and "\x07" not in line
    assert sample_cli.data.read_bytes() == stored


def test_option_values_that_look_negative_are_still_the_option_s(sample_cli: Cli) -> None:
    stored = sample_cli.data.read_bytes()
    line = sample_cli.fails("done", "1.1", "--minutes", "-5")
    assert "--minutes" in line and "step ID" not in line, line
    line = sample_cli.fails("snooze", "1.1", "--to", "-3")
    assert '"-3" is not a date' in line, line
    assert sample_cli.data.read_bytes() == stored
    assert "skipped: 1.1" in sample_cli.ok("skip", "1.1", "--reason", "-1 day of leave")


def test_a_real_option_typo_still_says_so(sample_cli: Cli) -> None:
    line = sample_cli.fails("done", "1.1", "--minuts", "5")
    assert "No such option '--minuts'" in line, line


@pytest.mark.parametrize(
    "args",
    [
        ("start", "x\x1b]0;pwned\x07"),
        ("done", "1\x1b]0;pwned\x07"),
        ("snooze", "1.1", "--to", "x\x1b]0;pwned\x07"),
        ("export", "--format", "md", "--process", "x\x1b]0;pwned\x07"),
    ],
    ids=["start", "done", "snooze", "export"],
)
def test_typed_text_comes_back_printable_in_errors(sample_cli: Cli, args: tuple[str, ...]) -> None:
    """An escape typed in an argument is shown as `?` in the error, never sent to the terminal
    (click strips CSI sequences from piped output, not OSC ones or a bell)."""
    result = sample_cli.run(*args)
    line = error_line(result)
    assert "x?]0;pwned?" in line or "1?]0;pwned?" in line, line
    assert "\x1b" not in result.stderr + result.stdout
    assert "\x07" not in result.stderr + result.stdout
