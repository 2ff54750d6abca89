"""A seeded monkey: thousands of keys from the app's own key set, with text holding `[`, in
bursts that arrive with no gap (as one read from a terminal) and one at a time, across every
mode and dialog. Nothing may crash the app, and the data file must still open afterwards.

A failing seed is replayed with `COCKPIT_MONKEY_SEED=<seed> pytest tests/functional/test_monkey.py`.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from textual import events

from cockpit.store.database import Store
from tests.functional.helpers import ready
from tests.ui_support import AppFactory

MOVING = [
    "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right",
    "home", "end", "backspace", "delete", "pageup", "pagedown",
]  # fmt: skip


def declared_keys() -> list[str]:
    """Every key the app and its screens declare (a key added later is in the run at once),
    ctrl+q aside: quitting ends the run."""
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.screen import Screen

    import cockpit.tui.screens
    from cockpit.tui.app import CockpitApp

    owners: list[type[object]] = [CockpitApp]
    for module in pkgutil.walk_packages(cockpit.tui.screens.__path__, "cockpit.tui.screens."):
        loaded = importlib.import_module(module.name)
        owners += [
            value
            for value in vars(loaded).values()
            if isinstance(value, type)
            and issubclass(value, Screen)
            and value.__module__ == loaded.__name__
        ]
    keys = set()
    for owner in owners:
        for binding in Binding.make_bindings(getattr(owner, "BINDINGS", [])):
            keys.add(binding.key)
    keys.discard("ctrl+q")
    return sorted(keys)


# the app's keys, moving and editing keys, and text
APP_KEYS = sorted({*declared_keys(), *MOVING})
TEXT = ["[", "[/]", "[bold]", "x", "Call ", "0", "15m", "fri", "\\"]
KEYS_PER_RUN = int(os.environ.get("COCKPIT_MONKEY_KEYS", "700"))  # 2,100 keys in ~80 s
SIZES = {"120x40": (120, 40), "80x24": (80, 24), "60x16": (60, 16)}
# three seeds, each at its own terminal size (a seed of your own: COCKPIT_MONKEY_SEED=5)
RUNS = (
    [(int(os.environ["COCKPIT_MONKEY_SEED"]), size) for size in SIZES]
    if "COCKPIT_MONKEY_SEED" in os.environ
    else [(11, "120x40"), (23, "80x24"), (47, "60x16")]
)


def character(key: str) -> str | None:
    """The character a key types (None for keys that type none)."""
    named = {"space": " ", "left_square_bracket": "[", "right_square_bracket": "]",
             "slash": "/", "plus": "+", "equals_sign": "=", "question_mark": "?"}  # fmt: skip
    if key in named:
        return named[key]
    return key if len(key) == 1 else None


def key_of(char: str) -> str:
    by_char = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket",
               "/": "slash", "\\": "backslash"}  # fmt: skip
    return by_char.get(char, char)


def burst(rng: random.Random) -> list[str]:
    """A few keys: app keys, or a piece of text typed key by key."""
    if rng.random() < 0.25:
        return [key_of(char) for char in rng.choice(TEXT)]
    return [rng.choice(APP_KEYS) for _ in range(rng.randint(1, 6))]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "size"), RUNS, ids=[f"{seed}-{size}" for seed, size in RUNS])
async def test_no_key_sequence_crashes_the_app(
    make_app: AppFactory,
    data_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
    size: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # an export path typed at random lands here
    rng = random.Random(seed)
    sent: list[str] = []
    runs = 0
    while len(sent) < KEYS_PER_RUN:  # "Quit" chosen in the palette ends a run: start again
        runs += 1
        assert runs <= 20, f"seed {seed}: the app quit {runs} times"
        app = make_app()
        try:
            async with app.run_test(size=SIZES[size]) as pilot:  # re-raises a crash
                await ready(pilot)
                while len(sent) < KEYS_PER_RUN and app.is_running:
                    keys = burst(rng)
                    sent += keys
                    if rng.random() < 0.8:  # all at once: one read from the terminal
                        for key in keys:
                            app.post_message(events.Key(key, character(key)))
                        await pilot.pause()
                    else:
                        await pilot.press(*keys)
                if app.is_running:
                    await pilot.app.workers.wait_for_complete()
        except BaseException as error:
            error.add_note(f"seed {seed} at {size}, the last keys: {sent[-40:]}")
            raise
        assert app.return_code in (None, 0), f"seed {seed}: stopped after {sent[-40:]}"
    with Store.open(data_path, read_only=True) as store:  # the file still opens, whole
        assert store.processes()
