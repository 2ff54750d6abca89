"""A document's bytes into typed tables, or a problem named by its place in the file.

The data file and its archives are parsed by msgspec straight into the typed
tables (`schema.Tables`); an import is parsed first and its tables converted after
(`convert_tables`), so that a file that is no export at all is told so. msgspec
names a dict's key as `[...]`; the record at fault is then found by checking the
table's records one by one, so the message can say `occurrences["5"].date`.
"""

from __future__ import annotations

import gc
import re
from typing import Any

import msgspec
import orjson

from cockpit.store.document import DocumentError
from cockpit.store.schema import DOCS, TABLE_NAMES, TABLES_DECODER, Tables, TablesFile, tables_of
from cockpit.store.schema_errors import place, plain, quoted, split

Data = dict[str, dict[str, Any]]
NOT_TABLES = "the top level is not a set of tables"
VALID = "valid JSON"
_UNKNOWN = re.compile(r"Object contains unknown field `(?P<name>.*)`", re.DOTALL)


def _not_a_table(name: str) -> str:
    if name in ("format", "tables", "exported_at"):
        return "this is a Cockpit export, not a data file: `cockpit import FILE` reads it into one"
    return (
        f"{quoted(name)} is not a table Cockpit knows (its tables: "
        f"{', '.join(name for name in TABLE_NAMES if name != '_default')})"
    )


def decode_tables(raw: bytes) -> Data:
    """Parse a data or archive file's bytes into typed tables (DocumentError if it cannot)."""
    if not raw or raw.isspace():
        raise DocumentError("", "the file is empty")
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of fresh dicts: the collector would scan them in vain
    try:
        data = tables_of(TABLES_DECODER.decode(raw))
        if collecting:
            gc.freeze()  # the data lives as long as the store and holds no cycles
    except msgspec.ValidationError as error:
        if (problem := syntax_error(raw)) != VALID:
            # msgspec reads as it checks: a wrong shape may come before the JSON breaks
            raise DocumentError("", problem) from None
        raise _located(error, lambda: msgspec.json.decode(raw)) from None
    except (msgspec.DecodeError, RecursionError):  # msgspec gives up on deep nesting so
        raise DocumentError("", syntax_error(raw)) from None
    finally:
        if collecting:
            gc.enable()
    return data


def convert_tables(tables: Any) -> Data:
    """Already parsed tables (of an export) checked against the same types."""
    try:
        return tables_of(msgspec.convert(tables, TablesFile))
    except msgspec.ValidationError as error:
        raise _located(error, lambda: tables) from None


def syntax_error(raw: bytes) -> str:
    """Where a file stops being JSON, by line and column (orjson counts them)."""
    try:
        orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        return f"invalid JSON at line {error.lineno}, column {error.colno} ({error.msg})"
    return VALID


def _located(error: msgspec.ValidationError, parsed: Any) -> DocumentError:
    """The error with its record's key, found by converting that table's records one by one."""
    segments, problem = split(error)
    unknown = _UNKNOWN.fullmatch(problem)
    if not segments and unknown:
        return DocumentError("", _not_a_table(unknown["name"]))
    if len(segments) < 2 or segments[1] != "[...]":
        segments, problem = plain(problem, segments, Tables)
        if len(segments) <= 1 and problem.startswith("expected an object"):
            problem = f"{NOT_TABLES} ({place(*segments) or 'the file'}: {problem})"
        return DocumentError(place(*segments), problem)
    table = str(segments[0])
    records = parsed().get(table, {})
    kind: Any = DOCS.get(table, dict[str, Any])
    for key, doc in records.items():
        try:
            msgspec.convert(doc, kind)
        except msgspec.ValidationError as inner:
            where, what = split(inner)
            where, what = plain(what, where, kind)
            return DocumentError(place(table, quoted(key), *where), what)
    segments, problem = plain(problem, segments, Tables)  # pragma: no cover - found above
    return DocumentError(place(*segments), problem)  # pragma: no cover
