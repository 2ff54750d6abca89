"""Schema versions of the data file and the migrations between them.

Each migration takes the whole data (a dict of tables) at version N and returns
it at version N+1. The store runs them on open, after a backup copy of the
file, and writes the result once, atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Data = dict[str, dict[str, Any]]

CURRENT_SCHEMA = 1
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


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _v0_to_v1}


def migrate(data: Data, found: int, target: int = CURRENT_SCHEMA) -> Data:
    for version in range(found, target):
        data = MIGRATIONS[version](data)
        data.setdefault(META, {}).setdefault(META_ID, {})["schema"] = version + 1
    return data
