"""The typed layout of Cockpit's documents: the data file, its yearly archives, exports.

msgspec checks every field's type while it parses the bytes. It was chosen over
pydantic by measuring both on the heavy bench set (a 5.5 MB live file, 13,216
runs, 4,528 focus sessions, Python 3.11): orjson alone parsed it in ~48 ms, msgspec
into these types in ~24 ms, msgspec Structs in ~19 ms but ~54 ms once turned into
the dicts TinyDB keeps, pydantic 2 in ~100 ms (and ~100 ms more to import).

The two big tables (runs and focus sessions) are TypedDicts: msgspec decodes them
in one pass straight into the dicts the store keeps (a field it does not know is
dropped there: these records are written by Cockpit, and a typo in one is no loss).
The small tables (roles, systems, processes and their history, reviews, plans, tasks,
the meta record) are Structs checked one record at a time, so a field nobody knows (a
typo such as "nmae") is refused rather than dropped, and every error names its
record. Dates and instants are ISO text here; `document` checks their values and
everything that links one record to another.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired, TypedDict

import msgspec
from msgspec import Meta

MAX_FILE_BYTES = 20 * 2**20  # a data file or an import: 20 MB
MAX_PROCESSES = 500

Text = str
Count = Annotated[int, Meta(ge=0, le=2**53)]
Number = Annotated[int, Meta(ge=1, le=2**53)]  # a run, a session, a version
Minutes = Annotated[int, Meta(ge=0, le=10**6)]  # time spent: a stopwatch may run for days
Seconds = Annotated[int, Meta(ge=1, le=10**8)]
Offset = Annotated[int, Meta(ge=-366, le=366)]
Amount = Annotated[int, Meta(ge=0, le=999)]
Uid = Annotated[str, Meta(pattern="^[0-7][0-9A-HJKMNP-TV-Z]{25}$")]  # a ULID (`identity`)
Pause = Annotated[list[Text | None], Meta(min_length=2, max_length=2)]  # [start, end or null]


class Record(msgspec.Struct, forbid_unknown_fields=True):
    """A record of a small table: every field typed, none unknown."""


# -- the big tables: decoded in one pass, into dicts -------------------------------------


class StepStateDoc(TypedDict):
    step: Text
    status: NotRequired[Literal["open", "done", "skipped"]]
    at: NotRequired[Text | None]
    minutes: NotRequired[Minutes | None]
    reason: NotRequired[Text]
    snoozed_to: NotRequired[Text | None]


class OccurrenceDoc(TypedDict):
    no: Number
    process: Text
    date: Text
    version: NotRequired[Number]
    status: NotRequired[Literal["open", "done", "skipped", "missed"]]
    steps: NotRequired[list[StepStateDoc]]
    closed_at: NotRequired[Text | None]
    closed_on: NotRequired[Text | None]
    reason: NotRequired[Text]
    kept: NotRequired[bool]
    manual: NotRequired[bool]
    uid: NotRequired[Uid]


class FocusDoc(TypedDict):
    id: Number
    kind: Literal["pomodoro", "countdown", "stopwatch"]
    role: Text
    started_at: Text
    planned_seconds: NotRequired[Seconds | None]
    occurrence: NotRequired[Number | None]
    step: NotRequired[Text | None]
    pauses: NotRequired[list[Pause]]
    ended_at: NotRequired[Text | None]
    status: NotRequired[Literal["running", "paused", "logged", "discarded"]]
    minutes: NotRequired[Minutes | None]
    note: NotRequired[Text]
    uid: NotRequired[Uid]
    break_ends: NotRequired[Text | None]  # the break a full pomodoro earned ends then
    task: NotRequired[Uid]  # the task it is on, by its ULID


# -- the small tables: one Struct a record ------------------------------------------------


class RoleRecord(Record):
    id: Text
    name: Text
    colour: Text = "#81a1c1"
    order: Annotated[int, Meta(ge=-(10**6), le=10**6)] = 0
    budget_minutes: Minutes = 0
    blocks: dict[Text, list[Text]] = {}
    archived: bool = False


class KpiRecord(Record):
    name: Text
    unit: Text = ""
    target: float | None = None
    direction: Literal["up", "down"] = "up"


class SystemRecord(Record):
    id: Text
    name: Text
    description: Text = ""
    tools: list[Text] = []
    people: list[Text] = []
    kpis: list[KpiRecord] = []
    archived: bool = False


class ScheduleRecord(Record):
    text: Text
    kind: Literal["calendar", "after_done", "on_demand"]
    rule: Text = ""
    every: Amount = 0
    unit: Literal["", "days", "weeks", "months"] = ""
    tz: Text = "UTC"


class StepRecord(Record):
    id: Text
    title: Text
    instructions: Text = ""
    tool: Text = ""
    estimate_minutes: Minutes = 0
    offset_days: Offset = 0


class ProcessRecord(Record):
    id: Text
    name: Text
    role: Text
    schedule: ScheduleRecord
    start: Text
    system: Text | None = None
    target_minutes: Minutes | None = None
    stage: Literal["draft", "testing", "routine", "retired"] = "draft"
    purpose: Text = ""
    notes: Text = ""
    version: Number = 1
    steps: list[StepRecord] = []


class ReviewRecord(Record):
    week: Text
    notes: Text = ""
    reviewed_at: Text | None = None
    kpis: dict[Text, dict[Text, float]] = {}


class PlanRecord(Record):
    date: Text
    steps: list[Text] = []
    # the block a step was moved to on the timeline: its start ("14:00") by step ref
    pins: dict[Text, Text] = {}


class TaskRecord(Record):
    """A task; its number is its key in the table (per file), its uid its identity."""

    uid: Uid
    title: Text
    created_at: Text
    role: Text | None = None
    system: Text | None = None
    due: Text | None = None
    first_due: Text | None = None
    estimate: Minutes | None = None
    status: Literal["open", "done", "skipped"] = "open"
    closed_at: Text | None = None
    minutes: Minutes | None = None
    reason: Text = ""


class MetaRecord(Record):
    schema: Count = 0
    next_no: Number = 1
    next_focus: Number = 1
    next_task: Number = 1  # written with the first task
    horizons: dict[Text, Text] = {}
    last_closed: dict[Text, Text] = {}
    archived_before: Text | None = None
    business: Uid | None = None  # drawn when the file is made: merge tells businesses apart


# -- whole documents ------------------------------------------------------------------------

Raw = dict[str, Any]


class Tables(TypedDict, total=False):
    """The data file, an archive file, or the "tables" of an export."""

    _default: dict[str, Raw]  # TinyDB's default table: unused, kept as it is
    meta: dict[str, Raw]
    roles: dict[str, Raw]
    systems: dict[str, Raw]
    processes: dict[str, Raw]
    process_history: dict[str, Raw]
    occurrences: dict[str, OccurrenceDoc]
    focus: dict[str, FocusDoc]
    reviews: dict[str, Raw]
    plans: dict[str, Raw]
    tasks: dict[str, Raw]


class ExportHead(TypedDict):
    """What an export says about itself; its tables are then checked as `Tables`."""

    format: Text
    schema: NotRequired[Count]
    exported_at: NotRequired[Text]
    tables: dict[str, Any]


RECORDS: dict[str, type[Record]] = {
    "meta": MetaRecord,
    "roles": RoleRecord,
    "systems": SystemRecord,
    "processes": ProcessRecord,
    "process_history": ProcessRecord,
    "reviews": ReviewRecord,
    "plans": PlanRecord,
    "tasks": TaskRecord,
}
DOCS: dict[str, type[Any]] = {"occurrences": OccurrenceDoc, "focus": FocusDoc}


class TablesFile(msgspec.Struct, forbid_unknown_fields=True):
    """`Tables` as the top level of a file: a name that is no table is refused, not dropped.

    A TypedDict lets unknown keys pass and leaves them out, and the next write would then
    lose them: an export saved over the data file read as an empty business and was
    overwritten. UNSET marks a table the file does not have."""

    default: dict[str, Raw] | msgspec.UnsetType = msgspec.field(
        default=msgspec.UNSET, name="_default"
    )
    meta: dict[str, Raw] | msgspec.UnsetType = msgspec.UNSET
    roles: dict[str, Raw] | msgspec.UnsetType = msgspec.UNSET
    systems: dict[str, Raw] | msgspec.UnsetType = msgspec.UNSET
    processes: dict[str, Raw] | msgspec.UnsetType = msgspec.UNSET
    process_history: dict[str, Raw] | msgspec.UnsetType = msgspec.UNSET
    occurrences: dict[str, OccurrenceDoc] | msgspec.UnsetType = msgspec.UNSET
    focus: dict[str, FocusDoc] | msgspec.UnsetType = msgspec.UNSET
    reviews: dict[str, Raw] | msgspec.UnsetType = msgspec.UNSET
    plans: dict[str, Raw] | msgspec.UnsetType = msgspec.UNSET
    tasks: dict[str, Raw] | msgspec.UnsetType = msgspec.UNSET


TABLE_NAMES = tuple(field.encode_name for field in msgspec.structs.fields(TablesFile))
TABLES_DECODER = msgspec.json.Decoder(TablesFile)


def tables_of(found: TablesFile) -> dict[str, dict[str, Any]]:
    """The tables a file holds, by their names in the file."""
    return {
        name: value
        for name, value in zip(TABLE_NAMES, msgspec.structs.astuple(found), strict=True)
        if value is not msgspec.UNSET
    }


def too_large(size: int) -> str | None:
    """The refusal of a file over the size Cockpit reads (None when it is not)."""
    if size <= MAX_FILE_BYTES:
        return None
    return (
        f"it is {size / 2**20:.1f} MB, and Cockpit reads files up to {MAX_FILE_BYTES // 2**20} MB"
    )
