"""The Store's occurrences: the runs of processes, open and closed, live and archived.

Open runs come from the index kept in memory; closed ones are decoded from the
live file once each (a cache holds a decoded run while its document stays the
same object) and, for history old enough, from the yearly archive files.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from tinydb.table import Document

from cockpit.domain.occurrence import Occurrence
from cockpit.store import archive, codec
from cockpit.store.core import OCCURRENCES, StoreCore


class OccurrenceTables(StoreCore):
    """Reading and saving occurrences, and the counters and horizons that go with them."""

    def open_occurrences(self) -> list[Occurrence]:
        with self.lock:
            return sorted(self._open.values(), key=lambda o: (o.date, o.no))

    def last_closed_on(self) -> dict[str, date]:
        with self.lock:
            return {key: date.fromisoformat(value) for key, value in self._last_closed.items()}

    def occurrence(self, no: int) -> Occurrence | None:
        with self.lock:
            if no in self._open:
                return self._open[no]
            doc = self._raw(OCCURRENCES).get(str(no))
            if doc is not None:
                return codec.occurrence_from(doc)
        for archived in archive.iter_archived(self.path, OCCURRENCES):
            if archived["no"] == no:
                return codec.occurrence_from(archived)
        return None

    def occurrences(
        self,
        *,
        process_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Occurrence]:
        """Occurrences in a date range, from the live file and the archives it reaches."""
        low = since.isoformat() if since else ""
        high = until.isoformat() if until else "9999"

        def wanted(doc: dict[str, Any]) -> bool:
            return low <= doc["date"] <= high and process_id in (None, doc["process"])

        with self.lock:  # decode under the lock: saves change documents in place
            live = self._raw(OCCURRENCES)
            found = {doc["no"]: self._decoded(doc) for doc in live.values() if wanted(doc)}
            numbers = {doc["no"] for doc in live.values()}
        for doc in archive.iter_archived(self.path, OCCURRENCES, self._archive_years(since, until)):
            if doc["no"] not in numbers and wanted(doc):
                found[doc["no"]] = codec.occurrence_from(doc)
        return sorted(found.values(), key=lambda o: (o.date, o.no))

    def _decoded(self, doc: dict[str, Any]) -> Occurrence:
        """Decode a stored run once: the cache holds it while the document stays the same
        object (a save puts a new document in its place)."""
        cached = self._decode_cache.get(doc["no"])
        if cached is not None and cached[0] is doc:
            return cached[1]
        occurrence = codec.occurrence_from(doc)
        self._decode_cache[doc["no"]] = (doc, occurrence)
        return occurrence

    def steps_done_between(
        self, start: datetime, end: datetime, since: date
    ) -> list[tuple[str, int, str, int | None]]:
        """(process, occurrence, step, minutes) of steps done in [start, end), dated >= since."""
        low, high, first = codec.instant(start), codec.instant(end), since.isoformat()
        found = []
        with self.lock:
            for doc in self._raw(OCCURRENCES).values():
                if doc["date"] < first:
                    continue
                for state in doc.get("steps", ()):
                    at = state.get("at")
                    if at and state.get("status") == "done" and low <= at < high:
                        found.append(
                            (doc["process"], doc["no"], state["step"], state.get("minutes"))
                        )
        return found

    def steps_closed_between(
        self, start: datetime, end: datetime, since: date
    ) -> list[tuple[str, int, int, str, str]]:
        """(process, run, position, status, at) of the steps done or skipped in [start, end),
        of runs dated >= since."""
        low, high, first = codec.instant(start), codec.instant(end), since.isoformat()
        found = []
        with self.lock:
            for doc in self._raw(OCCURRENCES).values():
                if doc["date"] < first:
                    continue
                for position, state in enumerate(doc.get("steps", ()), start=1):
                    at, status = state.get("at"), state.get("status")
                    if at and status in ("done", "skipped") and low <= at < high:
                        found.append((doc["process"], doc["no"], position, status, at))
        return found

    def add_occurrences(
        self, created: Iterable[Occurrence], horizons: dict[str, date], next_no: int
    ) -> None:
        """Insert new occurrences and move the horizons, in one write."""
        with self.batch():
            docs = [
                Document(codec.occurrence_doc(occurrence), doc_id=occurrence.no)
                for occurrence in created
            ]
            if docs:
                self._table(OCCURRENCES).insert_multiple(docs)
            merged = {k: v.isoformat() for k, v in self.horizons().items()}
            merged.update({k: v.isoformat() for k, v in horizons.items()})
            self._set_meta(horizons=merged, next_no=max(next_no, self.next_occurrence_no()))
            for occurrence in created:
                self._note(occurrence)

    def save_occurrences(self, changed: Iterable[Occurrence]) -> None:
        changed = list(changed)
        docs = {occurrence.no: codec.occurrence_doc(occurrence) for occurrence in changed}
        if not docs:
            return
        with self.batch():
            data = self.storage.read()
            raw = data.setdefault(OCCURRENCES, {})
            absent = []
            for no, doc in docs.items():
                if str(no) in raw:
                    raw[str(no)] = (
                        doc  # a new document object: readers holding the old one are safe
                    )
                else:
                    absent.append(Document(doc, doc_id=no))
            if absent:
                self._table(OCCURRENCES).insert_multiple(absent)
            else:
                self.storage.write(data)
            for occurrence in changed:
                self._note(occurrence)
