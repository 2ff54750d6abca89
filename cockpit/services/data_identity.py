"""The identity of the data as Cockpit holds it in memory: what a cache of a view computed
from that data is keyed by (device, inode, size, modification and change times of the file
last read or written), so a cache never stands for a file that changed since."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.services.cache_files import Identity

if TYPE_CHECKING:
    from cockpit.services.context import Cockpit


def held_identity(ctx: Cockpit) -> Identity | None:
    """The file identity of the data in memory; None when it cannot stand for the content
    (no file yet, or a whole-second time that a same-size rewrite could leave unchanged)."""
    seen = ctx.store.storage.seen
    if seen is None or seen.ambiguous:
        return None
    return seen.identity
