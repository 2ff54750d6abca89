"""Export and import of the whole data as one JSON document.

Import checks the whole document first, with the checks the data file gets on
open (`document`), and writes nothing at all if any part is bad; the error names
the file, the record and the field. An export normalises the processes through
the codec, so a step the data file shows with a corrected offset is exported so.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
import orjson

from cockpit.domain.errors import ValidationError
from cockpit.store import backups, codec
from cockpit.store.core import HISTORY, PROCESSES
from cockpit.store.database import Store
from cockpit.store.document import (
    META,
    META_ID,
    DocumentError,
    check_tables,
    schema_version,
    settle_counters,
)
from cockpit.store.migrations import CURRENT_SCHEMA, migrate
from cockpit.store.opening import FileProblem, read_bounded
from cockpit.store.schema import ExportHead, too_large
from cockpit.store.schema_errors import place, plain, split
from cockpit.store.storage import Data
from cockpit.store.tables import convert_tables, syntax_error

FORMAT = "cockpit-export"


def export_document(store: Store, now: datetime) -> dict[str, Any]:
    data = store.snapshot()
    data.pop("_default", None)
    for table in (PROCESSES, HISTORY):  # as the store reads them (a late step moved)
        for key, doc in data.get(table, {}).items():
            data[table][key] = codec.process_doc(codec.process_from(doc))
    return {
        "format": FORMAT,
        "schema": CURRENT_SCHEMA,
        "exported_at": codec.instant(now),
        "tables": data,
    }


def export_bytes(store: Store, now: datetime) -> bytes:
    return orjson.dumps(export_document(store, now), option=orjson.OPT_INDENT_2) + b"\n"


def read_document(raw: bytes, source: str) -> Data:
    """Parse and fully check an export; returns the tables ready to store.

    The same checks as the data file's on open (`document.check_tables`), and stricter:
    a step due after its run is missed is refused, and a focus session's run must be in
    the export. Every refusal names the file, the record and the field.
    """
    try:
        return _read_document(raw)
    except DocumentError as error:
        raise ValidationError(f"{source}: {error}") from None


def _read_document(raw: bytes) -> Data:
    if problem := too_large(len(raw)):
        raise DocumentError("", problem)
    if not raw or raw.isspace():
        raise DocumentError("", "the file is empty")
    try:
        document = msgspec.json.decode(raw)
    except (msgspec.DecodeError, RecursionError):  # msgspec gives up on deep nesting so
        raise DocumentError("", syntax_error(raw)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DocumentError(
            "",
            f'not a Cockpit export (expected "format": "{FORMAT}"); '
            "a business definition in TOML can be imported too",
        )
    try:
        head = msgspec.convert(document, ExportHead)
    except msgspec.ValidationError as error:
        segments, problem = split(error)
        segments, problem = plain(problem, segments, ExportHead)
        raise DocumentError(place(*segments), problem) from None
    tables = convert_tables(head["tables"])
    found = head.get("schema", schema_version(tables))
    if found > CURRENT_SCHEMA:
        raise DocumentError(
            "schema",
            f"written by a newer Cockpit (schema {found}, this one knows {CURRENT_SCHEMA})",
        )
    check_tables(tables, strict=True, complete=True)
    tables.setdefault(META, {}).setdefault(META_ID, {})["schema"] = found
    tables = migrate(tables, found)
    settle_counters(tables, check_tables(tables, strict=True, complete=True))
    return tables


def import_file(store: Store, path: Path, now: datetime) -> Data:
    """Replace the store's data with a validated export (a backup copy is made first)."""
    tables = read_document(read_import(path), str(path))
    store.require_writer()
    if store.path.exists():
        backups.labelled_backup(store.path, "before-import", now)
    store.replace_all(tables, now)
    return tables


def read_import(path: Path) -> bytes:
    """The bytes of a file to import; one over 20 MB is refused before it is read."""
    try:
        return read_bounded(path)
    except FileProblem as problem:
        raise ValidationError(f"{path}: {problem}") from None
    except OSError as error:
        raise ValidationError(f"{path}: {error.strerror or error}") from None
