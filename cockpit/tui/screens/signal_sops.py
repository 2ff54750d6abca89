"""A role under water: its processes, each with the SOP to hand over when outsourcing.

`e` writes the highlighted process's SOP, `E` every one, to a folder asked for (the
Processes view's export, the same service); a file already there is replaced only on yes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from cockpit.tui.plain import plain
from cockpit.tui.screens.confirm import ConfirmScreen
from cockpit.tui.screens.dialog import DialogScreen
from cockpit.tui.screens.path_prompt import PathScreen

if TYPE_CHECKING:
    from cockpit.domain.model import Process
    from cockpit.services.context import Cockpit

FOLDER = "~/cockpit-sops"


class RoleSopsScreen(DialogScreen[None]):
    """The processes of a role with the file each one's SOP is written to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export(False)", "Export SOP", id="sops.export"),
        Binding("E", "export(True)", "Export all", id="sops.export_all"),
        Binding("j", "move(1)", "Down", id="sops.down", show=False),
        Binding("k", "move(-1)", "Up", id="sops.up", show=False),
        Binding("escape", "dismiss(None)", "Close", id="sops.close"),
    ]

    def __init__(self, role_name: str, processes: list[Process]) -> None:
        super().__init__()
        self.role_name, self.processes = role_name, processes

    def compose(self) -> ComposeResult:
        from cockpit.services.sop import sop_file_names

        names = sop_file_names(self.processes)
        with Vertical(classes="dialog wide", id="sops-dialog"):
            yield Label(
                Content.assemble(
                    "The processes of ", plain(self.role_name, "bold"), ": their SOPs"
                ),
                classes="dialog-title",
            )
            if not self.processes:
                yield Label("This role holds no process yet.", id="sops-none")
            options = [
                Option(
                    Content.assemble(
                        plain(p.name, "bold"),
                        (f"  [{p.stage.value}]", "$accent"),
                        ("  → ", "$text-muted"),
                        plain(name, "$text-muted"),
                    ),
                    id=p.id,
                )
                for p, name in zip(self.processes, names, strict=True)
            ]
            yield OptionList(*options, id="sops-list")
            yield Label("e exports the SOP · E exports all · escape closes", classes="form-hint")

    def on_mount(self) -> None:
        listed = self.query_one("#sops-list", OptionList)
        listed.display = bool(self.processes)
        if self.processes:
            listed.highlighted = 0
            listed.focus()

    def action_move(self, delta: int) -> None:
        listed = self.query_one("#sops-list", OptionList)
        if delta > 0:
            listed.action_cursor_down()
        else:
            listed.action_cursor_up()

    def chosen(self, every: bool) -> list[Process]:
        if every:
            return list(self.processes)
        index = self.query_one("#sops-list", OptionList).highlighted
        return [] if index is None else [self.processes[index]]

    def action_export(self, every: bool) -> None:
        processes = self.chosen(every)
        if not processes:
            self.notify("No process to export.", timeout=3)
            return
        what = "the SOPs" if every else f"the SOP of “{processes[0].name}”"

        def folder_given(folder: str | None) -> None:
            if folder:
                self.ask_replace(Path(folder).expanduser().absolute(), processes)

        self.app.push_screen(PathScreen(f"Export {what} to the folder", FOLDER), folder_given)

    def ask_replace(self, out: Path, processes: list[Process]) -> None:
        """Write at once into a new folder or beside other files; ask before replacing."""
        from cockpit.services.sop import sop_file_names

        taken = [name for name in sop_file_names(processes) if (out / name).exists()]
        if not taken:
            self.write(out, processes)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(out, processes)
            else:
                self.notify("Nothing was written.", timeout=3)

        question = f"Replace {', '.join(taken)} in {out}? Their text would be replaced."
        self.app.push_screen(ConfirmScreen(question), answered)

    def write(self, out: Path, processes: list[Process]) -> None:
        ids = [process.id for process in processes]

        def job(cockpit: Cockpit) -> list[Path]:
            from cockpit.services.sop import export_sops

            written: list[Path] = []
            for process_id in ids:
                paths = export_sops(cockpit, out, process_id)
                assert not isinstance(paths, str)  # a folder was given: files
                written += paths
            return written

        def done(paths: list[Path]) -> None:
            self.notify(f"Wrote {', '.join(str(p) for p in paths)}", timeout=4)

        self.cockpit_app.run_service(job, done, group="write")
