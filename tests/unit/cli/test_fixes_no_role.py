"""`cockpit today` on a file holding a role of its own called "No role" (id "no-role", as the
form would make it, or typed in by hand): its tasks and the tasks given no role show in two
sections with two names."""

from __future__ import annotations

import orjson

from tests.unit.cli.helpers import DAY, Cli


def test_a_role_called_no_role_and_the_tasks_without_one_stay_apart(sample_cli: Cli) -> None:
    document = orjson.loads(sample_cli.data.read_bytes())
    document["roles"]["99"] = {"id": "no-role", "name": "No role", "colour": "#123456"}
    sample_cli.data.write_bytes(orjson.dumps(document))
    sample_cli.ok("add", "Sign the lease", "--role", "No role", "--due", DAY)
    sample_cli.ok("add", "Call the bank", "--due", DAY)
    rows = {row["step"]: row for row in sample_cli.today() if row["kind"] == "task"}
    assert rows["Sign the lease"]["role"] == "No role"
    assert rows["Call the bank"]["role"] in (None, "Tasks without a role")
    text = sample_cli.ok("today")
    assert text.count(" No role ") == 1, text
    assert "Tasks without a role" in text
