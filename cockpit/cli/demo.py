"""Looking around: `demo` (the sample business with history, in a throwaway file) and
`bench` (how fast Cockpit is, against its targets)."""

from __future__ import annotations

from pathlib import Path

import click

from cockpit.cli.options import Options, common, fail, say


@click.command()
@click.option(
    "--keep",
    "keep_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the demo data in this folder.",
)
@click.option(
    "--print", "print_only", is_flag=True, help="Print today's plan instead of opening the app."
)
@common
@click.pass_obj
def demo(options: Options, keep_dir: Path | None, print_only: bool) -> None:
    """Look around: the sample business with 10 weeks of history, in a throwaway file."""
    import tempfile

    from cockpit.services.demo_file import write_demo  # the first frame needs no more

    settings = options.settings()
    clock = options.clock(settings)
    if not print_only:  # refused before a demo folder is made for nothing
        from cockpit.cli.launch import require_terminal

        require_terminal()
    if keep_dir is not None and (keep_dir / "cockpit.json").exists():
        # never over a data file: it may be the owner's business, not an earlier demo
        fail(
            f"{keep_dir / 'cockpit.json'} already exists; the demo is kept only in a folder "
            "without a cockpit.json (delete it first if it is an old demo)"
        )
    folder = keep_dir or Path(tempfile.mkdtemp(prefix="cockpit-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cockpit.json"
    template = write_demo(path, clock, settings)  # built once a day, then copied
    if print_only:
        from cockpit.cli import render
        from cockpit.services.context import Cockpit
        from cockpit.services.day import plan_day

        with Cockpit.open(path, clock, settings) as cockpit:
            render.print_plan(plan_day(cockpit), cockpit)
    else:
        from cockpit.cli.launch import open_app

        open_app(options, path, template)
    say(f"Demo data: {path} (open it again: cockpit --data {path})", err=True)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--quick", is_flag=True, help="Only the *year* data set, fewer rounds.")
@click.option("--check", is_flag=True, help="Exit 1 if a target is missed.")
def bench(as_json: bool, quick: bool, check: bool) -> None:
    """Measure Cockpit on generated data sets (medians) against its targets."""
    from cockpit.bench.run import main as run_bench

    run_bench(as_json=as_json, quick=quick, check=check)
