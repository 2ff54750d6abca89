"""Names that read alike are one name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.domain.errors import ValidationError
from cockpit.domain.names import name_key, require_free_name

OTHERS = [("invoice", "Invoice clients"), ("chase", "Chase payments")]


@pytest.mark.parametrize("name", ["Invoice clients", "invoice CLIENTS", "  Invoice\tclients "])
def test_a_name_that_reads_alike_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match='a process is already called "Invoice clients"'):
        require_free_name(name, OTHERS, "a process")


def test_its_own_name_and_other_words_are_free() -> None:
    require_free_name("INVOICE clients", OTHERS, "a process", own_id="invoice")
    require_free_name("Invoice client", OTHERS, "a process")
    require_free_name("Invoice-clients", OTHERS, "a process")


@given(st.text(), st.sampled_from(["", " ", "  ", "\t"]), st.booleans())
def test_spacing_and_case_never_make_a_new_name(name: str, pad: str, upper: bool) -> None:
    alike = pad + (name.upper() if upper else name) + pad
    assert name_key(alike) == name_key(name.upper() if upper else name)
    assert name_key(name.casefold()) == name_key(name.casefold().casefold())
