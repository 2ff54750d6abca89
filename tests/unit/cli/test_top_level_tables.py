"""A file whose top level is not Cockpit's tables is refused whole, never read as empty.

An export saved over the data file, or a file with a table Cockpit does not know, used to
open as an empty business; the next write (even of `processes`, which writes the meta
record) then replaced the file, and the business was gone.
"""

from __future__ import annotations

import orjson
import pytest

from tests.unit.cli.helpers import Cli


@pytest.mark.parametrize("command", [("processes",), ("today",), ("init", "--sample")])
def test_an_export_in_place_of_the_data_file_is_refused_untouched(
    sample_cli: Cli, command: tuple[str, ...]
) -> None:
    export = sample_cli.tmp_path / "export.json"
    sample_cli.ok("export", "--out", str(export))
    target = sample_cli.tmp_path / "copy.json"
    target.write_bytes(export.read_bytes())
    line = sample_cli.fails(*command, data=target)
    assert "this is a Cockpit export, not a data file: `cockpit import FILE`" in line
    assert target.read_bytes() == export.read_bytes()


def test_a_table_cockpit_does_not_know_is_named_and_kept(cli: Cli) -> None:
    cli.data.write_bytes(orjson.dumps({"foo": {"1": {"x": 1}}, "processes": {}}))
    before = cli.data.read_bytes()
    line = cli.fails("today")
    assert '"foo" is not a table Cockpit knows' in line
    assert cli.data.read_bytes() == before


def test_an_import_with_an_unknown_table_is_refused(sample_cli: Cli) -> None:
    export = sample_cli.tmp_path / "export.json"
    sample_cli.ok("export", "--out", str(export))
    document = orjson.loads(export.read_bytes())
    document["tables"]["invoices"] = {"1": {"total": 3}}
    export.write_bytes(orjson.dumps(document))
    before = sample_cli.data.read_bytes()
    assert '"invoices" is not a table Cockpit knows' in sample_cli.fails("import", str(export))
    assert sample_cli.data.read_bytes() == before
