"""Invisible characters are refused as control characters are, and named for what they are."""

from __future__ import annotations

import pytest

from cockpit.domain.text import character_kind, control_characters, printable

INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062"
INVISIBLE += "\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u2028\u2029"


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_every_invisible_character_is_found_and_named(char: str) -> None:
    code = f"U+{ord(char):04X}"
    assert control_characters(f"Call{char} bank") == [code]
    assert character_kind(code) == "an invisible character"
    assert printable(f"Call{char} bank") == "Call? bank"


def test_the_kinds_of_the_other_characters_found() -> None:
    assert character_kind("U+001B") == "a control character"
    assert character_kind("U+009B") == "a control character"
    assert character_kind("U+DC9B") == "bytes that are not UTF-8 text"


def test_visible_text_has_none() -> None:
    assert control_characters("Café ☕ Zoë, naïve — “quoted” · 東京 ✓") == []
    assert control_characters("\u2065 unassigned and \u00a0 no-break space") == []
