"""`python -m cockpit` runs the command line (and the app, without a command), through the
same entry as the `cockpit` script: a kept answer to `today`, else the click group."""

from cockpit.cli.fast import main

main()
