"""cogov.run, compare and sweep: results, files and bad input."""

import h5py
import pytest

import cogov
from conftest import TINY
from test_bit_identity import write_sweep


def test_run_returns_the_run_files_dataset(tiny, tmp_path):
    ds = cogov.run(tiny, seed=2, steps=12, threads=1)
    assert ds.sizes["step"] == 12 and ds["trust"].dims == ("step", "truster", "trustee")
    assert list(ds["truster"].values) == list(cogov.ACTORS)
    assert ds["participation_rate"].attrs["units"] and ds.attrs["seed"] == 2
    per = cogov.run(tiny, seed=2, steps=12, threads=1, level="communities", out=tmp_path / "r.h5", snapshot=True)
    assert per["trust"].dims == ("step", "community", "truster", "trustee") and per.sizes["community"] == 3
    with h5py.File(tmp_path / "r.h5") as f:
        assert f.attrs["format"] == "cogov-run" and "snapshot" in f
    # A library name or a file works as well as a Scenario.
    assert cogov.run("baseline", steps=1, threads=1).sizes["step"] == 1


def test_run_refuses(tiny, tmp_path):
    out = tmp_path / "r.h5"
    cogov.run(tiny, steps=2, out=out, threads=1)
    with pytest.raises(ValueError, match="exists"):
        cogov.run(tiny, steps=2, out=out, threads=1)
    cogov.run(tiny, steps=3, out=out, threads=1, force=True)
    with h5py.File(out) as f:
        assert f.attrs["steps"] == 3
    with pytest.raises(ValueError):
        cogov.run(tiny, steps=2, out=tmp_path / "no" / "such" / "folder.h5")
    with pytest.raises(cogov.ScenarioError, match="time.steps"):
        cogov.run(tiny, steps=0)
    with pytest.raises(cogov.ScenarioError):
        cogov.run("no-such-scenario", steps=2)
    with pytest.raises(ValueError, match="threads"):
        cogov.run(tiny, steps=2, threads=0)


def test_compare_dataset_and_file(tiny, tmp_path):
    alt = cogov.load_scenario("baseline", set={**TINY, "committee.delegated_items": 72})
    ds = cogov.compare(tiny, alt, replicates=3, steps=10, out=tmp_path / "c.h5", threads=2)
    assert ds.sizes["replicate"] == 3 and ds.sizes["step"] == 10
    assert {"outcomes", "difference", "difference_low", "difference_high", "variance_reduction"} <= set(ds.data_vars)
    assert ds["outcomes"].dims == ("arm", "replicate", "outcome")
    with h5py.File(tmp_path / "c.h5") as f:
        assert f.attrs["format"] == "cogov-compare"
    lean = cogov.compare(tiny, alt, replicates=2, steps=5, series=False, threads=1)
    assert "step" not in lean.dims


def test_compare_refuses(tiny):
    with pytest.raises(ValueError, match="at least one alternative"):
        cogov.compare(tiny)
    with pytest.raises(ValueError, match="at least 2 replicates"):
        cogov.compare(tiny, tiny, replicates=1)
    with pytest.raises(ValueError, match="runs 5"):
        cogov.compare(tiny.with_values({"time.steps": 5}), tiny, replicates=2)


def test_sweep_dataset_and_refusals(tmp_path):
    path = write_sweep(tmp_path)
    ds = cogov.sweep(path, out=tmp_path / "s.h5", threads=2)
    assert ds.sizes["run"] == 8 and ds.sizes["point"] == 4
    assert list(ds["parameter"].values) == ["committee.delegated_items", "grid.enabled"]
    with pytest.raises(ValueError, match="exists"):
        cogov.sweep(path, out=tmp_path / "s.h5")
    assert cogov.sweep(path, out=tmp_path / "s.h5", resume=True).sizes["run"] == 8  # already complete
    with pytest.raises(ValueError, match="contradict"):
        cogov.sweep(path, out=tmp_path / "s.h5", resume=True, force=True)
    bad = tmp_path / "bad.toml"
    bad.write_text(path.read_text().replace('"grid.enabled" = [false, true]', '"grid.enabld" = [false, true]'))
    with pytest.raises(cogov.ScenarioError) as e:
        cogov.sweep(bad)
    assert e.value.messages[0].startswith(f"{bad}:") and "did you mean 'grid.enabled'" in e.value.messages[0]
