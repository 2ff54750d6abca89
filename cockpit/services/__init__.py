"""The use cases the TUI and the CLI share: plan the day, act on steps, focus, import."""
