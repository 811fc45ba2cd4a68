"""The same numbers everywhere: a run, a comparison and a sweep made from
Python equal the command line's, bit for bit.

Checked to fail: with the Python model built from seed + 1, or with the
Python run's threads given as the seed, every comparison here fails on the
first series."""

import h5py
import numpy as np
import pytest
import xarray as xr

import cogov
from conftest import TINY, cli, tiny_overrides


def bits(a) -> np.ndarray:
    """Float64 values as their bit patterns (NaN payloads and -0.0 included)."""
    return np.ascontiguousarray(np.asarray(a, dtype=np.float64)).view(np.uint64)


def assert_bits_equal(a, b, name):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape, f"{name}: shape {a.shape} != {b.shape}"
    assert np.array_equal(bits(a), bits(b)), f"{name}: values differ"


def read_series(path) -> dict:
    """Every per-week dataset of a run file, by path."""
    out = {}
    with h5py.File(path, "r") as f:
        for group in ("city", "communities", "streets"):
            for name, d in f[group].items():
                out[f"{group}/{name}"] = d[...]
    return out


CASES = [("baseline", 1, 30, []),
         # a library scenario with a scheduled event (week 53) inside the run
         ("chongqing-three-society-linkage", 7, 60, ["--set", "time.steps=60"])]


@pytest.mark.parametrize("name, seed, steps, extra", CASES)
def test_model_stepped_by_hand_equals_cogov_run(tmp_path, name, seed, steps, extra):
    cli("run", name, "--seed", seed, "--threads", 2, "-q", "-o", tmp_path / "cli.h5", *tiny_overrides(), *extra)
    files = read_series(tmp_path / "cli.h5")
    m = cogov.Model(cogov.load_scenario(name, set={**TINY, "time.steps": steps}), seed=seed, threads=1)
    city, communities = [], []
    while not m.finished:
        m.step()
        city.append(m.metrics())
        communities.append(m.metrics("communities"))
    assert len(city) == steps == files["city/trust"].shape[0]
    for metric in city[0]:
        if metric.startswith("trust."):
            continue
        assert_bits_equal([w[metric] for w in city], files[f"city/{metric}"], f"city/{metric}")
        assert_bits_equal([w[metric] for w in communities], files[f"communities/{metric}"], f"communities/{metric}")
    for i, a in enumerate(cogov.ACTORS):
        for j, b in enumerate(cogov.ACTORS):
            cell = f"trust.{a}.{b}"
            assert_bits_equal([w[cell] for w in city], files["city/trust"][:, i, j], f"city/{cell}")
            assert_bits_equal([w[cell] for w in communities], files["communities/trust"][:, :, i, j],
                              f"communities/{cell}")


@pytest.mark.parametrize("name, seed, steps, extra", CASES)
def test_cogov_run_equals_cogov_run_command(tmp_path, name, seed, steps, extra):
    cli("run", name, "--seed", seed, "--threads", 1, "-q", "-o", tmp_path / "cli.h5", *tiny_overrides(), *extra)
    scenario = cogov.load_scenario(name, set={**TINY, "time.steps": 60})
    ds = cogov.run(scenario, seed=seed, steps=steps, threads=2, out=tmp_path / "py.h5")
    files, ours = read_series(tmp_path / "cli.h5"), read_series(tmp_path / "py.h5")
    assert files.keys() == ours.keys()
    for path in files:
        assert_bits_equal(ours[path], files[path], path)
    for name in ds.data_vars:
        assert_bits_equal(ds[name].values, files[f"city/{name}"], f"Dataset {name}")
    with h5py.File(tmp_path / "cli.h5") as a, h5py.File(tmp_path / "py.h5") as b:
        assert a.attrs["scenario"] == b.attrs["scenario"] and a.attrs["seed"] == b.attrs["seed"]


def test_cogov_compare_equals_the_command(tmp_path):
    cli("compare", "baseline", "grid-management", "-r", 3, "--seed", 4, "--threads", 2, "-q", "-o",
        tmp_path / "cli.h5", *tiny_overrides())
    arms = [cogov.load_scenario(n, set=TINY) for n in ("baseline", "grid-management")]
    ds = cogov.compare(*arms, replicates=3, seed=4, threads=1)
    from cogov_analysis import open_file
    from cogov_analysis.datasets import to_dataset
    expected = to_dataset(open_file(tmp_path / "cli.h5"))
    assert set(ds.data_vars) == set(expected.data_vars)
    for name in expected.data_vars:
        assert_bits_equal(ds[name].values, expected[name].values, name)
    xr.testing.assert_equal(ds.coords.to_dataset(), expected.coords.to_dataset())
    assert list(ds["arm"].values) == ["baseline", "grid-management"]
    assert ds["difference"].sel(arm="grid-management", outcome="run.resolved_share").notnull()


SWEEP = """name = "tiny-sweep"
scenario = "{scenario}"
seed = 11
replicates = 2
[set]
"time.steps" = 20
"city.communities" = 2
"city.streets" = 1
"city.residents_per_community" = 120
[design]
type = "factorial"
[parameters]
"committee.delegated_items" = [296, 72]
"grid.enabled" = [false, true]
[record]
series = ["participation_rate"]
final = ["backlog", "trust.residents.government"]
mean = ["resolution_rate"]
last_weeks = 10
"""


def write_sweep(folder) -> str:
    path = folder / "tiny-sweep.toml"
    path.write_text(SWEEP.format(scenario=cogov.library_dir() + "/baseline.toml"))
    return path


def test_cogov_sweep_equals_the_command(tmp_path):
    path = write_sweep(tmp_path)
    cli("sweep", path, "--threads", 2, "-q", "-o", tmp_path / "cli.h5")
    ds = cogov.sweep(path, threads=1)
    from cogov_analysis import open_file
    from cogov_analysis.datasets import to_dataset
    expected = to_dataset(open_file(tmp_path / "cli.h5"))
    assert set(ds.data_vars) == set(expected.data_vars) and ds.sizes == expected.sizes
    for name in expected.data_vars:
        if expected[name].dtype.kind == "f":
            assert_bits_equal(ds[name].values, expected[name].values, name)
        else:
            np.testing.assert_array_equal(ds[name].values, expected[name].values)
    assert ds.sizes["run"] == 8 and "weekly_participation_rate" in ds
