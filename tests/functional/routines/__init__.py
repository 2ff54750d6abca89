"""Pilot and snapshot tests of the Routines view."""
