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
    """Ask for a folder, write the SOP there, say which file (named after the process)."""
    from cockpit.services.sop import export_sops

    def chosen(folder: str | None) -> None:
        if folder:
            out = Path(folder).expanduser()

            def written(paths: list[Path] | str) -> None:
                files = [paths] if isinstance(paths, str) else [str(p) for p in paths]
                screen.notify(f"Wrote {', '.join(files)}", timeout=3)

            screen.cockpit_app.run_service(
                lambda c: export_sops(c, out, process.id), written, group="write"
            )

    title = f"Export “{process.name}” as an SOP to the folder"
    screen.app.push_screen(PathScreen(title, "~/cockpit-sops"), chosen)


def ask_import(screen: ProcessesScreen) -> None:
    def chosen(path: str | None) -> None:
        if path:
            import_file(screen, Path(path).expanduser())

    title = "Import a Markdown SOP or checklist (path of the .md file)"
    screen.app.push_screen(PathScreen(title, placeholder="~/cockpit-sops/x.md"), chosen)


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
