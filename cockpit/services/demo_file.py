"""The demo's file, built once a day per version and settings, then copied: what `cockpit
demo` does before its first frame, kept apart from the building (the store, the services
and ten weeks of history load only when there is no demo kept yet for today).
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.locations import package_resource

if TYPE_CHECKING:
    from cockpit.clock import Clock
    from cockpit.config import Settings

SOURCES = ("demo.py", "demo_file.py")  # the demo's code: a change of it builds it again


def sample_path() -> Path:
    return package_resource("sample_data") / "business.toml"


def demo_template(today: date, settings: Settings) -> Path:
    """Where the demo of `today` is kept, for this Cockpit (its version, the demo's code and
    sample business as installed) and these settings."""
    from cockpit import __version__
    from cockpit.services.cache_files import cache_folder, settings_digest

    sources = [*(Path(__file__).with_name(name) for name in SOURCES), sample_path()]
    made = hashlib.sha256(
        repr(
            [__version__, settings_digest(settings), [p.stat().st_mtime_ns for p in sources]]
        ).encode()
    ).hexdigest()[:16]
    return cache_folder() / "demo" / f"{today.isoformat()}-{made}" / "cockpit.json"


def write_demo(path: Path, clock: Clock, settings: Settings) -> Path | None:
    """Write the demo as the new file `path`: a byte copy (same size and time) of the demo
    kept in the cache folder, built there first if there is none yet. Returns the file it
    copied; None when the cache folder could not be used and the demo was built in place."""
    try:
        template = demo_template(clock.today(), settings)
        if not template.exists():
            from cockpit.services.demo import build_template

            build_template(template, clock, settings)
        shutil.copy2(template, path)  # its mode too: created private (0600)
        return template
    except OSError:
        path.unlink(missing_ok=True)
    from cockpit.services.context import Cockpit
    from cockpit.services.demo import build_demo

    with Cockpit.open(path, clock, settings) as ctx:
        build_demo(ctx)
    return None
