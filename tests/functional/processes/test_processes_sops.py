"""SOPs from the Processes view (mode 5), by keyboard: `o` writes the process under the
cursor as a Markdown SOP, `i` reads a Markdown SOP or checklist into the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList

from cockpit.domain.model import Process, Stage
from cockpit.domain.schedule import ScheduleKind
from cockpit.services.sop import sop_markdown
from cockpit.tui.screens.confirm import ConfirmScreen
from cockpit.tui.screens.path_prompt import PathScreen
from tests.functional.processes.conftest import cursor_to, press_5_for_processes, reading
from tests.ui_support import SIZE, AppFactory, Driver, errors, notes, paste, settle, wait_until

CHECKLIST = """\
# Onboard a client

Role: Delivery
What happens after the contract is signed.

- [ ] Send the welcome pack (10 min)
- [ ] Create the project board (5m)
  Use the template "Client project".
- [ ] Book the kick-off call (1 h)
"""


def processes_in(path: Path) -> dict[str, Process]:
    with reading(path) as ctx:
        return {p.id: p for p in ctx.store.processes()}


def the_sop_of(path: Path, process_id: str) -> str:
    with reading(path) as ctx:
        process = next(p for p in ctx.store.processes() if p.id == process_id)
        return sop_markdown(ctx, process)


async def answer_path(pilot: Driver, text: str) -> None:
    """In the path dialog: the path replaces what the field held (a paste), then enter."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PathScreen))
    await paste(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


# -- export ---------------------------------------------------------------------------------


async def wait_for_confirm(pilot: Driver) -> ConfirmScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    confirm = pilot.app.screen
    assert isinstance(confirm, ConfirmScreen)
    return confirm


async def test_an_sop_over_a_file_of_that_name_is_written_only_on_yes(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sops"
    out.mkdir()
    mine = out / "invoice-clients.md"
    mine.write_text("my own notes", encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await cursor_to(pilot, screen, ("process", "invoice-clients"))
        await pilot.press("o")
        await answer_path(pilot, str(out))
        confirm = await wait_for_confirm(pilot)
        assert confirm.question.startswith(f"Replace {mine}?")
        await pilot.press("n")
        await wait_until(pilot, lambda: "Nothing was written." in notes(pilot))
    assert mine.read_text(encoding="utf-8") == "my own notes"


async def test_o_writes_the_process_under_the_cursor_as_an_sop(
    make_app: AppFactory, data_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))  # the proposed folder is ~/cockpit-sops
    before = processes_in(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await cursor_to(pilot, screen, ("process", "invoice-clients"))
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PathScreen))
        dialog = pilot.app.screen
        assert isinstance(dialog, PathScreen)
        assert dialog.query_one("#path", Input).value == "~/cockpit-sops"
        assert "Invoice clients" in str(dialog.query_one(".dialog-title", Label).content)
        await pilot.press("enter")  # the proposed folder
        written = home / "cockpit-sops" / "invoice-clients.md"
        confirm = await wait_for_confirm(pilot)
        assert str(written) in confirm.question and "will be made" in confirm.question
        assert not written.exists()  # nothing before yes
        await pilot.press("y")
        await wait_until(pilot, lambda: f"Wrote {written}" in notes(pilot, "information"))
        assert pilot.app.screen is screen
        assert screen.current_node() == ("process", "invoice-clients")
    assert [p.name for p in written.parent.iterdir()] == ["invoice-clients.md"]
    text = written.read_text(encoding="utf-8")
    assert text == the_sop_of(data_path, "invoice-clients")
    assert text.startswith("---\nformat: cockpit-sop\nid: invoice-clients\n")
    assert "\n# Invoice clients\n" in text and "## Steps" in text
    assert processes_in(data_path) == before  # exporting changes nothing


async def test_o_to_a_typed_folder_and_only_on_a_process(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sops"
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        assert screen.current_node() == ("role", "sales")
        await pilot.press("o")  # on a role: a warning, no dialog
        await settle(pilot)
        assert pilot.app.screen is screen
        assert "Put the cursor on a process first." in notes(pilot, "warning")
        await cursor_to(pilot, screen, ("process", "review-pipeline"))
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PathScreen))
        await pilot.press("escape")  # cancelled: nothing written
        await settle(pilot)
        assert pilot.app.screen is screen and not out.exists()
        await pilot.press("o")
        await answer_path(pilot, str(out))
        await wait_for_confirm(pilot)
        await pilot.press("y")
        await wait_until(pilot, lambda: (out / "review-pipeline.md").exists())
    assert [p.name for p in out.iterdir()] == ["review-pipeline.md"]
    text = (out / "review-pipeline.md").read_text(encoding="utf-8")
    assert text == the_sop_of(data_path, "review-pipeline")
    assert "stage: testing" in text


# -- import ---------------------------------------------------------------------------------


async def test_i_imports_a_checklist_as_a_new_draft_and_shows_it(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "onboarding.md"
    source.write_text(CHECKLIST, encoding="utf-8")
    before = processes_in(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PathScreen))
        dialog = pilot.app.screen
        assert isinstance(dialog, PathScreen)
        assert dialog.query_one("#path", Input).value == ""
        await answer_path(pilot, str(source))
        node = ("process", "onboard-a-client")
        await wait_until(pilot, lambda: screen.current_node() == node)
        assert 'Saved "Onboard a client" (version 1).' in notes(pilot, "information")
        steps = screen.query_one("#process-steps", OptionList)
        assert steps.option_count == 3
    after = processes_in(data_path)
    assert set(after) - set(before) == {"onboard-a-client"}
    assert all(after[key] == before[key] for key in before)
    process = after["onboard-a-client"]
    assert (process.name, process.role, process.stage) == ("Onboard a client", "delivery",
                                                           Stage.DRAFT)  # fmt: skip
    assert process.schedule.kind is ScheduleKind.ON_DEMAND
    assert [(s.title, s.estimate_minutes) for s in process.steps] == [
        ("Send the welcome pack", 10), ("Create the project board", 5),
        ("Book the kick-off call", 60),
    ]  # fmt: skip
    assert process.steps[1].instructions == 'Use the template "Client project".'
    assert process.notes == "What happens after the contract is signed."


async def test_i_imports_an_edited_sop_as_a_new_version(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    text = the_sop_of(data_path, "invoice-clients")
    old = processes_in(data_path)["invoice-clients"]
    first = old.steps[0].title
    assert f"### 1. {first}\n" in text
    source = tmp_path / "invoice-clients.md"
    source.write_text(text.replace(f"### 1. {first}\n", "### 1. Gather the hours\n"), "utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await pilot.press("i")
        await answer_path(pilot, str(source))
        await wait_until(pilot, lambda: screen.current_node() == ("process", "invoice-clients"))
        await wait_until(pilot, lambda: screen.current_process() != old)
        steps = screen.query_one("#process-steps", OptionList)
        assert str(steps.get_option_at_index(0).prompt).startswith("1. Gather the hours · ")
    new = processes_in(data_path)["invoice-clients"]
    assert new.version == old.version + 1
    assert [s.title for s in new.steps] == ["Gather the hours", *(s.title for s in old.steps[1:])]
    assert [s.id for s in new.steps] == [s.id for s in old.steps]  # the same steps, renamed
    with reading(data_path) as ctx:
        assert ctx.process_lookup()[("invoice-clients", old.version)] == old


async def test_i_refuses_an_empty_path_and_a_missing_file_and_changes_nothing(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    before = processes_in(data_path)
    missing = tmp_path / "missing.md"
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await pilot.press("i")
        await answer_path(pilot, "")
        dialog = pilot.app.screen
        assert isinstance(dialog, PathScreen)  # still asking
        assert str(dialog.query_one("#path-error", Label).content) == "A path is needed."
        await answer_path(pilot, str(missing))
        assert pilot.app.screen is dialog  # still asking, with why
        said = str(dialog.query_one("#path-error", Label).content)
        assert said == f"there is no file at {missing}", said
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        assert errors(pilot) == []
    assert processes_in(data_path) == before


# -- an SOP naming a role or system the data file lacks --------------------------------------

LEGAL = """\
# Review a contract

Role: Legal
System: Contracts

- [ ] Read it through (20 min)
- [ ] Send the questions (10 min)
"""


async def import_legal(pilot: Driver, source: Path) -> ConfirmScreen:
    """Press i, give the file, wait for the question about what is missing."""
    await pilot.press("i")
    await answer_path(pilot, str(source))
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmScreen)
    return dialog


async def test_i_offers_to_create_the_role_and_system_an_sop_names(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "legal.md"
    source.write_text(LEGAL, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        dialog = await import_legal(pilot, source)
        question = str(dialog.query_one(".dialog-title", Label).render())
        assert question == "Create role “Legal” and system “Contracts”?"
        await pilot.press("y")
        await wait_until(pilot, lambda: screen.current_node() == ("process", "review-a-contract"))
        assert not errors(pilot)
    with reading(data_path) as ctx:
        role = next(r for r in ctx.store.roles() if r.name == "Legal")
        system = next(s for s in ctx.store.systems() if s.name == "Contracts")
    process = processes_in(data_path)["review-a-contract"]
    assert (process.role, process.system) == (role.id, system.id)


async def test_no_to_the_question_saves_nothing(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "legal.md"
    source.write_text(LEGAL, encoding="utf-8")
    before = processes_in(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await import_legal(pilot, source)
        await pilot.press("n")
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        await settle(pilot)
        assert pilot.app.is_running and not errors(pilot)
    assert processes_in(data_path) == before
    with reading(data_path) as ctx:
        assert "Legal" not in {r.name for r in ctx.store.roles()}


@pytest.mark.parametrize("typed", ["nope.md", "folder", "nope/deeper.md"])
async def test_a_path_that_is_no_file_keeps_the_import_dialog_open(
    make_app: AppFactory, data_path: Path, tmp_path: Path, typed: str
) -> None:
    """A mistyped path closed the dialog and the owner had to start again: the dialog stays,
    says what is wrong, and takes the corrected path."""
    (tmp_path / "folder").mkdir()
    source = tmp_path / "onboarding.md"
    source.write_text(CHECKLIST, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PathScreen))
        dialog = pilot.app.screen
        assert isinstance(dialog, PathScreen)
        field = dialog.query_one("#path", Input)
        field.value = str(tmp_path / typed)
        await pilot.press("enter")
        error = dialog.query_one("#path-error", Label)
        await wait_until(pilot, lambda: str(error.content) != "")
        assert pilot.app.screen is dialog
        said = str(error.content)
        assert ("no file at" in said) or ("is a folder" in said), said
        field.value = str(source)
        await pilot.press("enter")
        node = ("process", "onboard-a-client")
        await wait_until(pilot, lambda: screen.current_node() == node)
