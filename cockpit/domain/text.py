"""Text that came from a person or a file, made safe for where it goes.

Names, titles and notes are typed by the owner or arrive in an import: they are
text, never markup and never terminal commands. Input is checked with
`control_characters` (names refuse them); output goes through `printable`
(one line: a terminal, a table cell, a title) or `printable_lines` (notes,
instructions), which show each control character as `?` so an escape sequence
in a hand-edited file can neither clear the screen nor retitle the terminal.
Spreadsheet cells go through `csv_cell` (OWASP's advice on formula injection).
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; and the invisible ones: line and paragraph separators, bidi marks,
# embeddings, overrides and isolates (they move or hide what follows them on a terminal),
# zero-width spaces and joiners, the word joiner and the invisible operators, and the byte
# order mark ("Call\u200b bank" looks like "Call bank" everywhere but never matches it);
# and lone surrogates, which is how Python hands over bytes that are not UTF-8
# (`cockpit add $'\xff'`): no file or terminal can take them
_INVISIBLE = "\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff]")
_CONTROL_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def control_characters(text: str) -> list[str]:
    """The control characters in `text`, each named as U+XXXX (empty when it has none)."""
    return [f"U+{ord(char):04X}" for char in dict.fromkeys(_CONTROL.findall(text))]


def character_kind(code: str) -> str:
    """A character found by `control_characters` (U+XXXX), in words: "a control character",
    "an invisible character" or, for a lone surrogate, "bytes that are not UTF-8 text"."""
    point = int(code[2:], 16)
    if 0xD800 <= point <= 0xDFFF:
        return "bytes that are not UTF-8 text"
    if point <= 0x9F:
        return "a control character"
    return "an invisible character"


def printable(text: str) -> str:
    """`text` as one line for a terminal: every control character (newline too) shown as `?`."""
    return _CONTROL.sub("?", text)


def printable_lines(text: str) -> str:
    """`text` for a terminal, keeping its line breaks: other control characters become `?`."""
    return _CONTROL_BUT_NEWLINE.sub("?", text.replace("\r\n", "\n"))


def printable_document(text: str) -> str:
    """`text` for a document or an editor: tabs and line breaks kept, any other control
    character as `?` (an SOP's instructions, the review's notes)."""
    return "\t".join(printable_lines(part) for part in text.split("\t"))


def csv_cell(value: object) -> object:
    """A value for a CSV cell: text that a spreadsheet would run as a formula gets a leading `'`.

    Numbers stay numbers (a negative number is not a formula); text is also made printable.
    """
    if not isinstance(value, str):
        return value
    text = printable(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _is_number(text: str) -> bool:
    """A plain decimal number (ASCII digits): a spreadsheet reads it as a number, not a
    formula. `float()` also takes "inf", "nan", "1_000" and other digits, which it does not."""
    return _NUMBER.fullmatch(text) is not None


def counted(number: int, one: str, many: str) -> str:
    """`1 process`, `2 processes`, `0 runs`: a count with its noun, as people write it."""
    return f"{number:,} {one if number == 1 else many}"
