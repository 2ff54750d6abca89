"""A business definition in TOML (`sample_data/business.toml`), read into its typed layout.

The bytes are refused before they are parsed when they cannot be a business file
(over 20 MB, empty, binary, not UTF-8); the TOML is then checked against these
Structs, which refuse a field nobody knows (a typo such as "estimat") and name the
place of any problem the way the file is written: `process 'Call leads', steps[0].offset:
expected a whole number, got text`. What the values mean (names, schedules, roles and
systems that exist) is checked by the entities the service builds from them, and by
`document.check_tables`, as for every other import.
"""

from __future__ import annotations

from typing import Any

import msgspec

from cockpit import toml_text
from cockpit.store.document import DocumentError
from cockpit.store.schema import too_large
from cockpit.store.schema_errors import place, plain, split

FORMAT = "cockpit-business"
_ONE = {"roles": "role", "systems": "system", "processes": "process"}


class Entry(msgspec.Struct, forbid_unknown_fields=True):
    """One table of the file: every field typed, none unknown."""


class KpiEntry(Entry):
    name: str
    unit: str = ""
    target: float | None = None
    direction: str = "up"


class RoleEntry(Entry):
    name: str
    colour: str = "#81a1c1"
    budget_minutes: int = 0
    blocks: dict[str, list[str]] = {}


class SystemEntry(Entry):
    name: str
    description: str = ""
    tools: list[str] = []
    people: list[str] = []
    kpis: list[KpiEntry] = []


class StepEntry(Entry):
    title: str
    instructions: str = ""
    tool: str = ""
    estimate: int = 0
    offset: int = 0


class ProcessEntry(Entry):
    name: str
    role: str
    schedule: str
    system: str = ""
    stage: str = "draft"
    target_minutes: int | None = None
    purpose: str = ""
    notes: str = ""
    steps: list[StepEntry] = []


class BusinessInfo(Entry):
    name: str = ""
    owner: str = ""
    description: str = ""


class BusinessFile(Entry):
    format: str = FORMAT
    version: int = 1
    business: BusinessInfo = msgspec.field(default_factory=BusinessInfo)
    roles: list[RoleEntry] = []
    systems: list[SystemEntry] = []
    processes: list[ProcessEntry] = []


def read_business_file(raw: bytes) -> BusinessFile:
    """The typed business definition in `raw`; DocumentError says what is wrong and where."""
    if problem := too_large(len(raw)):
        raise DocumentError("", problem)
    if not raw.strip():
        raise DocumentError("", "the file is empty: a business definition is TOML text")
    if b"\x00" in raw:
        raise DocumentError("", "it holds binary data, not TOML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError("", f"it is not UTF-8 text (byte {error.start + 1})") from None
    try:
        parsed = toml_text.loads(text)
    except toml_text.TOMLDecodeError as error:
        raise DocumentError("", f"not valid TOML: {error}") from None
    return business_from(parsed)


def business_from(parsed: dict[str, Any]) -> BusinessFile:
    """A parsed TOML business definition checked against its typed layout."""
    if parsed.get("format", FORMAT) != FORMAT:
        raise DocumentError("", f'not a Cockpit business file (format = "{FORMAT}")')
    try:
        business = msgspec.convert(parsed, BusinessFile)
    except msgspec.ValidationError as error:
        segments, problem = split(error)
        segments, problem = plain(problem, segments, BusinessFile)
        raise DocumentError(_where(parsed, segments), problem) from None
    if not (business.roles or business.systems or business.processes):
        raise DocumentError("", "it holds no roles, systems or processes")
    return business


def _where(parsed: dict[str, Any], segments: list[str | int]) -> str:
    """`processes`, 1, `steps`, 0 -> `process 'Invoice clients', steps[0]`: a table of the
    file is named by its name, as a person finds it."""
    if len(segments) >= 2 and segments[0] in ("roles", "systems", "processes"):
        table, index = str(segments[0]), segments[1]
        entries = parsed.get(table)
        entry = entries[index] if isinstance(entries, list) and isinstance(index, int) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        if isinstance(name, str):
            label = f"{_ONE[table]} {name!r}"  # repr: control characters shown escaped
            rest = place(*segments[2:])
            return f"{label}, {rest}" if rest else label
    return place(*segments)
