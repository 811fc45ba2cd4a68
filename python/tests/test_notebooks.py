"""The notebooks in git carry no outputs (scripts/run-notebooks.sh executes
them in CI). Checked to fail: an executed notebook copied into notebooks/
fails test_notebooks_are_stripped."""

import json

import pytest

from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_stripped(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert cell.get("outputs") == [], f"{path.name}: cell {i} has outputs (clear them before committing)"
        assert cell.get("execution_count") is None, f"{path.name}: cell {i} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_linked_from_the_readme_and_docs(path):
    for doc in ("README.md", "docs/python.md"):
        assert path.name in (REPO / doc).read_text(), f"{doc} does not link {path.name}"
