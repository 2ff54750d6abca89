"""An export read back through the one schema: what an import refuses that the data file
shows (a late step), references it must resolve, and the counters it raises."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest

from cockpit.domain.errors import ValidationError
from cockpit.store import exchange
from cockpit.store.database import Store
from tests.unit.store.helpers import NOW, data_file, seed

Doc = dict[str, Any]


@pytest.fixture
def export(tmp_path: Path) -> Doc:
    with Store.open(data_file(tmp_path)) as store:
        seed(store)
        document: Doc = orjson.loads(exchange.export_bytes(store, NOW))
    return document


def read(document: Doc) -> dict[str, Any]:
    return exchange.read_document(orjson.dumps(document), "in.json")


def session(**fields: Any) -> dict[str, Any]:
    return {
        "id": 1,
        "kind": "stopwatch",
        "role": "admin",
        "started_at": "2026-11-03T09:00:00+00:00",
        **fields,
    }


def test_a_session_on_no_run_is_taken_and_one_on_a_missing_run_refused(export: Doc) -> None:
    for occurrence in (None, 1):
        document = copy.deepcopy(export)
        document["tables"]["focus"] = {"1": session(occurrence=occurrence)}
        assert read(document)["focus"]["1"]["role"] == "admin"
    document["tables"]["focus"] = {"1": session(occurrence=99)}
    with pytest.raises(ValidationError, match=r'in\.json: focus\["1"\]\.occurrence: .* run 99'):
        read(document)


def test_an_import_refuses_a_late_step_that_the_data_file_would_show(export: Doc) -> None:
    document = copy.deepcopy(export)
    document["tables"]["processes"]["1"]["steps"][1]["offset_days"] = 1
    with pytest.raises(ValidationError) as refused:
        read(document)
    assert 'processes["invoice-clients"].steps: step "Step 2" falls 1 day after' in str(
        refused.value
    )
    assert "the largest offset that works is 0" in str(refused.value)


def test_an_import_raises_counters_below_the_numbers_in_use(export: Doc) -> None:
    document = copy.deepcopy(export)
    document["tables"]["meta"]["1"]["next_no"] = 1
    assert read(document)["meta"]["1"]["next_no"] == 7
