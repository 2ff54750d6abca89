"""Deterministic data sets for `cockpit bench`, written straight in the store's JSON layout.

Going through the services day by day would take minutes for five years, so the
entities are built in memory, encoded with the store's codec and written once as
TinyDB tables. The history is what working every day would have left: each date
once, mostly done (some late), some skipped or missed, a few kept open; today's
runs open; focus sessions on done steps. The same seed gives the same bytes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus, Pause
from cockpit.domain.model import Process, Role, Stage, Step, System
from cockpit.domain.occurrence import Occurrence, OccurrenceStatus, StepState, StepStatus
from cockpit.domain.schedule import ScheduleKind, parse_schedule
from cockpit.store import archive, codec
from cockpit.store.migrations import CURRENT_SCHEMA, META, META_ID
from cockpit.store.storage import decode, encode

TZ = "UTC"
FILE_NAME = "cockpit.json"


ROLES = (
    Role(id="sales", name="Sales", colour="#d08770", order=0, budget_minutes=90),
    Role(id="delivery", name="Delivery", colour="#4f97c9", order=1, budget_minutes=180),
    Role(id="admin", name="Admin", colour="#a3be8c", order=2, budget_minutes=60),
    Role(id="marketing", name="Marketing", colour="#b48ead", order=3, budget_minutes=60),
)
SYSTEMS = (
    System(id="leads", name="Lead generation", tools=("LinkedIn", "HubSpot")),
    System(id="delivery", name="Project delivery", tools=("Trello", "WordPress")),
    System(id="finance", name="Financial management", tools=("QuickBooks", "Bank")),
    System(id="marketing", name="Marketing engine", tools=("Hootsuite", "Mailchimp")),
    System(id="operations", name="Operations", tools=("Email", "Calendar", "Evernote")),
)

# One process template a line (an indented line continues the one above):
# name | schedule | role | system | tool | steps as "title minutes[/offset days]; ...".
# Process i follows template i % 20, so 60 processes over 5 years give about 35,000
# occurrences, and 40 processes over one year about 4,600.
_TEMPLATES = """
Inbox zero | daily | admin | operations | Email | Answer client emails 20; Archive the rest 10
Check the bank feed | weekdays | admin | finance | Bank
    | Match payments to invoices 10; Flag unknown charges 5
Client project work | weekdays | delivery | delivery | Trello
    | Review the board 5; Deep work block 90; Update the client 10
Prospecting | every mon, thu | sales | leads | LinkedIn
    | Find five prospects 20; Send connection notes 15; Log them in the CRM 10
Follow up leads | every tue, fri | sales | leads | HubSpot
    | Review open leads 10; Send follow-ups 20; Book calls 10
Weekly social posts | weekly on mon | marketing | marketing | Hootsuite
    | Pick three topics 15; Write captions 30; Schedule the posts 10
Invoice clients | every 2 weeks on fri | admin | finance | QuickBooks
    | Export tracked hours 10; Draft invoices 20; Check totals 10; Send invoices 10
Update bookkeeping | weekly on fri | admin | finance | QuickBooks
    | Categorise transactions 25; Attach receipts 15; Reconcile accounts 20
Plan the week | weekly on mon | admin | operations | Calendar
    | Review last week 10; Set three outcomes 10; Block the calendar 10
Back up client sites | every 2 days | delivery | delivery | WordPress
    | Run backups 10; Verify one restore 10
Pay suppliers | monthly on the 15th | admin | finance | Bank
    | Collect bills 10/-1; Approve payments 10; File the receipts 5
Close the month | monthly on the last weekday | admin | finance | QuickBooks
    | Chase unpaid invoices 20; Run the P&L 15; Note the KPIs 10; Move tax savings 5;
      Archive statements 5
Newsletter | monthly on the 2nd tue | marketing | marketing | Mailchimp
    | Outline the issue 20/-1; Write the issue 60; Proofread 15; Schedule the send 5
Quarterly taxes | quarterly | admin | finance | QuickBooks
    | Gather figures 30; Compute the estimate 30; Pay the estimate 10;
      File the confirmation 5; Update the tax sheet 10; Review with the accountant 30
Client check-in call | 3 days after done | sales | leads | Calendar
    | Prepare questions 10; Call the client 30; Write notes 10
Update the portfolio | 2 weeks after done | marketing | marketing | WordPress
    | Pick a finished project 10; Write the case study 45; Publish it 10
Qualify a new lead | on demand | sales | leads | HubSpot
    | Read the enquiry 5; Check budget and fit 10; Reply with a next step 10
Daily stand-up with the VA | daily | admin | operations | Calendar
    | Review the VA's list 5; Hand over new tasks 10
Log time | weekdays | delivery | delivery | Trello | Enter today's hours 5; Check the budget 5
Write a blog post | every 2 weeks on wed | marketing | marketing | WordPress
    | Choose the topic 10/-1; Draft 60; Edit 20; Add images 15; Publish and share 10
"""
Template = tuple[str, str, str, str, str, tuple[tuple[str, int, int], ...]]


def _templates(text: str) -> tuple[Template, ...]:
    templates = []
    for line in re.sub(r"\n\s+", " ", text.strip()).splitlines():
        name, phrase, role, system, tool, steps = (part.strip() for part in line.split("|"))
        parsed = []
        for step in steps.split(";"):
            title, _, amount = step.strip().rpartition(" ")
            minutes, _, offset = amount.partition("/")
            parsed.append((title, int(minutes), int(offset or 0)))
        templates.append((name, phrase, role, system, tool, tuple(parsed)))
    return tuple(templates)


TEMPLATES = _templates(_TEMPLATES)

SKIP_REASONS = ("client on holiday", "nothing new this time", "covered in the client call",
                "sick day", "public holiday", "waiting on the client")  # fmt: skip


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def make_processes(count: int, start: date) -> list[Process]:
    processes = []
    for index in range(count):
        name, phrase, role, system, tool, steps = TEMPLATES[index % len(TEMPLATES)]
        round_no = index // len(TEMPLATES)
        full_name = name if round_no == 0 else f"{name} ({chr(ord('A') + round_no)})"
        processes.append(
            Process(
                id=f"p{index + 1:03d}",
                name=full_name,
                role=role,
                system=system,
                schedule=parse_schedule(phrase, TZ),
                start=start,
                steps=tuple(
                    Step(id=f"s{n}", title=title, tool=tool, estimate_minutes=est, offset_days=off)
                    for n, (title, est, off) in enumerate(steps, start=1)
                ),
                target_minutes=sum(est for _, est, _ in steps),
                stage=Stage.ROUTINE,
            )
        )
    return processes


class _Writer:
    """Builds the occurrences of one process, closed as a day-by-day owner would have."""

    def __init__(self, process: Process, today: date, rng: random.Random) -> None:
        self.process = process
        self.today = today
        self.rng = rng
        # its character: chances of on time, late, skipped (the rest is missed)
        self.on_time, self.late = rng.uniform(0.72, 0.95), rng.uniform(0.02, 0.08)
        self.skipped = rng.uniform(0.01, 0.05)
        self.slipping, self.keeps_last = rng.random() < 0.12, rng.random() < 0.12

    def _open(self, on: date, *, kept: bool = False, manual: bool = False) -> Occurrence:
        states = tuple(StepState(step.id) for step in self.process.steps)
        return Occurrence(0, self.process.id, 1, on, states, kept=kept, manual=manual)

    def _done(self, on: date, late: int, *, manual: bool = False) -> Occurrence:
        cursor: dict[date, datetime] = {}
        states = []
        for step in self.process.steps:
            day = on + timedelta(days=step.offset_days + late)
            start = cursor.get(day) or datetime.combine(
                day, time(self.rng.randint(8, 14), self.rng.randrange(0, 60, 5)), UTC
            )
            minutes = max(1, round((step.estimate_minutes or 5) * self.rng.uniform(0.7, 1.4)))
            at = start + timedelta(minutes=minutes)
            cursor[day] = at + timedelta(minutes=self.rng.randint(0, 20))
            states.append(StepState(step.id, StepStatus.DONE, at, minutes))
        closed_at = max(state.done_at for state in states if state.done_at is not None)
        return replace(
            self._open(on, manual=manual),
            steps=tuple(states),
            status=OccurrenceStatus.DONE,
            closed_at=closed_at,
            closed_on=closed_at.date(),
        )

    def _skipped(self, on: date, *, manual: bool = False) -> Occurrence:
        reason = self.rng.choice(SKIP_REASONS)
        at = datetime.combine(on, time(self.rng.randint(8, 17), self.rng.randrange(0, 60, 5)), UTC)
        states = tuple(
            StepState(step.id, StepStatus.SKIPPED, at, reason=reason) for step in self.process.steps
        )
        return replace(
            self._open(on, manual=manual),
            steps=states,
            status=OccurrenceStatus.SKIPPED,
            closed_at=at,
            closed_on=on,
            reason=reason,
        )

    def _missed(self, on: date, following: date) -> Occurrence:
        occurrence = self._open(on)
        if self.rng.random() < 0.3:  # started, then dropped
            done = self._done(on, 0)
            occurrence = replace(occurrence, steps=(done.steps[0], *occurrence.steps[1:]))
        at = datetime.combine(following, time(9, 0), UTC)
        missed = OccurrenceStatus.MISSED
        return replace(occurrence, status=missed, closed_at=at, closed_on=following)

    def _closed(self, on: date, following: date | None) -> Occurrence:
        """A past run: done (perhaps late), skipped or missed, by the process's character."""
        roll = self.rng.random()
        if roll < self.on_time:
            return self._done(on, 0)
        room = ((following or self.today) - on).days - 1
        room = min(room, (self.today - on).days - 1)
        if roll < self.on_time + self.late:
            return self._done(on, max(0, min(self.rng.randint(1, 2), room)))
        if roll < self.on_time + self.late + self.skipped:
            return self._skipped(on)
        if following is None or following > self.today:
            return self._open(on)  # not missed yet: its next date has not come
        return self._missed(on, following)

    def calendar(self) -> tuple[list[Occurrence], date | None]:
        process, today = self.process, self.today
        last = today + timedelta(days=process.lead_days)
        dates = process.schedule.dates_between(process.start, process.start, last)
        past = [day for day in dates if day < today]
        runs: list[Occurrence] = []
        for index, on in enumerate(past):
            later = dates[index + 1] if index + 1 < len(dates) else None
            following = later or process.schedule.next_after(process.start, on)
            if index == len(past) - 1 and self.keeps_last:
                runs.append(self._open(on, kept=True))
            elif self.slipping and index >= len(past) - 3 and following and following <= today:
                runs.append(self._missed(on, following))
            else:
                runs.append(self._closed(on, following))
        runs += [self._open(on) for on in dates[len(past) :]]
        return runs, (dates[-1] if dates else None)

    def after_done(self) -> tuple[list[Occurrence], date | None]:
        process, today = self.process, self.today
        last = today + timedelta(days=process.lead_days)
        runs: list[Occurrence] = []
        on, horizon = process.start, None
        while on <= last:
            horizon = on
            if on >= today or (on >= today - timedelta(days=3) and self.rng.random() < 0.5):
                runs.append(self._open(on))
                break
            roll = self.rng.random()
            room = max(0, min(2, (today - on).days - 1))
            if roll < 1 - self.skipped:
                late = self.rng.randint(0, room) if roll > self.on_time else 0
                run = self._done(on, late)
            else:
                run = self._skipped(on)
            runs.append(run)
            closed = run.closed_on or on
            on = max(process.schedule.next_after_done(closed), on + timedelta(days=1))
        return runs, horizon

    def on_demand(self) -> list[Occurrence]:
        runs: list[Occurrence] = []
        on = self.process.start + timedelta(days=self.rng.randint(1, 12))
        while on < self.today:
            if self.rng.random() < 0.95:
                runs.append(self._done(on, 0, manual=True))
            else:
                runs.append(self._skipped(on, manual=True))
            on += timedelta(days=self.rng.randint(3, 17))
        if self.rng.random() < 0.5:  # one started in the last days, still open
            started = self.today - timedelta(days=self.rng.randint(0, 3))
            runs.append(self._open(started, manual=True))
        return runs


def _focus(
    runs: list[Occurrence], roles: dict[str, str], count: int, rng: random.Random
) -> list[FocusSession]:
    """`count` logged sessions, each on a done step of a done run, spread over the history."""
    candidates = [
        (run, state)
        for run in runs
        if run.status is OccurrenceStatus.DONE
        for state in run.steps
        if state.status is StepStatus.DONE and state.done_at is not None
    ]
    chosen = sorted(rng.sample(range(len(candidates)), min(count, len(candidates))))
    sessions = []
    for index in chosen:
        run, state = candidates[index]
        assert state.done_at is not None
        minutes = state.minutes or 1
        paused = rng.randint(2, 10) if rng.random() < 0.2 else 0
        started = state.done_at - timedelta(minutes=minutes + paused)
        pauses: tuple[Pause, ...] = ()
        if paused:
            pause_start = started + timedelta(minutes=minutes // 2)
            pauses = (Pause(pause_start, pause_start + timedelta(minutes=paused)),)
        pomodoro = minutes <= 25
        sessions.append(
            FocusSession(
                id=0,
                kind=FocusKind.POMODORO if pomodoro else FocusKind.COUNTDOWN,
                role=roles[run.process_id],
                started_at=started,
                planned_seconds=25 * 60 if pomodoro else (minutes + rng.randint(0, 15)) * 60,
                occurrence_no=run.no,
                step_id=state.step_id,
                pauses=pauses,
                ended_at=state.done_at,
                status=FocusStatus.LOGGED,
                minutes=minutes,
            )
        )
    sessions.sort(key=lambda s: (s.started_at, s.occurrence_no or 0))
    return [replace(session, id=number) for number, session in enumerate(sessions, start=1)]


def _numbered(groups: list[list[Occurrence]]) -> Iterator[Occurrence]:
    """Number the runs in the order materializing would have created them: by date."""
    order = [
        (run.date, group, seq) for group, runs in enumerate(groups) for seq, run in enumerate(runs)
    ]
    order.sort()
    for number, (_, group, seq) in enumerate(order, start=1):
        yield replace(groups[group][seq], no=number)


def generate(
    *, processes: int, years: int, focus_sessions: int, today: date, seed: int = 7, tasks: int = 0
) -> dict[str, dict[str, Any]]:
    """The whole data file as tables of documents (with `tasks` one-off to-dos)."""
    rng = random.Random(seed)
    start = years_before(today, years)
    made = make_processes(processes, start)
    horizons: dict[str, str] = {}
    groups: list[list[Occurrence]] = []
    for process in made:
        writer = _Writer(process, today, random.Random(f"{seed}|{process.id}"))
        kind = process.schedule.kind
        if kind is ScheduleKind.CALENDAR:
            runs, horizon = writer.calendar()
        elif kind is ScheduleKind.AFTER_DONE:
            runs, horizon = writer.after_done()
        else:
            runs, horizon = writer.on_demand(), None
        if horizon is not None:
            horizons[process.id] = horizon.isoformat()
        groups.append(runs)
    runs = list(_numbered(groups))
    roles = {process.id: process.role for process in made}
    sessions = _focus(runs, roles, focus_sessions, rng)
    meta = {"schema": CURRENT_SCHEMA, "horizons": horizons}
    meta |= {"next_no": len(runs) + 1, "next_focus": len(sessions) + 1}
    tables = {
        META: {META_ID: meta},
        "roles": {str(n): codec.role_doc(role) for n, role in enumerate(ROLES, start=1)},
        "systems": {str(n): codec.system_doc(s) for n, s in enumerate(SYSTEMS, start=1)},
        "processes": {str(n): codec.process_doc(p) for n, p in enumerate(made, start=1)},
        "occurrences": {str(run.no): codec.occurrence_doc(run) for run in runs},
        "focus": {str(s.id): codec.focus_doc(s) for s in sessions},
    }
    if tasks:
        from cockpit.bench.task_set import task_table

        tables["tasks"] = task_table(tasks, today, seed)
    return tables


def build_dataset(folder: Path, name: str, *, today: date, seed: int = 7, **sizes: int) -> Path:
    """Write `<folder>/<name>/cockpit.json` (sizes: processes, years, focus_sessions, tasks);
    the same arguments always give the same bytes."""
    data = generate(today=today, seed=seed, **sizes)
    path = folder / name / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(encode(data))
    return path


def count_docs(path: Path, table: str) -> int:
    """Documents of a table in the live file and its yearly archives."""
    keys = set(decode(path.read_bytes()).get(table, {}))
    for year in archive.archived_years(path):
        keys |= set(archive.read_archive(archive.archive_path(path, year)).get(table, {}))
    return len(keys)
