"""`python -m cockpit` runs the command line (and the app, without a command)."""

from cockpit.cli.main import main

main()
