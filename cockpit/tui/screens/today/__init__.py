"""Today: the day's due steps by role (screen.py), and the dialogs only its keys open:
why a step is skipped (skip.py), the kind of focus session (focus_kind.py), the process to
start by hand (process_picker.py)."""

from cockpit.tui.screens.today.screen import TodayScreen

__all__ = ["TodayScreen"]
