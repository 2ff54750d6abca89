"""The data file and the other devices: notice what changed on disk and take it in."""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.services.context import Cockpit
from cockpit.store.errors import StoreConflictError, StoreError

__all__ = ["DiskNews", "StoreConflictError", "check_disk"]


@dataclass(frozen=True, slots=True)
class DiskNews:
    """What a look at the disk found: `message` for the owner; `problem` when the file changed
    but cannot be read (what Cockpit holds stays as it was, and nothing overwrites the file)."""

    message: str
    problem: bool = False


def check_disk(ctx: Cockpit) -> DiskNews | None:
    """None when the data file is the one last read or written (one stat). Otherwise it is
    read again, with every check, and what the store holds becomes what the disk holds."""
    try:
        news = ctx.store.reload_if_changed()
    except StoreError as error:
        return DiskNews(
            f"The data file changed on disk and cannot be read: {error} "
            "Cockpit keeps what it shows and will not write over that file.",
            problem=True,
        )
    if news is None:
        return None
    return DiskNews(news.message)
