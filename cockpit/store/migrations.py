"""Schema versions of the data file and the migrations between them.

Each migration takes the whole data (a dict of tables) at version N and returns
it at version N+1. The store runs them on open, after a backup copy of the
file, and writes the result once, atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cockpit.store.identity import focus_identity, run_identity

Data = dict[str, dict[str, Any]]

CURRENT_SCHEMA = 2
META = "meta"
META_ID = "1"


def schema_of(data: Data) -> int:
    meta = data.get(META, {}).get(META_ID)
    if meta is None:
        return 0 if any(data.get(name) for name in data if name != "_default") else CURRENT_SCHEMA
    return int(meta.get("schema", 0))


def _v0_to_v1(data: Data) -> Data:
    """Files from before schema versions: add the meta record and its counters."""
    occurrences = data.get("occurrences", {})
    focus = data.get("focus", {})
    horizons: dict[str, str] = {}
    for doc in occurrences.values():
        if not doc.get("manual"):
            process, day = doc["process"], doc["date"]
            horizons[process] = max(horizons.get(process, day), day)
    data[META] = {
        META_ID: {
            "schema": 1,
            "next_no": max((int(key) for key in occurrences), default=0) + 1,
            "next_focus": max((int(key) for key in focus), default=0) + 1,
            "horizons": horizons,
        }
    }
    return data


def _v1_to_v2(data: Data) -> Data:
    """Identities that survive two devices (`identity`): runs started by hand and focus
    sessions get ULIDs, derived from what they hold so that two devices migrating copies
    of one file agree; scheduled runs are their process and date and need none."""
    for doc in data.get("occurrences", {}).values():
        if doc.get("manual") and not doc.get("uid"):
            doc["uid"] = run_identity(doc)
    for doc in data.get("focus", {}).values():
        if not doc.get("uid"):
            doc["uid"] = focus_identity(doc)
    return data


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: Data, found: int, target: int = CURRENT_SCHEMA) -> Data:
    for version in range(found, target):
        data = MIGRATIONS[version](data)
        data.setdefault(META, {}).setdefault(META_ID, {})["schema"] = version + 1
    return data
