"""Reading a business definition (the sample, or the owner's own TOML) into the store.

The format is the one of `sample_data/business.toml`: roles, systems with tools,
people and KPIs, and processes with their steps. Everything is checked before
anything is saved; an error names the process and field it is about.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import (
    Kpi,
    Process,
    Role,
    Stage,
    Step,
    System,
    TimeBlock,
    slugify,
)
from cockpit.domain.schedule import parse_schedule
from cockpit.locations import package_resource
from cockpit.services.context import Cockpit

FORMAT = "cockpit-business"


@dataclass(frozen=True, slots=True)
class Business:
    name: str
    roles: tuple[Role, ...]
    systems: tuple[System, ...]
    processes: tuple[Process, ...]


def sample_path() -> Path:
    return package_resource("sample_data") / "business.toml"


def read_business(path: Path, start: date, tz: str) -> Business:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValidationError(f"{path}: {error}") from None
    except OSError as error:
        raise ValidationError(f"{path}: {error.strerror}") from None
    return parse_business(raw, start, tz, where=str(path))


def _unique_id(name: str, taken: set[str]) -> str:
    base = slugify(name)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _list(raw: dict[str, Any], key: str, where: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise ValidationError(f"{where}: {key} must be a list")
    return value


def _role(raw: dict[str, Any], order: int, taken: set[str]) -> Role:
    blocks = {
        day.lower()[:3]: tuple(TimeBlock.parse(text) for text in texts)
        for day, texts in raw.get("blocks", {}).items()
    }
    return Role(
        id=_unique_id(raw.get("name", ""), taken),
        name=raw.get("name", ""),
        colour=raw.get("colour", "#81a1c1"),
        order=order,
        budget_minutes=raw.get("budget_minutes", 0),
        blocks=blocks,
    )


def _system(raw: dict[str, Any], taken: set[str]) -> System:
    return System(
        id=_unique_id(raw.get("name", ""), taken),
        name=raw.get("name", ""),
        description=raw.get("description", ""),
        tools=tuple(raw.get("tools", ())),
        people=tuple(raw.get("people", ())),
        kpis=tuple(
            Kpi(k.get("name", ""), k.get("unit", ""), k.get("target"), k.get("direction", "up"))
            for k in raw.get("kpis", ())
        ),
    )


def _steps(raw: list[dict[str, Any]]) -> tuple[Step, ...]:
    return tuple(
        Step(
            id=f"s{index}",
            title=step.get("title", ""),
            instructions=step.get("instructions", "").strip(),
            tool=step.get("tool", ""),
            estimate_minutes=step.get("estimate", 0),
            offset_days=step.get("offset", 0),
        )
        for index, step in enumerate(raw, start=1)
    )


def parse_business(raw: dict[str, Any], start: date, tz: str, where: str = "business") -> Business:
    """Build and validate every entity of a business definition."""
    try:
        return _parse_business(raw, start, tz, where)
    except (TypeError, AttributeError, KeyError) as error:
        raise ValidationError(f"{where}: a value has the wrong type ({error})") from None


def _parse_business(raw: dict[str, Any], start: date, tz: str, where: str) -> Business:
    if raw.get("format", FORMAT) != FORMAT:
        raise ValidationError(f'{where}: not a Cockpit business file (format = "{FORMAT}")')
    taken: set[str] = set()
    roles = []
    for order, item in enumerate(_list(raw, "roles", where)):
        try:
            roles.append(_role(item, order, taken))
        except ValidationError as error:
            raise ValidationError(
                f"{where}: role {item.get('name', order + 1)!r}: {error}"
            ) from None
    systems = []
    for item in _list(raw, "systems", where):
        try:
            systems.append(_system(item, taken))
        except ValidationError as error:
            raise ValidationError(f"{where}: system {item.get('name')!r}: {error}") from None
    role_ids = {role.name.lower(): role.id for role in roles}
    system_ids = {system.name.lower(): system.id for system in systems}
    processes = []
    process_ids: set[str] = set()
    for item in _list(raw, "processes", where):
        name = item.get("name", "")
        try:
            role = role_ids.get(str(item.get("role", "")).lower())
            if role is None:
                known = ", ".join(r.name for r in roles) or "none defined"
                raise ValidationError(f'unknown role "{item.get("role")}" (roles: {known})')
            system = None
            if item.get("system"):
                system = system_ids.get(str(item["system"]).lower())
                if system is None:
                    raise ValidationError(f'unknown system "{item["system"]}"')
            processes.append(
                Process(
                    id=_unique_id(name, process_ids),
                    name=name,
                    role=role,
                    system=system,
                    schedule=parse_schedule(item.get("schedule", ""), tz),
                    start=start,
                    steps=_steps(_list(item, "steps", where)),
                    target_minutes=item.get("target_minutes"),
                    stage=Stage.parse(item.get("stage", "draft")),
                    purpose=item.get("purpose", "").strip(),
                    notes=item.get("notes", "").strip(),
                )
            )
        except ValidationError as error:
            raise ValidationError(f"{where}: process {name!r}: {error}") from None
        except (TypeError, AttributeError) as error:
            raise ValidationError(
                f"{where}: process {name!r}: a value has the wrong type ({error})"
            ) from None
    business = raw.get("business", {})
    return Business(business.get("name", ""), tuple(roles), tuple(systems), tuple(processes))


def load_business(ctx: Cockpit, business: Business) -> None:
    """Save a business into the store, in one atomic write."""
    ctx.require_writer()
    with ctx.store.batch():
        for role in business.roles:
            ctx.store.save_role(role)
        for system in business.systems:
            ctx.store.save_system(system)
        for process in business.processes:
            ctx.store.save_process(process)


def load_sample(ctx: Cockpit, start: date | None = None) -> Business:
    business = read_business(sample_path(), start or ctx.today(), ctx.settings.timezone)
    load_business(ctx, business)
    return business


def create_roles(ctx: Cockpit, names: list[str]) -> list[Role]:
    """An empty start: just the roles the owner wears."""
    ctx.require_writer()
    taken = {role.id for role in ctx.store.roles()}
    roles = [Role(id=_unique_id(name, taken), name=name, order=i) for i, name in enumerate(names)]
    with ctx.store.batch():
        for role in roles:
            ctx.store.save_role(role)
    return roles
