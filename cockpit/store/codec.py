"""Entities to JSON documents and back.

Instants are stored as ISO-8601 with offset, in UTC; dates of occurrences as
plain dates (the user's local calendar). Decoding uses the standard library's
fromisoformat, which is many times faster than a general parser on load.
Default values are left out, to keep the file small.

The documents decoded here have passed the schema (`schema`, `document`), so the
decoders trust their types. What the entities themselves refuse (an empty name,
a schedule phrase that says one thing while the rule says another) is raised as
a FieldError naming the field inside the record (`steps[2].title`). A step whose
offset falls after the next run starts is read with the largest offset that still
shows it (see `cockpit.domain.model.check_step_offsets`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus, Pause
from cockpit.domain.model import (
    Kpi,
    Process,
    Role,
    Stage,
    Step,
    System,
    TimeBlock,
    with_steps_shown,
)
from cockpit.domain.occurrence import Occurrence, OccurrenceStatus, StepState, StepStatus
from cockpit.domain.review import Review
from cockpit.domain.schedule import Schedule, stored_schedule
from cockpit.store.dates import read_day, read_stamp
from cockpit.store.identity import focus_uid, manual_run_uid
from cockpit.store.schema_errors import located

Doc = dict[str, Any]


def instant(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime: instants must carry an offset")
    return value.astimezone(UTC).isoformat(timespec="seconds")


def read_instant(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def read_date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _drop_empty(doc: Doc) -> Doc:
    return {key: value for key, value in doc.items() if value not in (None, "", [], {}, False)}


# -- roles and systems --------------------------------------------------------------


def role_doc(role: Role) -> Doc:
    return _drop_empty(
        {
            "id": role.id,
            "name": role.name,
            "colour": role.colour,
            "order": role.order,
            "budget_minutes": role.budget_minutes,
            "blocks": {day: [str(b) for b in blocks] for day, blocks in role.blocks.items()},
            "archived": role.archived,
        }
    ) | {"order": role.order}


_ROLE_FIELDS = {"daily budget": "budget_minutes"}


def role_from(doc: Doc) -> Role:
    with located(_ROLE_FIELDS):
        return Role(
            id=doc["id"],
            name=doc["name"],
            colour=doc.get("colour", "#81a1c1"),
            order=int(doc.get("order", 0)),
            budget_minutes=doc.get("budget_minutes", 0),
            blocks={
                day: tuple(TimeBlock.parse(text) for text in blocks)
                for day, blocks in doc.get("blocks", {}).items()
            },
            archived=bool(doc.get("archived", False)),
        )


def system_doc(system: System) -> Doc:
    return _drop_empty(
        {
            "id": system.id,
            "name": system.name,
            "description": system.description,
            "tools": list(system.tools),
            "people": list(system.people),
            "kpis": [
                _drop_empty(
                    {"name": k.name, "unit": k.unit, "target": k.target, "direction": k.direction}
                )
                for k in system.kpis
            ],
            "archived": system.archived,
        }
    )


def system_from(doc: Doc) -> System:
    kpis = []
    for index, k in enumerate(doc.get("kpis", ())):
        with located({}, "kpis", index):
            kpis.append(
                Kpi(k["name"], k.get("unit", ""), k.get("target"), k.get("direction", "up"))
            )
    with located({}):
        return System(
            id=doc["id"],
            name=doc["name"],
            description=doc.get("description", ""),
            tools=tuple(doc.get("tools", ())),
            people=tuple(doc.get("people", ())),
            kpis=tuple(kpis),
            archived=bool(doc.get("archived", False)),
        )


# -- processes ----------------------------------------------------------------------


def schedule_doc(schedule: Schedule) -> Doc:
    return _drop_empty(
        {
            "text": schedule.text,
            "kind": schedule.kind.value,
            "rule": schedule.rule,
            "every": schedule.every,
            "unit": schedule.unit,
            "tz": schedule.tz,
        }
    )


def schedule_from(doc: Doc) -> Schedule:
    """The schedule, re-parsed from its phrase and checked against the stored rule."""
    with located({}, "schedule"):
        return stored_schedule(
            doc["text"],
            doc["kind"],
            doc.get("rule", ""),
            doc.get("every", 0),
            doc.get("unit", ""),
            doc.get("tz", "UTC"),
        )


def step_doc(step: Step) -> Doc:
    return _drop_empty(
        {
            "id": step.id,
            "title": step.title,
            "instructions": step.instructions,
            "tool": step.tool,
            "estimate_minutes": step.estimate_minutes,
            "offset_days": step.offset_days,
        }
    )


_STEP_FIELDS = {"name": "title", "estimate": "estimate_minutes", "offset": "offset_days"}


def step_from(doc: Doc, index: int = 0) -> Step:
    with located(_STEP_FIELDS, "steps", index):
        return Step(
            id=doc["id"],
            title=doc["title"],
            instructions=doc.get("instructions", ""),
            tool=doc.get("tool", ""),
            estimate_minutes=doc.get("estimate_minutes", 0),
            offset_days=doc.get("offset_days", 0),
        )


def process_doc(process: Process) -> Doc:
    return _drop_empty(
        {
            "id": process.id,
            "name": process.name,
            "role": process.role,
            "system": process.system,
            "schedule": schedule_doc(process.schedule),
            "start": process.start.isoformat(),
            "target_minutes": process.target_minutes,
            "stage": process.stage.value,
            "purpose": process.purpose,
            "notes": process.notes,
            "version": process.version,
            "steps": [step_doc(step) for step in process.steps],
        }
    )


_PROCESS_FIELDS = {"target": "target_minutes"}


def process_from(doc: Doc, *, shown: bool = True) -> Process:
    """The process of a document; with `shown`, steps due too late are moved to be shown."""
    schedule = schedule_from(doc["schedule"])
    steps = tuple(step_from(step, index) for index, step in enumerate(doc.get("steps", ())))
    with located({}, "start"):
        start = read_day(doc["start"])
    with located(_PROCESS_FIELDS):
        process = Process(
            id=doc["id"],
            name=doc["name"],
            role=doc["role"],
            system=doc.get("system"),
            schedule=schedule,
            start=start,
            target_minutes=doc.get("target_minutes"),
            stage=Stage(doc.get("stage", "draft")),
            purpose=doc.get("purpose", ""),
            notes=doc.get("notes", ""),
            version=doc.get("version", 1),
            steps=steps,
        )
        return with_steps_shown(process) if shown else process


# -- occurrences --------------------------------------------------------------------


def step_state_doc(state: StepState) -> Doc:
    return _drop_empty(
        {
            "step": state.step_id,
            "status": "" if state.status is StepStatus.OPEN else state.status.value,
            "at": instant(state.done_at) if state.done_at else None,
            "minutes": state.minutes,
            "reason": state.reason,
            "snoozed_to": state.snoozed_to.isoformat() if state.snoozed_to else None,
        }
    ) | ({"minutes": 0} if state.minutes == 0 else {})


def step_state_from(doc: Doc) -> StepState:
    return StepState(
        step_id=doc["step"],
        status=StepStatus(doc.get("status", "open")),
        done_at=read_instant(doc.get("at")),
        minutes=doc.get("minutes"),
        reason=doc.get("reason", ""),
        snoozed_to=read_date(doc.get("snoozed_to")),
    )


def occurrence_doc(occurrence: Occurrence) -> Doc:
    return _drop_empty(
        {
            "no": occurrence.no,
            "process": occurrence.process_id,
            "version": occurrence.process_version,
            "date": occurrence.date.isoformat(),
            "status": occurrence.status.value,
            "steps": [step_state_doc(state) for state in occurrence.steps],
            "closed_at": instant(occurrence.closed_at) if occurrence.closed_at else None,
            "closed_on": occurrence.closed_on.isoformat() if occurrence.closed_on else None,
            "reason": occurrence.reason,
            "kept": occurrence.kept,
            "manual": occurrence.manual,
            "uid": occurrence.uid or _manual_uid(occurrence),
        }
    )


def _manual_uid(occurrence: Occurrence) -> str:
    """A run started by hand needs an identity of its own; one made without a ULID gets one
    derived from what it holds (the same run, the same ULID). Scheduled runs need none."""
    if not occurrence.manual:
        return ""
    return manual_run_uid(occurrence.process_id, occurrence.date, occurrence.no)


def occurrence_from(doc: Doc) -> Occurrence:
    return Occurrence(
        no=doc["no"],
        process_id=doc["process"],
        process_version=doc.get("version", 1),
        date=date.fromisoformat(doc["date"]),
        steps=tuple(step_state_from(state) for state in doc.get("steps", ())),
        status=OccurrenceStatus(doc.get("status", "open")),
        closed_at=read_instant(doc.get("closed_at")),
        closed_on=read_date(doc.get("closed_on")),
        reason=doc.get("reason", ""),
        kept=bool(doc.get("kept", False)),
        manual=bool(doc.get("manual", False)),
        uid=doc.get("uid", ""),
    )


# -- focus sessions and reviews -----------------------------------------------------


def focus_doc(session: FocusSession) -> Doc:
    return _drop_empty(
        {
            "id": session.id,
            "kind": session.kind.value,
            "role": session.role,
            "started_at": instant(session.started_at),
            "planned_seconds": session.planned_seconds,
            "occurrence": session.occurrence_no,
            "step": session.step_id,
            "pauses": [
                [instant(p.start), instant(p.end) if p.end else None] for p in session.pauses
            ],
            "ended_at": instant(session.ended_at) if session.ended_at else None,
            "status": session.status.value,
            "minutes": session.minutes,
            "note": session.note,
            "uid": session.uid or focus_uid(session.started_at, session.id, session.role),
            "break_ends": instant(session.break_ends) if session.break_ends else None,
            "task": session.task_uid or None,
        }
    )


def focus_from(doc: Doc) -> FocusSession:
    started = read_instant(doc["started_at"])
    assert started is not None
    return FocusSession(
        id=doc["id"],
        kind=FocusKind(doc["kind"]),
        role=doc["role"],
        started_at=started,
        planned_seconds=doc.get("planned_seconds"),
        occurrence_no=doc.get("occurrence"),
        step_id=doc.get("step"),
        pauses=tuple(
            Pause(datetime.fromisoformat(start), read_instant(end))
            for start, end in doc.get("pauses", ())
        ),
        ended_at=read_instant(doc.get("ended_at")),
        status=FocusStatus(doc.get("status", "running")),
        minutes=doc.get("minutes"),
        note=doc.get("note", ""),
        uid=doc.get("uid", ""),
        break_ends=read_instant(doc.get("break_ends")),
        task_uid=doc.get("task", ""),
    )


def review_doc(review: Review) -> Doc:
    return _drop_empty(
        {
            "week": review.week,
            "notes": review.notes,
            "reviewed_at": instant(review.reviewed_at) if review.reviewed_at else None,
            "kpis": review.kpis,
        }
    )


def review_from(doc: Doc) -> Review:
    with located({}, "reviewed_at"):
        reviewed_at = read_stamp(doc.get("reviewed_at"))
    with located({}):
        return Review(
            week=doc["week"],
            notes=doc.get("notes", ""),
            reviewed_at=reviewed_at,
            kpis={key: dict(values) for key, values in doc.get("kpis", {}).items()},
        )
