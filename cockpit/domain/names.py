"""Names a person tells apart: two processes (roles, systems) may not be called alike.

"Invoice clients", "invoice clients" and " Invoice  clients" are one name to whoever reads a
list or picks from a dialog, so they are compared by their words, case folded.
"""

from __future__ import annotations

from collections.abc import Iterable

from cockpit.domain.errors import ValidationError


def name_key(name: str) -> str:
    """What two names that read alike share: their words, case folded."""
    return " ".join(name.split()).casefold()


def require_free_name(
    name: str, others: Iterable[tuple[str, str]], what: str, own_id: str | None = None
) -> None:
    """Refuse `name` if one of `others` (id, name), other than `own_id`, reads alike."""
    key = name_key(name)
    for other_id, other_name in others:
        if other_id != own_id and name_key(other_name) == key:
            raise ValidationError(
                f'{what} is already called "{other_name}": give this one another name', "name"
            )
