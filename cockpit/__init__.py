"""Cockpit: a keyboard-driven terminal cockpit for the repeatable side of a small business."""

__version__ = "0.1.0"
