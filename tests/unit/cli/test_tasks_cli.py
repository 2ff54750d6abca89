"""`cockpit add` and tasks in the day, from the command line: captured, listed by role or in
the inbox, done, skipped and moved by their key (t12), carried by export, import and merge;
every bad input is one clear line and leaves the file as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from tests.unit.cli.helpers import DAY, Cli

FRIDAY = "2026-11-27"  # the Friday after DAY (Monday 23 November)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    made = Cli(tmp_path)
    made.ok("init", "--sample")
    return made


def tasks(cli: Cli, day: str = DAY) -> list[dict[str, object]]:
    return [row for row in cli.today(day) if row["kind"] == "task"]


def test_add_prints_the_key_and_the_day_lists_the_task_by_role(cli: Cli) -> None:
    result = cli.run("add", "Call the accountant about VAT", "fri", "#admin", "15m")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "t1\n"
    assert 'added t1 "Call the accountant about VAT" (Admin, due Fri 27 Nov 2026, ~15 min)' in (
        result.stderr
    )
    assert tasks(cli) == []  # not due before Friday
    [row] = tasks(cli, FRIDAY)
    assert row["id"] == "t1" and row["process"] is None and row["role"] == "Admin"
    assert (row["title"], row["due"], row["estimate_minutes"]) == (
        "Call the accountant about VAT", FRIDAY, 15,
    )  # fmt: skip
    steps = [r for r in cli.today(FRIDAY) if r["kind"] == "step"]
    assert steps and all(r["process"] for r in steps)


def test_options_beat_nothing_and_a_task_without_a_day_waits_in_the_inbox(cli: Cli) -> None:
    cli.ok("add", "Buy printer ink")
    cli.ok("add", "Renew the domain", "--role", "admin", "--due", DAY, "--est", "1h30")
    rows = tasks(cli)
    assert [(r["id"], r["status"], r["role"]) for r in rows] == [
        ("t2", "open", "Admin"), ("t1", "inbox", None),
    ]  # fmt: skip
    assert rows[0]["estimate_minutes"] == 90
    text = cli.ok("today")
    assert "Renew the domain" in text and "Inbox" in text and "Buy printer ink" in text


def test_done_skip_and_snooze_take_a_task_key(cli: Cli) -> None:
    for title in ("One", "Two", "Three"):
        cli.ok("add", title, "--due", DAY)
    assert cli.ok("done", "t1", "--minutes", "12").startswith('done: t1 "One"')
    assert cli.ok("skip", "t2", "--reason", "not needed").startswith('skipped: t2 "Two"')
    assert cli.ok("snooze", "t3", "--to", "+2").startswith('moved: t3 "Three"')
    assert [r["id"] for r in tasks(cli)] == []
    [moved] = tasks(cli, "2026-11-25")
    assert moved["id"] == "t3" and moved["first_due"] == DAY
    line = cli.fails("done", "t1")
    assert 'task t1 "One" is already done' in line
    assert "no task t9" in cli.fails("done", "t9")


def test_a_task_carried_over_shows_how_late_it_is(cli: Cli) -> None:
    cli.ok("add", "Send the quote", "--due", DAY)
    [row] = tasks(cli, "2026-11-26")
    assert row["overdue_days"] == 3 and row["carried_days"] == 3


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("Call", "#nope"), 'no role "nope" (roles: Sales, Delivery, Admin, Marketing)'),
        (("Call", "--system", "nope"), 'no system "nope"'),
        (("Call", "--due", "blursday"), '"blursday" is not a date'),
        (("Call", "--due", "2026-02-30"), '"2026-02-30" is not a date of the calendar'),
        (("Call", "--est", "lots"), '"lots" is not an estimate'),
        (("Call", "--est", "0"), '"0" is no estimate'),
        (("Call", "--est", "1h75"), "go up to 59"),
        (("Est", "99999m"), "more than a day"),
        (("ring\x07",), "holds a control character"),
        (("bad \udcff bytes",), "holds bytes that are not UTF-8 text"),  # $'bad \xff bytes'
        (("Call", "--role", "\udcff"), 'no role "?"'),
        (("x" * 10_000,), "too long"),
        (("fri", "#admin"), "a task needs a title"),
    ],
)
def test_a_bad_task_is_one_line_and_changes_nothing(
    cli: Cli, args: tuple[str, ...], said: str
) -> None:
    before = cli.data.read_bytes()
    line = cli.fails("add", *args)
    assert said in line, line
    assert "\x07" not in line
    assert cli.data.read_bytes() == before


def test_a_title_with_markup_is_kept_as_typed(cli: Cli) -> None:
    cli.ok("add", "[/]bold[b] move", "--due", DAY)
    [row] = tasks(cli)
    assert row["title"] == "[/]bold[b] move"
    assert "[/]bold[b] move" in cli.ok("today")


def test_tasks_go_through_export_and_import(cli: Cli) -> None:
    cli.ok("add", "Renew the domain", "--role", "admin", "--due", DAY)
    cli.ok("add", "Buy printer ink")
    out = cli.tmp_path / "export.json"
    cli.ok("export", "--format", "json", "--out", str(out))
    assert len(orjson.loads(out.read_bytes())["tables"]["tasks"]) == 2
    other = cli.tmp_path / "other.json"
    cli.ok("import", str(out), data=other)
    assert [r for r in cli.today(data=other) if r["kind"] == "task"] == tasks(cli)


def test_tasks_added_on_two_devices_are_both_kept_by_merge(tmp_path: Path) -> None:
    (tmp_path / "laptop").mkdir()
    (tmp_path / "desktop").mkdir()
    laptop, desktop = Cli(tmp_path, "laptop/cockpit.json"), Cli(tmp_path, "desktop/cockpit.json")
    laptop.ok("init", "--sample")
    laptop.ok("add", "Shared one", "--due", DAY)
    shutil.copyfile(laptop.data, desktop.data)
    laptop.ok("add", "Laptop's", "--due", DAY)  # both hand out t2
    desktop.ok("add", "Desktop's", "--due", DAY)
    desktop.ok("done", "t1")
    copy = laptop.data.with_name("cockpit.sync-conflict-20261123-101010-DESK.json")
    shutil.copyfile(desktop.data, copy)
    said = laptop.ok("merge", str(copy))
    [line] = [line for line in said.splitlines() if line.startswith("  tasks: ")]
    assert sorted(line.removeprefix("  tasks: ").split(", ")) == ['"Desktop\'s"', '"Shared one"']
    titles = {r["title"]: r["id"] for r in tasks(laptop)}
    assert set(titles) == {"Laptop's", "Desktop's"}  # the shared one was done there
    assert len(set(titles.values())) == 2
    assert laptop.run("doctor").returncode == 0


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"role": "nope"}, "tasks[\"1\"].role: task 1 has unknown role 'nope'"),
        ({"uid": "not-a-ulid"}, 'tasks["1"].uid'),
        ({"due": "2026-13-01"}, 'tasks["1"].due'),
        ({"status": "done"}, 'tasks["1"]'),  # done without its closing time
        ({"title": ""}, 'tasks["1"].title'),
        ({"colour": "red"}, 'tasks["1"]'),  # a field nobody knows
    ],
)
def test_a_hand_edited_task_is_named_by_every_command(
    cli: Cli, change: dict[str, str], said: str
) -> None:
    """A task record broken by hand: every command says which and where, none crashes."""
    cli.ok("add", "Renew the domain", "--role", "admin", "--due", DAY)
    data = orjson.loads(cli.data.read_bytes())
    data["tasks"]["1"].update(change)
    cli.data.write_bytes(orjson.dumps(data))
    for command in (("today",), ("add", "More"), ("review",)):
        line = cli.fails(*command)
        assert said in line, line


def test_words_an_option_also_gives_stay_in_the_title(cli: Cli) -> None:
    """`add Fix bug #123` and `add Est fri --due mon` keep their words (found by the outside
    tester: "no role 123", and "fri" dropped without a word)."""
    cli.ok("add", "Fix bug #123")
    cli.ok("add", "Plan the fri review", "fri", "--due", "2026-11-30")
    rows = {r["id"]: r for r in tasks(cli, "2026-11-30")}
    assert rows["t1"]["title"] == "Fix bug #123" and rows["t1"]["status"] == "inbox"
    assert (rows["t2"]["title"], rows["t2"]["due"]) == ("Plan the fri review fri", "2026-11-30")


def test_a_task_in_the_inbox_moves_to_today_with_snooze(cli: Cli) -> None:
    """`snooze t1 --to today` gave "snooze to a later date than today" for a task in the
    inbox: a task moves to any day from today on (found by the outside tester)."""
    cli.ok("add", "Buy printer ink")
    said = cli.ok("snooze", "t1", "--to", "today")
    assert said.startswith('moved: t1 "Buy printer ink" (due Mon 23 Nov 2026)')
    assert [r["status"] for r in tasks(cli)] == ["open"]
    assert "a day gone by" in cli.fails("snooze", "t1", "--to", "2026-11-20")


def test_cockpit_tasks_lists_every_open_task_by_day_and_all_with_all(cli: Cli) -> None:
    """A task due next year was found only in an export (found by the outside tester)."""
    cli.ok("add", "Far away", "--due", "2027-12-31")
    cli.ok("add", "Soon", "--due", "2026-11-24", "--role", "sales")
    cli.ok("add", "Inbox one")
    cli.ok("add", "Done one", "--due", DAY)
    cli.ok("done", "t4")
    text = cli.ok("tasks")
    assert [line.split()[0] for line in text.splitlines()] == ["t2", "t1", "t3"]
    assert "Far away  (due Fri 31 Dec 2027)" in text and "Soon  Sales" in text
    rows = orjson.loads(cli.ok("tasks", "--json", "--all"))
    assert [(r["id"], r["status"]) for r in rows] == [
        ("t2", "open"), ("t1", "open"), ("t3", "inbox"), ("t4", "done"),
    ]  # fmt: skip


def test_cockpit_tasks_with_none(cli: Cli) -> None:
    assert cli.ok("tasks") == "No tasks. `cockpit add ...` captures one.\n"
    assert orjson.loads(cli.ok("tasks", "--json")) == []


def test_the_weekly_review_lists_the_tasks_done_and_still_open(cli: Cli) -> None:
    cli.ok("add", "Renew the domain", "--role", "admin", "--due", DAY)
    cli.ok("add", "Send the quote", "--due", DAY)
    cli.ok("done", "t1", "--minutes", "10")
    later = "2026-11-25"
    text = cli.ok("review", "--format", "md", day=later)
    assert "## Tasks" in text
    assert "- done: t1 Renew the domain (Admin), 10 min" in text
    assert "- still open: t2 Send the quote (due Mon 23 Nov)" in text
    report = orjson.loads(cli.ok("review", "--format", "json", day=later))
    assert [t["id"] for t in report["tasks_done"]] == ["t1"]
    assert [t["id"] for t in report["tasks_slipped"]] == ["t2"]


def test_minutes_typed_on_a_done_task_count_in_its_roles_time(cli: Cli) -> None:
    """The day decodes only the open tasks; a closed one's typed minutes still count."""
    cli.ok("add", "Renew the domain", "--role", "admin", "--due", DAY)
    cli.ok("done", "t1", "--minutes", "12")
    admin = next(line for line in cli.ok("today").splitlines() if line.strip().startswith("Admin"))
    assert "12m of 1h00" in admin, admin
