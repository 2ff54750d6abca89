"""Output to a reader that may stop reading: `cockpit today | head -1` is no error.

When the reader closes the pipe, what is left to print has nowhere to go: standard output
is pointed at the null device (so Python's own flush at exit stays quiet) and Cockpit exits
0, as the command did what it was asked. rich and click would each exit 1 on their own.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from rich.console import Console


def reader_gone() -> NoReturn:
    """Standard output's reader has closed the pipe: stop printing, and exit 0."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # no real descriptor (a test runner's capture): nothing will flush to it
    raise SystemExit(0)


def console() -> Console:
    """A rich console for standard output that ends as `reader_gone` when the pipe closes."""
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            reader_gone()

    return PipeConsole()
