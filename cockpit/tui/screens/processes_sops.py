"""The SOP keys of the Processes view: `o` writes the process under the cursor as a
Markdown SOP, `i` reads one (or a checklist) in, asking first whether to create the roles
and systems it names that the data lacks (the CLI's `--create-missing`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.tui.screens.confirm import ConfirmScreen
from cockpit.tui.screens.path_prompt import PathScreen
from cockpit.tui.screens.processes_detail import missing_question

if TYPE_CHECKING:
    from cockpit.domain.model import Process
    from cockpit.services.context import Cockpit
    from cockpit.services.sop_import import MissingReferencesError
    from cockpit.tui.screens.processes import ProcessesScreen


def ask_export(screen: ProcessesScreen, process: Process) -> None:
    """Ask for a folder, show the whole path of the file it would write (and whether one is
    there already), write the SOP only on yes, and say which file."""
    from cockpit.services.sop import export_sops, sop_file_names

    def write(out: Path) -> None:
        def written(paths: list[Path] | str) -> None:
            files = [paths] if isinstance(paths, str) else [str(p) for p in paths]
            screen.notify(f"Wrote {', '.join(files)}", timeout=3)

        screen.cockpit_app.run_service(
            lambda c: export_sops(c, out, process.id), written, group="write"
        )

    def chosen(folder: str | None) -> None:
        if not folder:
            return
        out = Path(folder).expanduser().absolute()
        target = out / sop_file_names([process])[0]
        there = target.exists()
        question = f"{'Replace' if there else 'Write'} {target}?"
        if there:
            question += " A file of that name is there: its text would be replaced."
        elif not out.exists():
            question += f" (The folder {out} will be made, private.)"

        def answered(yes: bool | None) -> None:
            if yes:
                write(out)
            else:
                screen.notify("Nothing was written.", timeout=3)

        screen.app.push_screen(ConfirmScreen(question), answered)

    title = f"Export “{process.name}” as an SOP to the folder"
    screen.app.push_screen(PathScreen(title, "~/cockpit-sops"), chosen)


def ask_import(screen: ProcessesScreen) -> None:
    def chosen(path: str | None) -> None:
        if path:
            import_file(screen, Path(path).expanduser())

    title = "Import a Markdown SOP or checklist (path of the .md file)"
    screen.app.push_screen(
        PathScreen(title, placeholder="e.g. ~/cockpit-sops/invoice-clients.md", check=not_a_file),
        chosen,
    )


def not_a_file(typed: str) -> str | None:
    """Why the path typed is no file to import (the dialog stays open to correct it)."""
    path = Path(typed).expanduser()
    try:
        if path.is_file():
            return None
        if path.is_dir():
            return f"{typed} is a folder: give the path of one .md file in it"
        if path.exists():
            return f"{typed} is not a regular file"
    except OSError as error:
        return f"{typed}: {error.strerror or error}"
    return f"there is no file at {typed}"


def import_file(screen: ProcessesScreen, source: Path, *, create_missing: bool = False) -> None:
    """Import the file; when it names a role or system the data lacks, ask whether to create
    them and import again on yes (on no, nothing is saved)."""
    from cockpit.services.sop_import import MissingReferencesError, import_sop

    def job(cockpit: Cockpit) -> Process | MissingReferencesError:
        try:
            return import_sop(cockpit, source, create_missing=create_missing)
        except MissingReferencesError as missing:
            if create_missing:
                raise
            return missing

    def done(result: Process | MissingReferencesError) -> None:
        if not isinstance(result, MissingReferencesError):
            screen.saved_process(result)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                import_file(screen, source, create_missing=True)

        screen.app.push_screen(ConfirmScreen(missing_question(result)), answered)

    screen.cockpit_app.run_service(job, done, group="write")
