"""Identities that survive two devices: what makes two copies' records one record.

Display numbers (run 412, focus session 57) are handed out by a counter in each
file, so two devices working on copies of one file hand out the same number to
different records. Identities do not collide:

- a scheduled run is its process and its date (`invoice-clients@2026-12-04`): the
  run both devices create for that date is one run;
- a run started by hand, and a focus session, carry a ULID made when it was
  created (time-ordered, 80 random bits: two devices never make the same one).

Records from before identities (schema 1) get ULIDs derived from what they hold
(`derived_uid`), so two devices that migrate the same old file agree on them.

A ULID is 48 bits of Unix milliseconds and 80 random bits in Crockford's base 32
(https://github.com/ulid/spec). Made here in a few lines: python-ulid does the
same but costs ~50 ms of imports on every start.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from typing import Any

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
ULID_LENGTH = 26


def _encode(timestamp_ms: int, randomness: bytes) -> str:
    value = (timestamp_ms & (2**48 - 1)) << 80 | int.from_bytes(randomness[:10], "big")
    chars = []
    for _ in range(ULID_LENGTH):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def _milliseconds(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0, int(moment.timestamp() * 1000))


def new_uid(now: datetime) -> str:
    """A new ULID for a record created at `now` (the clock comes in; the 80 bits are random)."""
    return _encode(_milliseconds(now), os.urandom(10))


def derived_uid(moment: datetime, *parts: object) -> str:
    """A ULID made from what an old record holds: the same record gives the same ULID."""
    seed = "\x1f".join(str(part) for part in parts).encode()
    import hashlib  # only when a uid is made: reading a file makes none, and it loads OpenSSL

    return _encode(_milliseconds(moment), hashlib.blake2b(seed, digest_size=10).digest())


def is_uid(text: str) -> bool:
    return len(text) == ULID_LENGTH and all(char in ALPHABET for char in text) and text[0] <= "7"


def manual_run_uid(process: str, day: date, no: int) -> str:
    """The ULID of a run started by hand that was stored without one (schema 1)."""
    return derived_uid(datetime.combine(day, time(), UTC), process, day, no)


def focus_uid(started_at: datetime, no: int, role: str) -> str:
    """The ULID of a focus session that was stored without one (schema 1)."""
    return derived_uid(started_at, no, role)


def run_identity(doc: dict[str, Any]) -> str:
    """A stored run's identity: its ULID if started by hand, else its process and date."""
    uid = doc.get("uid")
    if uid:
        return str(uid)
    if doc.get("manual"):
        return manual_run_uid(doc["process"], date.fromisoformat(doc["date"]), doc["no"])
    return f"{doc['process']}@{doc['date']}"


def focus_identity(doc: dict[str, Any]) -> str:
    """A stored focus session's identity: its ULID."""
    uid = doc.get("uid")
    if uid:
        return str(uid)
    return focus_uid(datetime.fromisoformat(doc["started_at"]), doc["id"], doc["role"])
