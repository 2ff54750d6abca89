"""msgspec's errors in plain words, at a place a person can find in the file.

msgspec says `Expected `str`, got `int` - at `$.schedule.text``; Cockpit says
`schedule.text: expected text, got a whole number`. The place is written the way
the issue tracker and the messages show it: `processes["manage-the-blog"].steps[2].title`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import msgspec
import orjson
from msgspec import inspect

from cockpit.domain.errors import ValidationError

_AT = re.compile(r"^(?P<problem>.*?)(?: - at `(?P<path>[^`]*)`)?$", re.DOTALL)
_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]*)\]")
_KINDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "null": "null",
    "object": "an object",
    "array": "a list",
}


def quoted(label: object) -> str:
    """A key or id as it is shown in a place: JSON-quoted, so control characters show escaped."""
    return orjson.dumps(str(label)).decode()


def place(*parts: str | int) -> str:
    """`processes`, `"x"`, `steps`, 2, `title` -> `processes["x"].steps[2].title`."""
    text = ""
    for part in parts:
        if isinstance(part, int) or part.startswith('"'):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def split(error: msgspec.ValidationError) -> tuple[list[str | int], str]:
    """The path (fields and list positions, `[...]` for a dict key) and the problem."""
    match = _AT.match(str(error))
    assert match is not None  # the pattern matches any text
    problem, path = match["problem"], match["path"] or "$"
    segments: list[str | int] = []
    for field, index in _SEGMENT.findall(path.removeprefix("$")):
        segments.append(field if field else (int(index) if index.isdigit() else "[...]"))
    return segments, problem


def plain(problem: str, segments: list[str | int], root: Any) -> tuple[list[str | int], str]:
    """msgspec's problem in plain words; a missing or unknown field joins the path."""
    if found := re.fullmatch(r"Object missing required field `(.+)`", problem):
        return [*segments, found[1]], "is missing (this field is needed)"
    if found := re.fullmatch(r"Object contains unknown field `(.+)`", problem):
        return [*segments, found[1]], "is not a field Cockpit knows (a typo?)"
    if found := re.fullmatch(r"Expected `(.+?)`, got `(.+?)`", problem):
        got = "a decimal number" if found[2] == "float" else _kind(found[2])
        return segments, f"expected {_kind(found[1])}, got {got}"
    if found := re.fullmatch(r"Expected `(\w+)` (>=|<=|>|<) (-?[\d.e+]+)", problem):
        bound = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}
        return segments, f"expected {_kind(found[1])}, {bound[found[2]]} {found[3]}"
    if found := re.fullmatch(r"Expected `(\w+)` of length (>=|<=) (\d+)", problem):
        size = "at least" if found[2] == ">=" else "at most"
        unit = "characters" if found[1] == "str" else "items"
        return segments, f"expected {_kind(found[1])} of {size} {found[3]} {unit}"
    if found := re.fullmatch(r"Expected `array` of length (\d+)", problem):
        return segments, f"expected a list of {found[1]} items"
    if found := re.fullmatch(r"Invalid enum value (.+)", problem):
        values = _choices(root, segments)
        choice = f"; use one of {', '.join(values)}" if values else ""
        return segments, f"unknown value {found[1]}{choice}"
    if problem == "Integer value out of range":
        return segments, "the number is too large"
    return segments, problem[:1].lower() + problem[1:]


def _kind(name: str) -> str:
    words = [_KINDS.get(part.strip(), part.strip()) for part in name.split("|")]
    return " or ".join(words)


def _choices(root: Any, segments: list[str | int]) -> list[str]:
    """The values a Literal field allows, found by walking the schema along the path."""
    info: Any = inspect.type_info(root)
    for segment in segments:
        info = _inner(info)
        if isinstance(info, inspect.StructType | inspect.TypedDictType):
            info = next((f.type for f in info.fields if f.name == segment), None)
        elif isinstance(info, inspect.ListType | inspect.TupleType):
            info = info.item_type if isinstance(info, inspect.ListType) else info.item_types[0]
        elif isinstance(info, inspect.DictType):
            info = info.value_type
        else:
            return []
    info = _inner(info)
    return [str(value) for value in info.values] if isinstance(info, inspect.LiteralType) else []


def _inner(info: Any) -> Any:
    if isinstance(info, inspect.UnionType):
        return next((t for t in info.types if not isinstance(t, inspect.NoneType)), info)
    return info


class FieldError(ValidationError):
    """A value an entity refused, with where it is inside its record (`steps[2].title`)."""

    def __init__(self, path: list[str | int], problem: str) -> None:
        super().__init__(f"{place(*path)}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


@contextmanager
def located(fields: dict[str, str], *prefix: str | int) -> Iterator[None]:
    """Turn an entity's ValidationError into a FieldError under `prefix`: the entity's own
    name for the field (its `field`, as the forms know it) becomes the record's key through
    `fields`, and a FieldError raised inside gets the prefix in front of its path."""
    try:
        yield
    except FieldError as error:
        raise FieldError([*prefix, *error.path], error.problem) from None
    except ValidationError as error:
        name = fields.get(error.field or "", error.field)
        path = [*prefix, name] if name and name not in prefix else [*prefix]
        raise FieldError(path, str(error)) from None
