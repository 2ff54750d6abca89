"""TOML text read with the standard library, a file nested too deeply included.

tomllib follows nested arrays and tables by recursion: a hostile `a = [[[[...` raises
RecursionError, which no caller expects from a parser. Here it is the TOML error it is.
"""

from __future__ import annotations

import tomllib
from typing import Any

TOMLDecodeError = tomllib.TOMLDecodeError


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads`, with a nesting too deep to follow raised as a TOMLDecodeError."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise TOMLDecodeError("it nests arrays or tables too deeply to read") from None


class NotText(ValueError):
    """Bytes that are not UTF-8 TOML text, in words a user can act on."""


def decode(raw: bytes) -> str:
    """`raw` as text; NotText says plainly what else it is (UTF-16, a byte order mark, a
    byte that is not UTF-8 and its line), with what to do."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotText("it is UTF-16 text, not UTF-8 (save it as UTF-8 and try again)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise NotText(
            "it starts with a UTF-8 byte order mark (BOM), which TOML does not allow"
            " (save it as UTF-8 without a BOM and try again)"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
        raise NotText(
            f"not UTF-8 text (byte 0x{byte:02x} at line {line}; save it as UTF-8 and try again)"
        ) from None
