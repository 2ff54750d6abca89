"""Focus sessions: start one on a step or a role, pause, resume, extend, stop and log.

One session at a time. A session is stored the moment it starts, with every
pause, so a restart finds it and computes its elapsed time from the instants.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.domain.due import DueStep
from cockpit.domain.errors import NotFoundError, RuleError, ValidationError
from cockpit.domain.focus import BreakRule, FocusKind, FocusSession, with_break
from cockpit.services.actions import complete, resolve
from cockpit.services.context import Cockpit
from cockpit.services.tasks import find_task, is_task_key, task_key
from cockpit.store.identity import new_uid


def active_focus(ctx: Cockpit) -> FocusSession | None:
    return ctx.store.active_focus()


def default_minutes(ctx: Cockpit, kind: FocusKind, estimate: int | None) -> int | None:
    if kind is FocusKind.STOPWATCH:
        return None
    if kind is FocusKind.COUNTDOWN and estimate:
        return estimate
    return ctx.settings.focus.pomodoro_minutes


def start_focus(
    ctx: Cockpit,
    kind: FocusKind,
    *,
    ref: str | None = None,
    role: str | None = None,
    minutes: int | None = None,
) -> FocusSession:
    """Start and store a session on a step (`ref`) or for a role."""
    ctx.require_writer()
    running = ctx.store.active_focus()
    if running is not None:
        raise RuleError(f"a focus session is already running (since {running.started_at:%H:%M})")
    occurrence_no = step_id = None
    estimate = None
    task_uid = ""
    if ref is not None and is_task_key(ref):
        task = find_task(ctx, ref)
        if not task.is_open:
            raise RuleError(f'task {ref} "{task.title}" is already {task.status}')
        if task.role_id is None:
            raise ValidationError(
                f'task {ref} "{task.title}" has no role: give it a role first (r on Today)',
                "role",
            )
        role, estimate, task_uid = task.role_id, task.estimate, task.uid
    elif ref is not None:
        target = resolve(ctx, ref)
        if target.step_id is None:
            raise ValidationError("focus on one step: give an ID like 412.2", "id")
        occurrence_no, step_id = target.occurrence.no, target.step_id
        estimate = target.process.step(step_id).estimate_minutes
        role = target.process.role
    if role is None:
        raise ValidationError("a focus session needs a step or a role", "role")
    known = {r.id: r for r in ctx.store.roles()}
    by_name = {r.name.lower(): r.id for r in known.values()}
    role_id = role if role in known else by_name.get(role.lower())
    if role_id is None:
        raise NotFoundError(f'no role called "{role}"')
    if minutes is not None and minutes <= 0:
        raise ValidationError(f"a session of {minutes} minutes? give a positive length", "minutes")
    length = minutes if minutes is not None else default_minutes(ctx, kind, estimate)
    now = ctx.now()
    session = FocusSession(
        id=ctx.store.new_focus_id(),
        kind=kind,
        role=role_id,
        started_at=now,
        planned_seconds=None if kind is FocusKind.STOPWATCH else (length or 25) * 60,
        occurrence_no=occurrence_no,
        step_id=step_id,
        uid=new_uid(now),
        task_uid=task_uid,
    )
    ctx.store.save_focus(session)
    return session


def _update(ctx: Cockpit, change: str, **kwargs: object) -> FocusSession:
    ctx.require_writer()
    session = ctx.store.active_focus()
    if session is None:
        raise RuleError("no focus session is running")
    now = ctx.now()
    if change == "pause":
        updated = session.pause(now)
    elif change == "resume":
        updated = session.resume(now)
    elif change == "extend":
        updated = session.extend(int(kwargs.get("seconds", 300)))  # type: ignore[call-overload]
    else:
        updated = session.finish(now, keep=bool(kwargs.get("keep", True)))
    ctx.store.save_focus(updated)
    return updated


def pause_focus(ctx: Cockpit) -> FocusSession:
    return _update(ctx, "pause")


def resume_focus(ctx: Cockpit) -> FocusSession:
    return _update(ctx, "resume")


def extend_focus(ctx: Cockpit, seconds: int = 300) -> FocusSession:
    return _update(ctx, "extend", seconds=seconds)


def stop_focus(ctx: Cockpit, *, keep: bool = True) -> FocusSession:
    """End the running session; kept, its minutes are logged to the step and the role."""
    return _update(ctx, "stop", keep=keep)


@dataclass(frozen=True, slots=True)
class FocusTarget:
    """What a session is about: one step, or a role's due steps one by one."""

    role_name: str
    title: str
    instructions: str
    ref: str | None
    role_steps: tuple[DueStep, ...] = ()


def focus_target(ctx: Cockpit, session: FocusSession) -> FocusTarget:
    roles = {role.id: role.name for role in ctx.store.roles()}
    role_name = roles.get(session.role, session.role)
    if session.occurrence_no is not None and session.step_id is not None:
        occurrence = ctx.store.occurrence(session.occurrence_no)
        if occurrence is not None:
            ref = f"{occurrence.no}.{occurrence.position(session.step_id)}"
            target = resolve(ctx, ref)
            step = target.process.step(session.step_id)
            return FocusTarget(
                role_name, f"{target.process.name} › {step.title}", step.instructions, ref
            )
    if session.task_uid:
        task = next((t for t in ctx.store.tasks() if t.uid == session.task_uid), None)
        if task is not None:
            about = f"A task of {role_name}, no steps to follow"
            if task.estimate:
                about += f" (about {task.estimate} minutes)"
            return FocusTarget(
                role_name, task.title, f"{about}. `x` marks it done.", task_key(task)
            )
    from cockpit.services.day import plan_day

    steps = tuple(due for due in plan_day(ctx).steps if due.role == session.role)
    return FocusTarget(role_name, f"{role_name} block", "", None, steps)


def break_rule(ctx: Cockpit) -> BreakRule:
    focus = ctx.settings.focus
    return BreakRule(focus.short_break_minutes, focus.long_break_minutes, focus.long_break_every)


def _full_pomodoros_before(ctx: Cockpit, session: FocusSession) -> int:
    """Full pomodoros that ended earlier on the day this one ended (the long break's count)."""
    assert session.ended_at is not None
    day = session.ended_at.astimezone(ctx.now().tzinfo).date()
    return sum(
        1
        for other in ctx.store.focus_sessions(since=day, until=day)
        if other.id != session.id
        and other.kind is FocusKind.POMODORO
        and other.ran_full
        and other.ended_at is not None
        and other.ended_at <= session.ended_at
    )


def current_break(ctx: Cockpit) -> FocusSession | None:
    """The logged pomodoro whose break runs now (stored with it, so a restart keeps it)."""
    now = ctx.now()
    today = ctx.today()
    found = [s for s in ctx.store.focus_sessions(since=today, until=today) if s.on_break(now)]
    return max(found, key=lambda s: s.break_ends or now, default=None)


def skip_break(ctx: Cockpit) -> FocusSession:
    """End the running break now."""
    ctx.require_writer()
    session = current_break(ctx)
    if session is None:
        raise RuleError("no break is running")
    skipped = session.skip_break(ctx.now())
    ctx.store.save_focus(skipped)
    return skipped


def finish_focus(ctx: Cockpit, *, keep: bool, step_done: bool) -> FocusSession:
    """Stop the session (logging or discarding it) and, if asked, mark its step done. A
    pomodoro that ran its whole length earns a break, stored with it."""
    session = stop_focus(ctx, keep=keep)
    minutes = break_rule(ctx).earned(session, _full_pomodoros_before(ctx, session))
    if minutes is not None:
        session = with_break(session, minutes)
        ctx.store.save_focus(session)
    if step_done and session.task_uid:
        task = next((t for t in ctx.store.tasks() if t.uid == session.task_uid), None)
        if task is not None and task.is_open:
            from cockpit.services.tasks import complete_task

            complete_task(ctx, task_key(task))
    if step_done and session.occurrence_no is not None and session.step_id is not None:
        occurrence = ctx.store.occurrence(session.occurrence_no)
        if occurrence is not None and occurrence.is_open:
            state = occurrence.state(session.step_id)
            if state.is_open:
                ref = f"{occurrence.no}.{occurrence.position(session.step_id)}"
                complete(ctx, ref)
    return session
