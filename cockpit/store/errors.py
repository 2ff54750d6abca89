"""Errors of the store, each naming the file and the way back."""

from __future__ import annotations

from pathlib import Path

from cockpit.domain.errors import CockpitError


class StoreError(CockpitError):
    """Something is wrong with the data file or its folder."""


class StoreLockedError(StoreError):
    """Another Cockpit (the app, or a command saving a change) holds the writer lock; commands
    that only read never hold it, so they are the ones to suggest."""

    def __init__(self, path: Path, *, waited: float = 0.0) -> None:
        after = f", and did not let go within {waited:g} s" if waited else ""
        super().__init__(
            f"{path} is open in another Cockpit (it holds {path.name}.lock{after}); close that "
            "one first, or try again in a moment. Read-only commands such as "
            "`cockpit today` and `cockpit export` still work."
        )
        self.path = path


class StoreCorruptError(StoreError):
    """The data file cannot be read; it is left exactly as it is."""

    def __init__(self, path: Path, problem: str, backup: Path | None) -> None:
        way_back = (
            f"the newest backup is {backup}: copy it over the data file to go back to it"
            if backup is not None
            else "no backup was found"
        )
        super().__init__(
            f"cannot read the data file {path}: {problem}. Cockpit has not changed it; {way_back}."
        )
        self.path = path
        self.problem = problem
        self.backup = backup


class ArchiveCorruptError(StoreError):
    """A yearly archive file cannot be read; it is left as it is, and so is the data file."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"cannot read the archive file {path}: {problem}. Cockpit has not changed it; "
            "move it out of the archive folder to work without that year's history."
        )
        self.path = path
        self.problem = problem


class StoreWriteError(StoreError):
    def __init__(self, path: Path, reason: OSError) -> None:
        super().__init__(
            f"could not save {path}: {reason.strerror or reason}. "
            "Nothing was changed on disk; the change was not made."
        )
        self.path = path
        self.reason = reason


class StoreReadOnlyError(StoreError):
    def __init__(self, path: Path, reason: str | None = None) -> None:
        super().__init__(
            f"{path} is open read-only{f' ({reason})' if reason else ''}, "
            "so this change cannot be saved"
        )


class SchemaTooNewError(StoreError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path} was written by a newer Cockpit (schema {found}; "
            f"this one knows up to {known}). Upgrade Cockpit to open it; "
            "the file has not been changed."
        )


class StoreNotWritableError(StoreError):
    """The data file is read-only by its permissions: Cockpit reads it and never replaces it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is read-only (its permissions allow no writing), so Cockpit will not "
            "change it; make it writable (chmod u+w) to save changes. Read-only commands such "
            "as `cockpit today` and `cockpit export` still work."
        )
        self.path = path


class StoreFolderReadOnlyError(StoreNotWritableError):
    """The folder of the data file cannot be written (its permissions, a read-only mount):
    Cockpit reads the file there, and neither locks nor replaces it."""

    def __init__(self, path: Path, reason: str = "") -> None:
        StoreError.__init__(
            self,
            f"the folder {path.parent} is read-only{f' ({reason})' if reason else ''}, so "
            f"Cockpit cannot save changes to {path.name} there; make the folder writable, "
            "or copy the file to a folder you can write. Read-only commands such as "
            "`cockpit today` and `cockpit export` still work.",
        )
        self.path = path


class StoreConflictError(StoreError):
    """The file on disk changed since Cockpit read it (another device, a sync client) and the
    change could not be carried over onto it; nothing was written, and memory now holds what
    the disk holds."""

    def __init__(self, path: Path, what: str, *, reloaded: bool = True) -> None:
        then = (
            "Cockpit now shows the file as it is on disk, so look again and redo it if it "
            "still applies."
            if reloaded
            else "Cockpit shows the data as it last read or saved it and will not write over "
            "that file; try again once the sync has finished."
        )
        super().__init__(
            f"{path} was changed elsewhere (another device or a sync client) while this "
            f"Cockpit had it open: {what}. Your change was not saved; {then}"
        )
        self.path = path
        self.what = what
        # memory now holds the disk's data (False: it could not be read, and memory holds
        # what was last read or written: the refused change is not kept)
        self.reloaded = reloaded


class StoreGoneError(StoreError):
    """The data file Cockpit read went away while it had it open (deleted, moved, a sync
    client replacing it, its folder unmounted): memory keeps what was read, and nothing is
    written until a file is back (a new one in its place would hold only the next change)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"the data file {path} is gone (deleted, moved, or its folder is not there): "
            "Cockpit shows what it last read and saves nothing until the file is back; "
            "put it back (or let the sync finish), or open another with --data"
        )
        self.path = path
