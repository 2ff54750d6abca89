"""The library use cases: every function, every validation error, nothing half-saved."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.domain.errors import NotFoundError, ScheduleError, ValidationError
from cockpit.domain.model import Process, Stage
from cockpit.domain.occurrence import OccurrenceStatus
from cockpit.services import library, schedule_preview
from cockpit.services.context import Cockpit
from tests.ui_support import DAY


def snapshot(ctx: Cockpit) -> object:
    return (ctx.store.roles(), ctx.store.systems(), ctx.store.processes())


def invoicing(ctx: Cockpit, **changes: object) -> Process:
    role = next((r for r in ctx.store.roles() if r.name == "Admin"), None) or library.save_role(
        ctx, name="Admin", colour="#d08770", budget_minutes=60
    )
    fields: dict[str, object] = {
        "name": "Invoice clients",
        "role_id": role.id,
        "system_id": None,
        "schedule_text": "every 2 weeks on fri",
        "target_minutes": 45,
        "stage": Stage.DRAFT,
        "notes": "",
        "purpose": "Get paid",
    }
    fields |= changes
    return library.save_process(ctx, **fields)  # type: ignore[arg-type]


def with_steps(ctx: Cockpit) -> Process:
    process = invoicing(ctx)
    for title, minutes in (("Collect hours", 10), ("Send invoices", 20), ("File", 5)):
        process = library.save_step(ctx, process.id, title=title, estimate_minutes=minutes)
    return process


def titles(process: Process) -> list[str]:
    return [step.title for step in process.steps]


# -- schedules ------------------------------------------------------------------------------


def test_the_preview_is_the_next_five_dates_from_today(ctx: Cockpit) -> None:
    dates = schedule_preview.schedule_preview(ctx, "weekly on mon")
    assert dates == [date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7),
                     date(2026, 12, 14), date(2026, 12, 21)]  # fmt: skip
    assert schedule_preview.schedule_preview(ctx, "daily")[0] == DAY


def test_on_demand_and_after_done_have_no_dates(ctx: Cockpit) -> None:
    assert schedule_preview.schedule_preview(ctx, "on demand") == []
    assert schedule_preview.schedule_preview(ctx, "3 days after done") == []
    assert "by hand" in schedule_preview.describe_schedule(ctx, "on demand")
    assert schedule_preview.describe_schedule(ctx, "daily").startswith("next: Fri 20 Nov 2026")


def test_an_unknown_phrase_says_which_phrases_work(ctx: Cockpit) -> None:
    with pytest.raises(ScheduleError) as caught:
        schedule_preview.schedule_preview(ctx, "whenever I feel like it")
    assert "every 2 weeks on fri" in str(caught.value)
    assert caught.value.field == "schedule"
    assert "phrases that work" in schedule_preview.describe_schedule(ctx, "sometimes")


# -- processes ------------------------------------------------------------------------------


def test_a_new_process_starts_today_without_steps(ctx: Cockpit) -> None:
    process = invoicing(ctx)
    assert (process.id, process.start, process.steps, process.version) == (
        "invoice-clients",
        DAY,
        (),
        1,
    )
    assert ctx.store.processes() == [process]


def test_a_name_in_use_is_refused_whatever_its_case_and_spaces(ctx: Cockpit) -> None:
    """Two processes (roles, systems) called alike cannot be told apart in a list or a
    dialog: the second is refused, on its name field, and nothing is saved."""
    first = invoicing(ctx)
    for name in ("Invoice clients", "  invoice   CLIENTS "):
        with pytest.raises(ValidationError, match='a process is already called "Invoice') as no:
            library.save_process(
                ctx, name=name, role_id=first.role, system_id=None,
                schedule_text="on demand", target_minutes=None,
            )  # fmt: skip
        assert no.value.field == "name"
    other = invoicing(ctx, name="Chase payments")
    with pytest.raises(ValidationError, match="already called"):
        invoicing(ctx, process_id=other.id, name="INVOICE clients")  # a rename into it
    assert invoicing(ctx, process_id=first.id, name="Invoice Clients").name == "Invoice Clients"
    with pytest.raises(ValidationError, match='a role is already called "Admin"') as role:
        library.save_role(ctx, name="admin")
    assert role.value.field == "name"
    library.save_system(ctx, name="Billing")
    with pytest.raises(ValidationError, match='a system is already called "Billing"'):
        library.save_system(ctx, name=" billing")
    assert sorted(p.name for p in ctx.store.processes()) == ["Chase payments", "Invoice Clients"]


def test_a_retired_name_can_be_used_again_under_a_new_id(ctx: Cockpit) -> None:
    first = invoicing(ctx)
    library.archive_process(ctx, first.id)
    second = invoicing(ctx)
    assert (first.id, second.id) == ("invoice-clients", "invoice-clients-2")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "  "}, "name", "needs a name"),
        ({"name": "x" * 201}, "name", "too long"),
        ({"role_id": None}, "role", "choose the role"),
        ({"role_id": "nobody"}, "role", "choose the role"),
        ({"system_id": "nothing"}, "system", "unknown system"),
        ({"schedule_text": "now and then"}, "schedule", "phrases that work"),
        ({"schedule_text": ""}, "schedule", "a schedule is needed"),
        ({"target_minutes": -5}, "target", "negative"),
        ({"target_minutes": 2000}, "target", "more than a day"),
        ({"stage": "done"}, "stage", "unknown stage"),
    ],
)
def test_a_bad_process_is_refused_and_nothing_is_saved(
    ctx: Cockpit, changes: dict[str, object], field: str, words: str
) -> None:
    library.save_role(ctx, name="Admin")
    before = snapshot(ctx)
    fields: dict[str, object] = {
        "name": "Invoice", "role_id": "admin", "system_id": None,
        "schedule_text": "daily", "target_minutes": 30,
    }  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        library.save_process(ctx, **(fields | changes))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert words in str(caught.value)
    assert snapshot(ctx) == before


def test_editing_grows_the_version_and_keeps_past_runs_steps(demo: Cockpit) -> None:
    run = next(
        o for o in demo.store.occurrences()
        if o.status is OccurrenceStatus.DONE and o.steps
    )  # fmt: skip
    process = library.find_process(demo, run.process_id)
    old_steps = process.steps
    edited = library.save_process(
        demo, process_id=process.id, name=process.name + " (v2)", role_id=process.role,
        system_id=process.system, schedule_text="daily", target_minutes=30,
        stage="testing", notes="tighter", purpose=process.purpose,
    )  # fmt: skip
    edited = library.save_step(demo, process.id, title="A brand new step", estimate_minutes=3)
    edited = library.delete_step(demo, process.id, old_steps[0].id)
    assert edited.version == process.version + 3
    assert edited.schedule.text == "daily" and edited.start == process.start
    lookup = demo.process_lookup()
    assert lookup[(run.process_id, run.process_version)].steps == old_steps
    assert [s.step_id for s in run.steps] == [s.id for s in old_steps]
    assert lookup[(process.id, edited.version)].steps == edited.steps


def test_saving_without_changes_makes_no_new_version(ctx: Cockpit) -> None:
    process = invoicing(ctx)
    again = library.save_process(
        ctx, process_id=process.id, name=process.name, role_id=process.role, system_id=None,
        schedule_text=process.schedule.text, target_minutes=45, stage="draft",
        notes="", purpose="Get paid",
    )  # fmt: skip
    assert again.version == 1


def test_archiving_a_process_retires_it(ctx: Cockpit) -> None:
    process = library.archive_process(ctx, invoicing(ctx).id)
    assert process.stage is Stage.RETIRED and not process.active and process.version == 2
    with pytest.raises(NotFoundError):
        library.archive_process(ctx, "nothing")


# -- steps ----------------------------------------------------------------------------------


def test_steps_are_added_edited_moved_and_deleted(ctx: Cockpit) -> None:
    process = with_steps(ctx)
    assert [s.id for s in process.steps] == ["s1", "s2", "s3"]
    process = library.save_step(
        ctx, process.id, step_id="s2", title="Send the invoices",
        instructions="# Do it\n\n- check totals\n", tool="QuickBooks",
        estimate_minutes=25, offset_days=-1,
    )  # fmt: skip
    step = process.step("s2")
    assert (step.title, step.tool, step.estimate_minutes, step.offset_days) == (
        "Send the invoices",
        "QuickBooks",
        25,
        -1,
    )
    assert step.instructions == "# Do it\n\n- check totals"
    process = library.move_step(ctx, process.id, "s3", -1)
    assert titles(process) == ["Collect hours", "File", "Send the invoices"]
    process = library.move_step(ctx, process.id, "s1", 1)
    assert titles(process) == ["File", "Collect hours", "Send the invoices"]
    same = library.move_step(ctx, process.id, "s2", 1)  # the last one stays last
    assert same == process
    process = library.delete_step(ctx, process.id, "s1")
    assert titles(process) == ["File", "Send the invoices"]
    assert library.save_step(ctx, process.id, title="Again").steps[-1].id == "s4"
    assert ctx.store.processes()[0].version == process.version + 1
    with pytest.raises(NotFoundError):
        library.delete_step(ctx, process.id, "s1")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": ""}, "title", "needs a name"),
        ({"estimate_minutes": -1}, "estimate", "negative"),
        ({"estimate_minutes": 24 * 60 + 1}, "estimate", "more than a day"),
        ({"offset_days": 367}, "offset", "more than a year"),
        ({"offset_days": -400}, "offset", "more than a year"),
    ],
)
def test_a_bad_step_is_refused_and_nothing_is_saved(
    ctx: Cockpit, changes: dict[str, object], field: str, words: str
) -> None:
    process = with_steps(ctx)
    before = snapshot(ctx)
    fields: dict[str, object] = {"title": "Check", "estimate_minutes": 5, "offset_days": 0}
    with pytest.raises(ValidationError) as caught:
        library.save_step(ctx, process.id, **(fields | changes))  # type: ignore[arg-type]
    assert caught.value.field == field and words in str(caught.value)
    assert snapshot(ctx) == before


def test_form_text_is_read_or_refused_with_its_field() -> None:
    assert library.parse_minutes(" 45 min", "target") == 45
    assert library.parse_minutes("", "target", optional=True) is None
    assert library.parse_days("-2") == -2 and library.parse_days("") == 0
    for call, field in (
        (lambda: library.parse_minutes("soon", "estimate"), "estimate"),
        (lambda: library.parse_minutes("", "estimate"), "estimate"),
        (lambda: library.parse_days("tomorrow"), "offset"),
        (lambda: library.parse_kpis("Win rate, %, lots"), "kpis"),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.field == field
    assert library.parse_kpis("Win rate, %, 40\n\nDSO, days, 30, down") == [
        ("Win rate", "%", 40.0, "up"), ("DSO", "days", 30.0, "down")
    ]  # fmt: skip
    assert library.split_list("Bank, , QuickBooks") == ["Bank", "QuickBooks"]


# -- roles and systems ----------------------------------------------------------------------


def test_roles_are_created_edited_and_archived(ctx: Cockpit) -> None:
    role = library.save_role(ctx, name="Sales", colour="#a3be8c", budget_minutes=90)
    assert (role.id, role.colour, role.budget_minutes) == ("sales", "#a3be8c", 90)
    role = library.save_role(ctx, role_id="sales", name="Selling", colour="#bf616a")
    assert (role.id, role.name) == ("sales", "Selling")
    assert library.archive_role(ctx, "sales").archived
    assert ctx.store.roles()[0].archived


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": ""}, "name", "needs a name"),
        ({"colour": "red"}, "colour", "hex colour"),
        ({"colour": "#12345"}, "colour", "hex colour"),
        ({"budget_minutes": -10}, "budget", "negative"),
    ],
)
def test_a_bad_role_is_refused(
    ctx: Cockpit, changes: dict[str, object], field: str, words: str
) -> None:
    fields: dict[str, object] = {"name": "Sales", "colour": "#a3be8c", "budget_minutes": 0}
    with pytest.raises(ValidationError) as caught:
        library.save_role(ctx, **(fields | changes))  # type: ignore[arg-type]
    assert caught.value.field == field and words in str(caught.value)
    assert ctx.store.roles() == []


def test_a_role_with_active_processes_is_not_archived(ctx: Cockpit) -> None:
    process = invoicing(ctx)
    with pytest.raises(ValidationError, match="still has active processes"):
        library.archive_role(ctx, process.role)
    library.archive_process(ctx, process.id)
    assert library.archive_role(ctx, process.role).archived
    with pytest.raises(ValidationError, match="retired"):
        invoicing(ctx, role_id=process.role)


def test_systems_are_created_edited_and_archived(ctx: Cockpit) -> None:
    system = library.save_system(
        ctx, name="Finance", description="Money in", tools=["QuickBooks", " ", "Bank"],
        people=["Accountant"], kpis=[("Days sales outstanding", "days", 30.0, "down")],
    )  # fmt: skip
    assert (system.id, system.tools, system.people) == (
        "finance",
        ("QuickBooks", "Bank"),
        ("Accountant",),
    )
    assert system.kpis[0].direction == "down" and system.kpis[0].target == 30.0
    system = library.save_system(ctx, system_id="finance", name="Financial management")
    assert (system.id, system.name, system.kpis) == ("finance", "Financial management", ())
    assert library.archive_system(ctx, "finance").archived
    with pytest.raises(NotFoundError):
        library.archive_system(ctx, "nothing")


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"name": " "}, "name"), ({"kpis": [("", "", None, "up")]}, "kpis"),
     ({"kpis": [("DSO", "days", 30.0, "sideways")]}, "kpis")],
)  # fmt: skip
def test_a_bad_system_is_refused(ctx: Cockpit, changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        library.save_system(ctx, **({"name": "Finance"} | changes))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert ctx.store.systems() == []


# -- testing --------------------------------------------------------------------------------


def test_timed_runs_are_the_done_runs_latest_first(demo: Cockpit) -> None:
    process = next(p for p in demo.store.processes() if p.stage is Stage.TESTING)
    runs = library.testing_runs(demo, process.id, limit=3)
    done = [
        o for o in demo.store.occurrences(process_id=process.id)
        if o.status is OccurrenceStatus.DONE
    ]  # fmt: skip
    assert 0 < len(runs) <= 3
    assert [day for day, _ in runs] == sorted((o.date for o in done), reverse=True)[: len(runs)]
    latest = max(done, key=lambda o: o.date)
    assert runs[0] == (latest.date, sum(s.minutes or 0 for s in latest.steps))
