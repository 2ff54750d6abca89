"""Bench rows of the routines and the weekly review (the figures, through the services)."""

from __future__ import annotations

import time

from cockpit.bench.run import Bench, row


@row("routines_ms", "ms", 100)
def routines_ms(bench: Bench) -> list[float]:
    """Every recurring process's figures: strength, streaks, slipping, per step."""
    from cockpit.services.routines import routine_rows

    samples = []
    with bench.open() as cockpit:
        routine_rows(cockpit)  # the first call parses the schedules' rules
        for _ in range(bench.rounds):
            start = time.perf_counter()
            routine_rows(cockpit)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


@row("review_ms", "ms", 50)
def review_ms(bench: Bench) -> list[float]:
    """One week's review: completion, time, estimates, slips, routines gained and lost."""
    from cockpit.services.review import week_review

    samples = []
    with bench.open() as cockpit:
        week_review(cockpit)
        for _ in range(bench.rounds):
            start = time.perf_counter()
            week_review(cockpit)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


@row("tasks", "tasks", context=True)
def tasks(bench: Bench) -> list[float]:
    with bench.open() as cockpit:
        return [float(len(cockpit.store.tasks()))]


@row("signals_ms", "ms", 50)
def signals_ms(bench: Bench) -> list[float]:
    """Every signal: to-dos that need a system (over the data set's tasks), slipping
    processes, roles under water over the last weeks."""
    from cockpit.services.signals import signals

    samples = []
    with bench.open() as cockpit:
        signals(cockpit)
        for _ in range(bench.rounds):
            start = time.perf_counter()
            signals(cockpit)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


@row("quarter_ms", "ms", 100)
def quarter_ms(bench: Bench) -> list[float]:
    """The quarter's review: months by role, KPI trends, routines gained and lost, signals."""
    from cockpit.services.quarter import quarter_review

    samples = []
    with bench.open() as cockpit:
        quarter_review(cockpit)
        for _ in range(bench.rounds):
            start = time.perf_counter()
            quarter_review(cockpit)
            samples.append((time.perf_counter() - start) * 1000)
    return samples
