"""SOP documents: every process round-trips through Markdown; checklists become drafts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import CockpitError, NotFoundError, ValidationError
from cockpit.domain.model import Process, Stage, Step
from cockpit.domain.schedule import ScheduleKind, parse_schedule
from cockpit.services.business import load_business, read_business, sample_path
from cockpit.services.context import Cockpit
from cockpit.services.sop import escape, export_sops, read_sop, sop_markdown, unescape
from cockpit.services.sop_import import build_process, import_sop
from tests.unit.exports.conftest import MONDAY, SETTINGS, TZ, process_named

TRICKY = """\
# A heading one
## A heading two
### 2. Not a step
#### Level four
####### seven hashes
   ## indented three
    ## indented four (code)
#hashtag, not a heading
---
Tool: Fake · Estimate: 99 min · Due: on the day <!-- step s9 -->

```bash
# a shell comment
### 3. still not a step
echo "done"
```

~~~
## inside tildes
~~~

- item with trailing spaces\x20\x20
Last line"""


def assert_same_sop(read: Process, original: Process) -> None:
    """Everything a SOP carries is equal (the version is the store's business)."""
    assert replace(read, version=original.version) == original


def tricky_process(ctx: Cockpit) -> Process:
    process = Process(
        id="tricky",
        name="Tricky # process",
        role="admin",
        schedule=parse_schedule("RRULE:FREQ=WEEKLY;BYDAY=TU", TZ),
        start=MONDAY,
        steps=(
            Step("s1", "1. Numbered title", TRICKY, "Tool: with colon", 5, -2),
            Step("s4", "Estimate: 5 min", "### 2. fake\nTool: x · Due: on the day", "", 0, 3),
            Step("s2", "No instructions"),
            Step("s3", "Starts with meta", "Estimate: 10 min · Due: the day before\n\nText", "Z"),
        ),
        system=None,
        target_minutes=None,
        stage=Stage.TESTING,
        purpose="## Why\n\nBecause.\n### 1. not a step",
        notes="# Notes title\n---\nend",
    )
    ctx.store.save_process(process)
    return process


# -- round trips ----------------------------------------------------------------------------


def test_every_sample_process_round_trips(sample: Cockpit) -> None:
    processes = sample.store.processes()
    assert len(processes) == 24
    for process in processes:
        text = sop_markdown(sample, process)
        parsed = read_sop(text, f"{process.id}.md")
        assert parsed.kind == "sop"
        assert parsed.id is not None and parsed.id.text == process.id
        assert parsed.name.text == process.name
        assert parsed.stage is process.stage
        assert parsed.target_minutes == process.target_minutes
        assert parsed.start == process.start
        assert (parsed.purpose, parsed.notes) == (process.purpose, process.notes)
        assert [step for _, step in parsed.steps] == list(process.steps)
        built, previous = build_process(sample, parsed)
        assert previous is process or previous == process
        assert built is previous, f"{process.name} changed on the way"
        assert built.schedule == process.schedule
        assert (built.role, built.system) == (process.role, process.system)


def test_exported_files_import_into_a_new_data_file_unchanged(
    sample: Cockpit, tmp_path: Path
) -> None:
    paths = export_sops(sample, tmp_path / "sops", None)
    assert isinstance(paths, list)
    originals = {process.id: process for process in sample.store.processes()}
    assert sorted(path.name for path in paths) == sorted(f"{pid}.md" for pid in originals)
    business = read_business(sample_path(), MONDAY, TZ)
    clock = FixedClock.on(MONDAY, TZ)
    with Cockpit.open(tmp_path / "other.json", clock, SETTINGS) as other:
        load_business(other, replace(business, processes=()))
        for path in paths:
            imported = import_sop(other, path)
            assert imported == originals[imported.id]  # version 1 in both
        assert other.store.processes() == sample.store.processes()


def test_importing_an_unchanged_sop_saves_no_new_version(sample: Cockpit, tmp_path: Path) -> None:
    process = process_named(sample, "Invoice clients")
    paths = export_sops(sample, tmp_path, "invoice clients")
    assert isinstance(paths, list) and len(paths) == 1
    path = paths[0]
    assert path == tmp_path / "invoice-clients.md"
    assert import_sop(sample, path) == process
    assert process_named(sample, "Invoice clients").version == 1
    assert sample.store.process_history() == []


def test_a_process_with_tricky_instructions_round_trips(sample: Cockpit) -> None:
    process = tricky_process(sample)
    text = sop_markdown(sample, process)
    steps = [line for line in text.splitlines() if re.match(r"^ {0,3}### ", line)]
    assert steps == [
        "### 1. 1. Numbered title",
        "### 2. Estimate: 5 min",
        "### 3. No instructions",
        "### 4. Starts with meta",
    ]
    assert [line for line in text.splitlines() if re.match(r"^ {0,3}#{1,2} ", line)] == [
        "# Tricky # process",
        "## Purpose",
        "## Tools",
        "## Schedule",
        "## Steps",
        "## Notes",
    ]
    assert "#### A heading one" in text and "##########" in text  # seven + three
    assert "    ## indented four (code)" in text
    built, previous = build_process(sample, read_sop(text, "tricky.md"))
    assert built is previous
    assert_same_sop(built, process)


@pytest.mark.parametrize(
    "text",
    ["", "# h", "## h", "   ### h", "####### h", "#tag", "    # code", "#", "## ", "a\n\n#\tb"],
)
def test_escaping_is_undone_exactly(text: str) -> None:
    assert unescape(escape(text)) == text
    assert not any(re.match(r"^ {0,3}#{1,3}([ \t]|$)", line) for line in escape(text).split("\n"))


def test_an_edited_sop_makes_a_new_version_and_keeps_step_ids(
    sample: Cockpit, tmp_path: Path
) -> None:
    process = process_named(sample, "Update bookkeeping")
    text = sop_markdown(sample, process)
    text = text.replace("Estimate: 15 min", "Estimate: 20 min")
    text = text.replace("stage: routine", "stage: testing")
    text = text.replace(
        "## Notes",
        "### 5. Archive the receipts\n\nEstimate: 2 min · Due: the day after\n\n## Notes",
    )
    path = tmp_path / "bookkeeping.md"
    path.write_text(text, encoding="utf-8")
    edited = import_sop(sample, path)
    assert edited.id == process.id
    assert edited.version == process.version + 1
    assert edited.stage is Stage.TESTING
    assert [step.id for step in edited.steps] == ["s1", "s2", "s3", "s4", "s5"]
    assert edited.steps[0].estimate_minutes == 20
    assert (edited.steps[4].title, edited.steps[4].offset_days) == ("Archive the receipts", 1)
    assert process_named(sample, "Update bookkeeping") == edited
    assert process in sample.store.process_history()


def test_new_steps_take_ids_no_version_used(sample: Cockpit, tmp_path: Path) -> None:
    process = process_named(sample, "Receive payments")  # steps s1, s2, s3
    text = sop_markdown(sample, process).replace("<!-- step s1 -->", "")
    text = text.replace("### 3. Chase", "### 3. New step\n\nEstimate: 1 min · Due: on the day\n\n"
                        "### 4. Chase")  # fmt: skip
    path = tmp_path / "payments.md"
    path.write_text(text, encoding="utf-8")
    edited = import_sop(sample, path)
    assert [step.id for step in edited.steps] == ["s4", "s2", "s5", "s3"]


def test_a_sop_with_an_unknown_id_is_a_new_process(sample: Cockpit, tmp_path: Path) -> None:
    text = sop_markdown(sample, process_named(sample, "Inbox zero"))
    text = text.replace("id: inbox-zero", "id: inbox-zero-weekend")
    text = text.replace("schedule: daily", "schedule: every sat, sun")
    text = text.replace("# Inbox zero", "# Inbox zero at the weekend")
    path = tmp_path / "weekend.md"
    path.write_text(text, encoding="utf-8")
    created = import_sop(sample, path)
    assert created.id == "inbox-zero-weekend"
    assert created.version == 1
    assert created.schedule.text == "every sat, sun"
    assert process_named(sample, "Inbox zero").version == 1
    assert len(sample.store.processes()) == 25


def test_export_to_stdout_text_and_by_name(sample: Cockpit) -> None:
    everything = export_sops(sample, None)
    assert isinstance(everything, str)
    assert everything.count("format: cockpit-sop") == 24
    one = export_sops(sample, None, "Bank reconciliation")
    assert isinstance(one, str) and one.startswith("---\nformat: cockpit-sop\nid: bank-reconc")
    assert "## Steps" in one and "### 4. Save the reports" in one
    assert "Monthly on the last weekday, counting from Monday 2026-11-23." in one
    with pytest.raises(NotFoundError, match='no process called "Nope"'):
        export_sops(sample, None, "Nope")


def test_the_document_reads_well(sample: Cockpit) -> None:
    text = sop_markdown(sample, process_named(sample, "Manage the blog"))
    assert "role: Marketing\nsystem: Marketing\nschedule: every 2 weeks on wed\n" in text
    assert "target: 100 min\nstart: 2026-11-23\nversion: 1\n---\n\n# Manage the blog\n" in text
    assert "- WordPress (steps 2, 3)" in text
    assert "Every 2 weeks on Wednesday, counting from Monday 2026-11-23." in text
    assert "Work starts 2 days before the date of each run." in text
    assert "Tool: Notion · Estimate: 10 min · Due: 2 days before <!-- step s1 -->" in text
    assert "Tool: WordPress · Estimate: 50 min · Due: the day before" in text


# -- checklists -----------------------------------------------------------------------------

CHECKLIST = """\
# Onboard a client

Role: Delivery
A few words about it.

- [ ] Send the welcome pack (10 min)
- [x] Create the Trello board (5m)
  Use the template "Client project".

  Invite the client.
* [ ] Book the kick-off call (1 h)
+ [ ] Say thanks
"""


def test_a_checklist_becomes_a_draft_process(sample: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "onboarding.md"
    path.write_text(CHECKLIST, encoding="utf-8")
    process = import_sop(sample, path)
    assert process.name == "Onboard a client"
    assert process.id == "onboard-a-client"
    assert process.stage is Stage.DRAFT
    assert process.schedule.kind is ScheduleKind.ON_DEMAND
    assert process.schedule.tz == TZ
    assert process.role == "delivery"
    assert process.start == MONDAY
    assert [(s.id, s.title, s.estimate_minutes) for s in process.steps] == [
        ("s1", "Send the welcome pack", 10),
        ("s2", "Create the Trello board", 5),
        ("s3", "Book the kick-off call", 60),
        ("s4", "Say thanks", 0),
    ]
    assert (
        process.steps[1].instructions == 'Use the template "Client project".\n\nInvite the client.'
    )
    assert process.notes == "A few words about it."
    assert process_named(sample, "Onboard a client") == process
    again = import_sop(sample, path)
    assert again.id == "onboard-a-client-2"  # a checklist always makes a new draft


def test_a_checklist_without_title_or_role(sample: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "weekly_tidy-up.md"
    path.write_text("---\ntags: [home]\n---\n- [ ] Empty the bin\n- [ ] Water plants\n")
    process = import_sop(sample, path)
    assert process.name == "Weekly tidy up"
    assert process.role == sample.roles()[0].id == "sales"
    assert [step.title for step in process.steps] == ["Empty the bin", "Water plants"]


# -- errors ---------------------------------------------------------------------------------


def sop_text(ctx: Cockpit) -> str:
    return sop_markdown(ctx, process_named(ctx, "Invoice clients"))


BAD_SOPS = [
    (lambda t: t.replace("role: Admin", "role: Janitor"), 4, 'role "Janitor" does not exist'),
    (lambda t: t.replace("system: Financial", "system: Fin"), 5, 'system "Fin management" does'),
    (lambda t: t.replace("every 2 weeks on fri", "every blue moon"), 6, "unknown schedule"),
    (lambda t: t.replace("stage: routine", "stage: done"), 7, 'unknown stage "done"'),
    (lambda t: t.replace("target: 45 min", "target: soon"), 8, 'target "soon"'),
    (lambda t: t.replace("start: 2026-11-23", "start: 23.11.2026"), 9, "YYYY-MM-DD"),
    (lambda t: t.replace("id: invoice-clients", "id: Invoice Clients"), 3, "lowercase"),
    (lambda t: t.replace("version: 1", "colour: red"), 10, 'unknown field "colour"'),
    (lambda t: t.replace("version: 1", "just words"), 10, "key: value"),
    (lambda t: t.replace("format: cockpit-sop", "format: cockpit-sop-9"), 2, "unknown format"),
    (lambda t: t.replace("version: 1\n---", "version: 1"), 1, "not closed"),
    (lambda t: t.replace("role: Admin\n", ""), 1, 'needs "role: ..."'),
    (lambda t: t.replace("# Invoice clients", "Invoice clients"), 13, "text before the title"),
    (lambda t: t.replace("## Tools", "## Tooling"), 19, 'unknown or second section "Tooling"'),
    (lambda t: t.replace("## Schedule", "## Purpose"), 29, 'second section "Purpose"'),
    (lambda t: t.replace("## Steps\n", "## Steps\nIntro.\n"), 36, "before the first"),
    (lambda t: t.replace("## Tools", "### 0. Early\n## Tools"), 19, "outside"),
    (lambda t: t.replace("## Tools", "# Again\n## Tools"), 19, "second or empty title"),
    (lambda t: t.replace("Estimate: 10 min", "Estimate: ten"), 39, 'estimate "ten"'),
    (lambda t: t.replace("Estimate: 10 min", "Estimate: 2000 min"), 37, "more than a day"),
    (lambda t: t.replace("Due: on the day <!-- step s1", "Due: soon <!-- step s1"), 39, "soon"),
    (lambda t: t.replace("Tool: Toggl ·", "Tol: Toggl ·"), 39, '"Tol: Toggl"'),
    (lambda t: t.replace("step s2 -->", "step s1 -->"), 45, 'second step with the id "s1"'),
    (
        lambda t: t.replace("### 1. Export billable hours from Toggl", "### 1. " + "x" * 201),
        37,
        "too long",
    ),
    (lambda t: t.split("## Steps")[0] + "## Steps\n", 13, "no steps"),
]


@pytest.mark.parametrize(("change", "line", "message"), BAD_SOPS)
def test_a_bad_sop_is_refused_by_file_and_line(
    sample: Cockpit, tmp_path: Path, change, line: int, message: str
) -> None:
    original = sop_text(sample)
    text = change(original)
    assert text != original
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    before = sample.store.processes()
    with pytest.raises(ValidationError) as raised:
        import_sop(sample, path)
    assert str(raised.value).startswith(f"{path}, line {line}: "), str(raised.value)
    assert message in str(raised.value)
    assert sample.store.processes() == before
    assert sample.store.process_history() == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Just some notes.\n\n- a list\n- [] almost\n", 1, "neither a Cockpit SOP"),
        ("Role: Accounts\n- [ ] Count\n", 1, 'role "Accounts" does not exist'),
        ("Schedule: now and then\n\n- [ ] Count\n", 1, "unknown schedule"),
        ("# Count\n- [ ] Count (3000 min)\n", 2, "more than a day"),
        ("- [ ] Count\n- [ ]  (5 min)\n", 2, "needs a title"),
    ],
)
def test_a_bad_checklist_is_refused(
    sample: Cockpit, tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "list.md"
    path.write_text(text, encoding="utf-8")
    before = sample.store.processes()
    with pytest.raises(ValidationError, match=re.escape(f"{path}, line {line}: ")) as raised:
        import_sop(sample, path)
    assert message in str(raised.value)
    assert sample.store.processes() == before


def test_a_file_that_is_not_text_or_not_there(sample: Cockpit, tmp_path: Path) -> None:
    binary = tmp_path / "picture.md"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not utf-8")
    with pytest.raises(ValidationError, match="not UTF-8 text"):
        import_sop(sample, binary)
    with pytest.raises(CockpitError, match=r"missing\.md"):
        import_sop(sample, tmp_path / "missing.md")


def test_a_checklist_needs_a_role_to_exist(ctx: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text("- [ ] One\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no role yet"):
        import_sop(ctx, path)
