"""The data file's commands: `init`, `export`, `import`, `merge` and `doctor`.

Like every command, each imports what it needs when it runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cockpit.cli.options import DATE, Options, common, fail, say
from cockpit.domain.text import counted

if TYPE_CHECKING:
    from cockpit.services.doctor import Finding


@click.command()
@common
@click.option("--sample", is_flag=True, help="Load the sample business (a freelance studio).")
@click.option(
    "--roles", default="Sales,Delivery,Admin", show_default=True, help="Roles to start with."
)
@click.pass_obj
def init(options: Options, sample: bool, roles: str) -> None:
    """Create the data file, empty (with roles) or with the sample business."""
    from cockpit.services.business import create_roles, load_sample, role_names_problem

    names = [name.strip() for name in roles.split(",") if name.strip()]
    if not sample and (problem := role_names_problem(names)):
        fail(f"--roles: {problem}")
    with options.open(write=True, need_data=False) as cockpit:
        if cockpit.store.exists:
            fail(
                f"{cockpit.store.path} already holds a business; "
                "`cockpit import FILE` replaces it, `cockpit export` saves it first"
            )
        if sample:
            business = load_sample(cockpit)
            cockpit.refresh()
            say(
                f"Loaded {business.name}: {len(business.roles)} roles, "
                f"{len(business.systems)} systems, {len(business.processes)} processes "
                f"into {cockpit.store.path}"
            )
        else:
            create_roles(cockpit, names)
            say(f"Created {cockpit.store.path} with roles {', '.join(names)}")


def check_out(out: Path, data_path: Path, fmt: str) -> None:
    """Refuse an --out that would overwrite the data file (or its lock), or that cannot be
    written, before anything is written: an export over the live file lost the business."""
    target = out.expanduser().resolve()
    live = data_path.resolve()
    if target in (live, live.with_name(live.name + ".lock")):
        fail(
            f"{out} is the data file Cockpit is using; export to another file "
            "(`cockpit import` reads it back)"
        )
    if fmt == "md":
        if out.exists() and not out.is_dir():
            fail(f"{out} is a file; --format md writes one file per process into a folder")
        return
    if out.is_dir():
        fail(f"{out} is a folder; --format {fmt} writes one file")
    if out.is_symlink() or (out.exists() and not out.is_file()):
        # the export replaces the file whole: it would replace the link, or the device
        fail(
            f"{out} is a link or a device, not a plain file; export to a plain file "
            "(without --out, the export goes to standard output)"
        )
    backups = live.parent / "backups"
    if target.parent == backups.resolve():
        fail(f"{out} is in the backups folder of the data file; export somewhere else")
    if not target.parent.is_dir():
        fail(f"cannot write {out}: the folder {target.parent} does not exist")


@click.command("export")
@common
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "ics", "csv"]),
    default="json",
    show_default=True,
    help="json: all the data; md: SOP documents; ics: the due steps and tasks; csv: the time log.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="File (json, ics, csv) or folder (md, one file per process); default: stdout.",
)
@click.option("--process", "process_name", help="md: only this process (name or id).")
@click.option("--days", type=click.IntRange(1, 366), help="ics: days ahead, today included [30].")
@click.option(
    "--what",
    type=click.Choice(["focus", "occurrences", "tasks"]),
    help="csv: focus sessions [default], runs or tasks.",
)
@click.option("--since", type=DATE, help="csv: from this date.")
@click.option("--until", type=DATE, help="csv: through this date.")
@click.pass_obj
def export_cmd(
    options: Options,
    fmt: str,
    out: Path | None,
    process_name: str | None,
    days: int | None,
    what: str | None,
    since: date | None,
    until: date | None,
) -> None:
    """Export the data (json), SOP documents (md), the due steps (ics) or the time log (csv)."""
    owners: dict[str, tuple[str, object]] = {
        "--process": ("md", process_name),
        "--days": ("ics", days),
        "--what": ("csv", what),
        "--since": ("csv", since),
        "--until": ("csv", until),
    }
    for option, (owner, value) in owners.items():
        if value is not None and fmt != owner:
            fail(f"{option} goes with --format {owner}, not {fmt}")
    with options.open(write=False) as cockpit:
        if out is not None:
            check_out(out, cockpit.store.path, fmt)
        if fmt == "json":
            from cockpit.services.transfer import export_json

            export_json(cockpit, out)
            done = f"Exported to {out}"
        elif fmt == "md":
            from cockpit.services.sop import export_sops

            written = export_sops(cockpit, out, process_name)
            if isinstance(written, str):
                click.echo(written, nl=False)
            done = f"Wrote {counted(len(written), 'SOP document', 'SOP documents')} to {out}"
        elif fmt == "ics":
            from cockpit.services.calendar_export import export_ics

            steps = export_ics(cockpit, out, days or 30)
            done = f"Exported {counted(steps, 'event', 'events')} (due steps and tasks) to {out}"
        else:
            from cockpit.services.timelog import What, export_csv

            kind: What = "tasks" if what == "tasks" else "focus"
            kind = "occurrences" if what == "occurrences" else kind
            rows = export_csv(cockpit, out, kind, since, until)
            noun = {
                "tasks": ("task", "tasks"),
                "occurrences": ("run", "runs"),
                "focus": ("focus session", "focus sessions"),
            }[kind]
            done = f"Exported {counted(rows, *noun)} to {out}"
    if out is not None:
        say(done, err=True)


@click.command("import")
@common
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--create-missing",
    is_flag=True,
    help=".md: create the role or system the file names when the data file lacks it.",
)
@click.pass_obj
def import_cmd(options: Options, file: Path, create_missing: bool) -> None:
    """Import a JSON export (replaces everything), a business definition in TOML (adds), or a
    SOP or Markdown checklist (.md: updates its process, or adds one; a checklist: a draft)."""
    if file.suffix.lower() in (".md", ".markdown"):
        from cockpit.services.sop_import import MissingReferencesError, import_sop_file

        with options.open(write=True) as cockpit:
            try:
                done = import_sop_file(cockpit, file, create_missing=create_missing)
            except MissingReferencesError as error:
                them = "it" if len(error.roles) + len(error.systems) == 1 else "them"
                fail(f"{error}; add --create-missing to create {them}")
        process = done.process
        created = [f'role "{role.name}"' for role in done.created_roles]
        created += [f'system "{system.name}"' for system in done.created_systems]
        say(
            f'Imported "{process.name}" ({process.stage.value}, {len(process.steps)} steps, '
            f"version {process.version}) from {file}"
            + (f"; created {' and '.join(created)}" if created else "")
        )
        return
    if create_missing:
        fail("--create-missing goes with a Markdown file (.md)")
    from cockpit.services.transfer import import_path

    with options.open(write=True, need_data=False) as cockpit:
        say(import_path(cockpit, file).describe(file))


@click.command("merge")
@common
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only say what would come in; change nothing.")
@click.pass_obj
def merge_cmd(options: Options, file: Path, dry_run: bool) -> None:
    """Merge another copy of the data file (a sync client's conflict copy) into it.

    Runs and their steps, focus sessions, reviews, plans and processes are joined by
    identity: nothing done on either device is lost. The data file is backed up first; a
    conflict copy beside it moves to backups/merged/, a file from elsewhere stays where it
    is. A copy of another business is refused."""
    from cockpit.services.merge import merge_file

    with options.open(write=not dry_run) as cockpit:
        done = merge_file(cockpit, file, dry_run=dry_run)
        data_path = cockpit.store.path
    from cockpit.services.merge_text import merge_lines

    for line in merge_lines(done, data_path, dry_run):
        say(line)
    for warning in done.warnings:
        say(f"cockpit: warning: {warning}", err=True)


@click.command()
@common
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.pass_obj
def doctor(options: Options, as_json: bool) -> None:
    """Look for conflict copies, temp files left behind, the lock and who can read the data
    file; changes nothing. Exit status 1 when something needs doing."""
    import sys

    import orjson

    from cockpit.services.doctor import doctor_at

    settings = options.settings()
    command = "cockpit"
    if options.data is not None:
        command += f" --data {shell_word(str(options.data))}"
    findings = doctor_at(options.data_path(settings), command)
    if as_json:
        click.echo(
            orjson.dumps([f.as_json() for f in findings], option=orjson.OPT_INDENT_2).decode()
        )
    else:
        path = options.data_path(settings)
        problems = [f for f in findings if f.problem]
        if not problems:
            say(f"All clear: {path} has nothing beside it that needs doing.")
        for finding in findings:
            mark = "!" if finding.problem else "-"
            say(f"{mark} {finding.message}")
            if finding.command:
                say(f"    {command_line(finding)}")
    if any(f.problem for f in findings):
        sys.exit(1)


def command_line(finding: Finding) -> str:
    """The finding's command to paste: the file it ends with named as `shell_word` does."""
    import shlex

    command, path = finding.command or "", finding.path
    if path is not None and command.endswith(quoted := shlex.quote(str(path))):
        return command[: -len(quoted)] + shell_word(str(path))
    return command


_SHELL_ESCAPES = {"\\": "\\\\", "'": "\\'", "\x1b": "\\e", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def shell_word(text: str) -> str:
    """`text` as one word a shell reads back as it is: quoted as shlex does, or, when it
    holds a control character (a conflict copy named with ESC, a line break, a byte that
    is not UTF-8), in bash's $'...' form with each such character escaped (\\e, \\x1f,
    \\u202e), which prints as plain text and names the file that is there."""
    import shlex

    from cockpit.domain.text import printable

    if printable(text) == text:
        return shlex.quote(text)
    parts = []
    for char in text:
        code = ord(char)
        if char in _SHELL_ESCAPES:
            parts.append(_SHELL_ESCAPES[char])
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as Python holds it
            parts.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x80 and printable(char) != char:
            parts.append(f"\\x{code:02x}")
        elif printable(char) != char:
            parts.append(f"\\u{code:04x}")
        else:
            parts.append(char)
    return "$'" + "".join(parts) + "'"
