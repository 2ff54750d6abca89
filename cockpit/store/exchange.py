"""Export and import of the whole data as one JSON document.

Import checks every record first (each must decode into a valid entity, and
every reference must point at something that exists) and writes nothing at all
if any part is bad; the error names the record and the problem.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from cockpit.domain.errors import ValidationError
from cockpit.store import backups, codec
from cockpit.store.core import (
    FOCUS,
    HISTORY,
    OCCURRENCES,
    PLANS,
    PROCESSES,
    REVIEWS,
    ROLES,
    SYSTEMS,
)
from cockpit.store.database import Store
from cockpit.store.migrations import CURRENT_SCHEMA, META, META_ID, migrate, schema_of
from cockpit.store.storage import Data

FORMAT = "cockpit-export"

DECODERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    ROLES: codec.role_from,
    SYSTEMS: codec.system_from,
    PROCESSES: codec.process_from,
    HISTORY: codec.process_from,
    OCCURRENCES: codec.occurrence_from,
    FOCUS: codec.focus_from,
    REVIEWS: codec.review_from,
}


def export_document(store: Store, now: datetime) -> dict[str, Any]:
    data = store.snapshot()
    data.pop("_default", None)
    return {
        "format": FORMAT,
        "schema": CURRENT_SCHEMA,
        "exported_at": codec.instant(now),
        "tables": data,
    }


def export_bytes(store: Store, now: datetime) -> bytes:
    return orjson.dumps(export_document(store, now), option=orjson.OPT_INDENT_2) + b"\n"


def read_document(raw: bytes, source: str) -> Data:
    """Parse and fully validate an export; returns the tables ready to store."""
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ValidationError(
            f"{source}: invalid JSON at line {error.lineno}, column {error.colno} ({error.msg})"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError(
            f'{source}: not a Cockpit export (expected "format": "{FORMAT}"); '
            "a business definition in TOML can be imported too"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise ValidationError(f'{source}: "tables" must map table names to records')
    found = int(document.get("schema", schema_of(tables)))
    if found > CURRENT_SCHEMA:
        raise ValidationError(
            f"{source}: written by a newer Cockpit "
            f"(schema {found}, this one knows {CURRENT_SCHEMA})"
        )
    tables.setdefault(META, {}).setdefault(META_ID, {})["schema"] = found
    tables = migrate(tables, found)
    validate(tables, source)
    return tables


def validate(tables: Data, source: str) -> None:
    decoded: dict[str, list[Any]] = {}
    for name, build in DECODERS.items():
        records = tables.get(name, {})
        decoded[name] = [
            codec.checked(f"{source}: {name} record", key, build, doc)
            for key, doc in records.items()
        ]
    roles = {role.id for role in decoded[ROLES]}
    systems = {system.id for system in decoded[SYSTEMS]}
    versions = {(p.id, p.version) for p in decoded[PROCESSES] + decoded[HISTORY]}
    ids = [p.id for p in decoded[PROCESSES]]
    if len(ids) != len(set(ids)):
        raise ValidationError(f"{source}: two processes share an id")
    for process in decoded[PROCESSES]:
        if process.role not in roles:
            raise ValidationError(
                f'{source}: process "{process.name}" has unknown role {process.role!r}'
            )
        if process.system is not None and process.system not in systems:
            raise ValidationError(
                f'{source}: process "{process.name}" has unknown system {process.system!r}'
            )
    for key, occurrence in zip(tables.get(OCCURRENCES, {}), decoded[OCCURRENCES], strict=True):
        if str(occurrence.no) != key:
            raise ValidationError(
                f"{source}: occurrence record {key} says it is number {occurrence.no}"
            )
        if (occurrence.process_id, occurrence.process_version) not in versions:
            raise ValidationError(
                f"{source}: occurrence {occurrence.no} refers to process "
                f"{occurrence.process_id!r} version {occurrence.process_version}, "
                "which is not there"
            )
    for session in decoded[FOCUS]:
        if session.role not in roles:
            raise ValidationError(
                f"{source}: focus session {session.id} has unknown role {session.role!r}"
            )
    for key, plan in tables.get(PLANS, {}).items():
        if not isinstance(plan.get("date"), str) or not isinstance(plan.get("steps"), list):
            raise ValidationError(f"{source}: plan record {key} needs a date and a list of steps")
    meta = tables[META][META_ID]
    meta["next_no"] = max(
        int(meta.get("next_no", 1)), max((o.no for o in decoded[OCCURRENCES]), default=0) + 1
    )
    meta["next_focus"] = max(
        int(meta.get("next_focus", 1)), max((s.id for s in decoded[FOCUS]), default=0) + 1
    )


def import_file(store: Store, path: Path, now: datetime) -> Data:
    """Replace the store's data with a validated export (a backup copy is made first)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ValidationError(f"{path}: {error.strerror}") from None
    tables = read_document(raw, str(path))
    store.require_writer()
    if store.path.exists():
        backups.labelled_backup(store.path, "before-import", now)
    store.replace_all(tables)
    return tables
