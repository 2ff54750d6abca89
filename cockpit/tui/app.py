"""The Cockpit app: modes for Today and Focus, themes, keys, and the bridge to the services.

The first frame paints before any data is read: the data file is opened and the
day computed in a thread worker, and screens update from the messages it posts.
Every write goes through the services in a worker; the UI never waits on disk.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import Initialize, Reactive
from textual.theme import BUILTIN_THEMES, Theme

from cockpit.tui.focus_alarm import FocusAlarmApp
from cockpit.tui.messages import CockpitReady, DayShown, FocusChanged
from cockpit.tui.screens.today.screen import TodayScreen
from cockpit.tui.themes import DEFAULT_THEME, load_themes

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

    from cockpit.clock import Clock
    from cockpit.config import Settings
    from cockpit.domain.focus import FocusSession
    from cockpit.domain.model import Role
    from cockpit.services.context import Cockpit
    from cockpit.services.day import DayPlan
    from cockpit.tui.day_cache import DayCache

MIN_WIDTH, MIN_HEIGHT = 60, 16
START_GC_SECONDS = 5.0  # the collector is back on by then, a day shown or not


@dataclass(frozen=True, slots=True)
class Opened:
    """What the opening of the data file found (in the worker)."""

    cockpit: Cockpit
    session: FocusSession | None  # the focus session running
    focus_break: FocusSession | None  # the pomodoro whose break runs


# Heavy screens and the palette's providers load on first use: the first frame waits for nothing.
def _focus_screen() -> Screen[None]:
    from cockpit.tui.screens.focus import FocusScreen

    return FocusScreen()


def _routines_screen() -> Screen[None]:
    from cockpit.tui.screens.routines import RoutinesScreen

    return RoutinesScreen()


def _review_screen() -> Screen[None]:
    from cockpit.tui.screens.review import ReviewScreen

    return ReviewScreen()


def _processes_screen() -> Screen[None]:
    from cockpit.tui.screens.processes import ProcessesScreen

    return ProcessesScreen()


def _action_commands() -> type[Provider]:
    from cockpit.tui.commands import ActionCommands

    return ActionCommands


def _process_commands() -> type[Provider]:
    from cockpit.tui.commands import ProcessCommands

    return ProcessCommands


def _themes() -> tuple[dict[str, Theme], list[str]]:
    """The shipped and the user's themes by name, and what was wrong with any."""
    themes, problems = load_themes()
    said = [f"theme {problem.path.name}: {problem.message}" for problem in problems]
    return {theme.name: theme for theme in themes}, said


def _start_theme(app: CockpitApp) -> str:
    return app.start_theme


class CockpitApp(FocusAlarmApp):
    """Plan the day by role, work the due steps, run focus sessions."""

    TITLE = "Cockpit"
    CSS_PATH = "app.tcss"  # the Routines and Review screens bring their own on first use
    # Today is the default screen (get_default_screen), made a mode once the app runs
    # (on_mount): a mode's first screen would have Textual re-parse every stylesheet before
    # the first frame, a default screen is styled as it mounts, as any other screen.
    MODES: ClassVar[dict[str, Any]] = {
        "focus": _focus_screen,
        "routines": _routines_screen,
        "review": _review_screen,
        "processes": _processes_screen,
    }
    DEFAULT_MODE = "today"
    # not Textual's Keys, Maximize, Screenshot: the view's and the app's keys hold theme and quit
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        _action_commands,
        _process_commands,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "switch_mode('today')", "Today", id="app.today", show=False),
        Binding("2", "switch_mode('focus')", "Focus", id="app.focus", show=False),
        Binding("3", "switch_mode('routines')", "Routines", id="app.routines", show=False),
        Binding("4", "switch_mode('review')", "Review", id="app.review", show=False),
        Binding("5", "switch_mode('processes')", "Processes", id="app.processes", show=False),
        Binding("v", "timeline", "Timeline", id="app.timeline", show=False),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+t", "pick_theme", "Theme", id="app.theme", show=False),
        Binding("M", "merge_copies", "Merge conflict copies", id="app.merge", show=False),
        Binding("u", "undo", "Undo", id="app.undo", show=False),
        Binding("U,ctrl+r", "redo", "Redo", id="app.redo", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        opener: Callable[[], Cockpit],
        settings: Settings,
        clock: Clock,
        data_path: Path,
        day_cache: DayCache | None = None,
    ) -> None:
        self._own_themes, self._theme_problems = _themes()
        self.start_theme = settings.theme if self.knows_theme(settings.theme) else DEFAULT_THEME
        if self.start_theme != settings.theme:
            self._theme_problems.append(f'unknown theme "{settings.theme}"')
        super().__init__()  # the stylesheet is made for the start theme: nothing is parsed twice
        for theme in self._own_themes.values():  # for the theme picker (ctrl+t)
            self.register_theme(theme)
        self.update_classes({f"-theme-{self.start_theme}": True}, update=False)
        self.opener = opener
        self.settings = settings
        self.clock = clock
        self.data_path = data_path
        self.cockpit: Cockpit | None = None
        self.focus_session: FocusSession | None = None
        self.open_failure: str | None = None  # why the data file could not be opened
        self._keys_checked = False  # the [keys] ids were checked against the bindings
        self._alarmed: int | None = None
        self.exit_note = ""  # said in the terminal after the app closed
        self.focus_break: FocusSession | None = None  # the pomodoro whose break runs (stored)
        self.roles: list[Role] = []  # the roles of the day Today shows
        self.day_plan: DayPlan | None = None  # the day Today shows (for the palette)
        self.day_cache = day_cache  # the picture of the day kept for the next start

    # -- the theme -----------------------------------------------------------------------

    # The theme the settings choose is the app's theme from the start: Textual reads it
    # while it builds the stylesheet and the colour filter, so it is never assigned (which
    # would parse every stylesheet again before the first frame).
    theme: Reactive[str] = Reactive(Initialize(_start_theme))

    def knows_theme(self, name: str) -> bool:
        return name in self._own_themes or name in BUILTIN_THEMES

    def get_theme(self, theme_name: str) -> Theme | None:
        """Cockpit's own themes are found from the start, before App.__init__ has made the
        registry that `register_theme` fills."""
        own = self._own_themes.get(theme_name)
        return own if own is not None else super().get_theme(theme_name)

    # -- start -------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        cached = None
        if self.day_cache is not None:
            cached = self.day_cache.read(self.clock.today(), self.settings)
        return TodayScreen(cached)

    def on_mount(self) -> None:
        self.add_mode("today", TodayScreen)  # "1" comes back to the stack made at start
        for problem in self._theme_problems:
            self.notify(problem, severity="warning")
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.set_interval(1.0, self._tick)
        self.set_timer(START_GC_SECONDS, collect_again)  # no day shown (a welcome, a failure)
        from cockpit.tui.theme_memory import ThemeMemory

        self.theme_memory = ThemeMemory(self)
        self.watch_the_disk()
        if self.data_path.exists():
            # Through the app's queue, which Textual reads only once the first frame is out
            # (see TodayScreen.on_mount). The worker imports the store and the domain first
            # (~30 ms of bytecode, which lets the writer thread have the GIL) before decoding
            # the file, which holds the GIL for tens of milliseconds.
            self.call_after_refresh(self.open_data)
        else:
            from cockpit.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), self._welcomed)

    def _welcomed(self, _: object = None) -> None:
        self.open_data()

    def open_data(self) -> None:
        """Open the data file in a worker; every view loads once it is open."""
        self.run_in_thread(
            self._open, self._opened, group="open", exclusive=True, refused=self.fail_to_open
        )

    def _open(self) -> Opened:
        from cockpit.services.focus import active_focus, current_break

        cockpit = self.opener()
        return Opened(cockpit, active_focus(cockpit), current_break(cockpit))

    def _opened(self, opened: Opened) -> None:
        self.cockpit = opened.cockpit
        self.open_failure = None  # opened after all (the file came back)
        self.focus_break = opened.focus_break
        self.post_message(CockpitReady())
        self.post_message(FocusChanged(opened.session))
        self.announce_opening(opened.cockpit)
        if self.settings.keys and not self._keys_checked:
            self._keys_checked = True
            self.run_in_thread(self._keymap_problems, self._say_keymap, group="keymap")

    def _keymap_problems(self) -> list[str]:
        from cockpit.tui.keymap_check import keymap_problems

        return keymap_problems(self.settings.keys)

    def _say_keymap(self, problems: list[str]) -> None:
        for problem in problems:
            self.notify(problem, severity="warning", timeout=12)

    def fail_to_open(self, message: str) -> None:
        """Say why in a notification and in every view's place for its content."""
        from cockpit.tui.widgets.opening_note import OpeningNote

        self.open_failure = message
        for shown in self.screen_stack:
            if isinstance(shown, TodayScreen):
                shown.drop_picture()
        self.notify(message, title="Cannot open the data file", severity="error", timeout=30)
        for screen in self.screen_stack:
            for note in screen.query(OpeningNote).results(OpeningNote):
                note.show_failure(message)

    def on_cockpit_ready(self, message: CockpitReady) -> None:
        """The data opened or changed: every view of every mode shown so far loads it again
        (a view in another mode would otherwise show the old data when it comes back)."""
        from cockpit.tui.screens_shown import every_screen

        for screen in every_screen(self):
            screen.post_message(CockpitReady(message.highlight))
        if self.screen not in self.screen_stack:
            self.screen.post_message(CockpitReady(message.highlight))

    def on_day_shown(self, message: DayShown) -> None:
        """Today shows a day: its roles for the status bar and the block watch, its steps
        for the palette."""
        self.day_plan = message.plan
        self.roles = message.plan.roles
        collect_again()

    # -- actions -------------------------------------------------------------------------

    def action_undo(self) -> None:
        from cockpit.tui import undo_keys

        undo_keys.undo(self)

    def action_redo(self) -> None:
        from cockpit.tui import undo_keys

        undo_keys.redo(self)

    async def action_quit(self) -> None:
        """Quit; a focus session left running keeps running (it is stored): the terminal is
        told so once the app has closed (`exit_note`, printed by the launcher)."""
        session = self.focus_session
        if session is not None and session.active:
            state = "paused" if session.status.value == "paused" else "running"
            self.exit_note = (
                f"The focus session started at {session.started_at:%H:%M} is still {state}: "
                "Cockpit picks it up when you start it again (2, then s stops it)."
            )
        self.exit()

    def action_timeline(self) -> None:
        from cockpit.tui.screens.timeline import open_timeline

        open_timeline(self)

    def action_help(self) -> None:
        from cockpit.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        from cockpit.tui.palette import CockpitPalette

        if self.use_command_palette and not self._palette_open():
            self.push_screen(CockpitPalette(id="--command-palette"))

    def action_pick_theme(self) -> None:
        from textual.theme import ThemeProvider

        from cockpit.tui.palette import CockpitPalette

        if not self._palette_open():
            self.push_screen(
                CockpitPalette(providers=[ThemeProvider], placeholder="Search for themes…")
            )

    def _palette_open(self) -> bool:
        from textual.command import CommandPalette

        return any(isinstance(screen, CommandPalette) for screen in self.screen_stack)

    def on_resize(self, event: events.Resize) -> None:
        from cockpit.tui.screens.too_small import TooSmallScreen

        # event.size: the app's own size is only updated after this handler
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        if small and not isinstance(self.screen, TooSmallScreen):
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif not small and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    def on_unmount(self) -> None:
        if self.cockpit is not None:
            self.cockpit.close()


def build_app(
    path: Path,
    clock: Clock,
    settings: Settings,
    *,
    keep_day: bool = False,
    copy_of: Path | None = None,
) -> CockpitApp:
    """The one factory of the app, for the CLI and the tests alike. `keep_day`: draw the day
    kept from the last run in the first frame, and keep the day shown for the next one
    (`copy_of`: the file `path` is a fresh byte copy of, whose kept day it shares)."""

    def opener() -> Cockpit:
        # imported here: the store and the domain load in the worker, after the first frame
        from cockpit.services.context import Cockpit

        return Cockpit.open(path, clock, settings, fall_back_to_read_only=True)

    day_cache = None
    if keep_day:
        from cockpit.services.cache_files import cache_folder
        from cockpit.tui.day_cache import DayCache

        day_cache = DayCache(cache_folder(), path, copy_of)
    return CockpitApp(opener, settings, clock, path, day_cache)


def collect_again() -> None:
    """The garbage collector back on, if the launcher held it off for the start: what the
    start made (modules, the day's data) is frozen first, never scanned again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
