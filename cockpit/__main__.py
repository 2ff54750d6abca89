"""`python -m cockpit` runs the command line."""

from cockpit.entry import main

main()
