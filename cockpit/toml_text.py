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
