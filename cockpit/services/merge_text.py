"""What a merge brought in, in words for a person: the command line prints it, the app
shows it as a notification (names in it are text, neutralised by each front end)."""

from __future__ import annotations

from pathlib import Path

from cockpit.domain.text import counted
from cockpit.services.merge import Merged


def merge_lines(done: Merged, data_path: Path, dry_run: bool) -> list[str]:
    """What came in, for a person (names pass through `say`)."""
    report = done.report
    if not report.changed:
        head = f"Nothing new in {done.source}: {data_path.name} holds all of it."
        lines = [head]
    else:
        verb = "Would merge" if dry_run else "Merged"
        lines = [f"{verb} {done.source} into {data_path}:"]
        counts = [
            ("runs", [(report.runs_added, "new"), (report.runs_changed, "changed")]),
            ("steps", [(report.steps_done, "done"), (report.steps_skipped, "skipped")]),
            ("focus sessions", [(report.focus_added, "new"), (report.focus_changed, "changed")]),
        ]
        for label, parts in counts:
            if any(count for count, _ in parts):
                said = ", ".join(f"{count} {word}" for count, word in parts if count)
                lines.append(f"  {label}: {said}")
        if report.focus_minutes:
            lines.append(f"  focus minutes logged: {report.focus_minutes}")
        for label, names in (
            ("reviews", report.reviews),
            ("plans", report.plans),
            ("tasks", [f'"{title}"' for title in report.tasks]),
            ("processes", [f'"{name}"' for name in report.processes]),
            ("roles", [f'"{name}"' for name in report.roles]),
            ("systems", [f'"{name}"' for name in report.systems]),
        ):
            if names:
                lines.append(f"  {label}: {', '.join(names)}")
        for clash in report.clashes:
            whose = "this device's" if clash.kept == "live" else "the copy's"
            saved = ", ".join(f"version {number}" for number in clash.saved)
            lines.append(
                f'  process "{clash.name}": edited on both devices; kept {whose} definition '
                f"(now version {clash.version}), the other saved in its history"
                + (f" as {saved}" if saved else "")
            )
    for what in report.kept_live:
        lines.append(f"  {what} differs in the copy: kept as this device has it")
    if report.archived:
        lines.append(f"  {counted(report.archived, 'record', 'records')} already archived here")
    if dry_run:
        lines.append("Dry run: nothing was changed.")
        return lines
    if done.backup is not None:
        lines.append(f"Backup of the data file before the merge: {done.backup}")
    if done.moved_to is not None:
        lines.append(f"Moved the merged copy to {done.moved_to}")
    elif not done.warnings:
        lines.append(f"Left {done.source} where it was (it is not beside the data file)")
    return lines
