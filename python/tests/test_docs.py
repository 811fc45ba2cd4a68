"""docs/python.md and the docstrings cover the whole API. Checked to fail:
a view field left out of the table, or a function of __all__ without a
docstring, fails here."""

import inspect
import re

import pytest

import cogov
from conftest import REPO

DOC = (REPO / "docs" / "python.md").read_text()
VIEWS = [cogov._cogov.Residents, cogov._cogov.Communities, cogov._cogov.Streets, cogov._cogov.Companies,
         cogov._cogov.Organizations, cogov._cogov.Contracts]


def public(cls) -> list:
    return [n for n, _ in inspect.getmembers(cls) if not n.startswith("_")]


@pytest.mark.parametrize("name", cogov.__all__)
def test_every_exported_name_is_documented(name):
    assert re.search(rf"\b{re.escape(name)}\b", DOC), f"docs/python.md does not mention {name}"
    obj = getattr(cogov, name)
    if callable(obj):
        assert (obj.__doc__ or "").strip(), f"cogov.{name} has no docstring"


@pytest.mark.parametrize("cls", [cogov.Model, cogov.Scenario, *VIEWS], ids=lambda c: c.__name__)
def test_every_member_is_documented(cls):
    for name in public(cls):
        assert f"`{name}`" in DOC or f".{name}" in DOC or f"{name}(" in DOC, \
            f"docs/python.md does not mention {cls.__name__}.{name}"
        member = inspect.getattr_static(cls, name)
        doc = getattr(member, "__doc__", None) or ""
        assert doc.strip(), f"{cls.__name__}.{name} has no docstring"
