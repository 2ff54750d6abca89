"""The `cockpit` command: one click group (`cockpit.cli.main`) that loads each family of
commands (day, library, review, data, demo) only when one of its commands runs, and opens
the full-screen app when no command is given.

Nothing is imported here, so `cockpit today` loads the group, the day's module and what
its command needs, and nothing else.
"""
