"""The pure model and rules of Cockpit.

Nothing in this package reads the clock, the disk or the terminal, and nothing
imports textual or tinydb: time and data come in as arguments.
"""
