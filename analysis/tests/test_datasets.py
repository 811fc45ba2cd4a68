"""xarray Datasets with named dimensions, and the files as NetCDF-4 without cogov's loaders."""

import shutil
import subprocess

import numpy as np
import xarray as xr

from cogov_analysis import open_file
from cogov_analysis.datasets import comparison_dataset, run_dataset, sweep_dataset, to_dataset
from cogov_analysis.sweep import Sweep
from conftest import SEEDS, STEPS

ACTORS = ["government", "social_organization", "property_company", "resident_committee", "residents"]


def test_run_dataset_city(events_run):
    ds = run_dataset(events_run)
    assert ds["trust"].dims == ("step", "truster", "trustee")
    assert ds["backlog"].dims == ("step",)
    assert list(ds["truster"].values) == ACTORS
    assert list(ds["step"].values) == list(range(1, STEPS + 1))
    assert ds["participation_rate"].attrs["units"] == "share"
    assert ds.attrs["scenario_name"] == "events-test"
    np.testing.assert_array_equal(ds["trust"].sel(truster="residents", trustee="government").values,
                                  events_run.trust()[:, 4, 0])


def test_run_dataset_communities(events_run):
    ds = to_dataset(events_run, level="communities")
    assert ds["trust"].dims == ("step", "community", "truster", "trustee")
    assert ds["issues_raised"].dims == ("step", "community")
    assert list(ds["street"].values) == [0, 0, 0]
    np.testing.assert_allclose(ds["issues_raised"].sum("community").values,
                               events_run.city_wide(["issues_raised"])["issues_raised"].values)


def test_comparison_dataset(comparison, files):
    ds = comparison_dataset(comparison)
    assert ds["backlog"].dims == ("arm", "replicate", "step")
    assert ds["trust"].dims == ("arm", "replicate", "step", "truster", "trustee")
    assert list(ds["arm"].values) == ["base", "more-needs"]
    run = open_file(files["more-needs-2"])
    replicate = list(SEEDS).index(2)
    cell = ds["trust"].sel(arm="more-needs", replicate=replicate, truster="property_company", trustee="residents")
    np.testing.assert_array_equal(cell.values, run.trust()[:, 2, 4])


def test_sweep_dataset(sweep_paths):
    sweep = Sweep.from_runs([open_file(p) for p in sweep_paths])
    ds = sweep_dataset(sweep)
    assert ds["backlog"].dims == ("run", "summary")
    assert ds["trust"].dims == ("run", "summary", "truster", "trustee")
    assert list(ds["needs.rate"].values) == list(sweep.runs["needs.rate"])
    last = open_file(sweep_paths[3]).city_wide(["backlog"])["backlog"].iloc[-1]
    assert ds["backlog"].sel(run=3, summary="final").item() == last


def test_xarray_opens_the_run_file_as_netcdf(files):
    path = files["events"]
    city = xr.open_dataset(path, engine="h5netcdf", group="city")
    assert city["trust"].dims == ("step", "truster", "trustee")
    assert city["trust"].shape == (STEPS, 5, 5)
    assert city["participation_rate"].dims == ("step",)
    assert city["participation_rate"].attrs["units"] == "share"
    communities = xr.open_dataset(path, engine="h5netcdf", group="communities")
    assert communities["trust"].dims == ("step", "community", "truster", "trustee")
    root = xr.open_dataset(path, engine="h5netcdf")
    assert list(root["truster"].values) == ACTORS
    assert list(root["step"].values) == list(range(1, STEPS + 1))
    labelled = city.assign_coords(root.coords)
    value = labelled["trust"].sel(step=STEPS, truster="residents", trustee="government").item()
    assert value == open_file(path).trust()[-1, 4, 0]


def test_ncdump_shows_labelled_dimensions(files):
    ncdump = shutil.which("ncdump")
    assert ncdump, "ncdump not found: scripts/install-deps.sh installs netcdf-bin"
    header = subprocess.run([ncdump, "-h", str(files["events"])], capture_output=True, text=True, check=True).stdout
    assert f"step = {STEPS} ;" in header
    assert "truster = 5 ;" in header
    assert "double trust(step, truster, trustee) ;" in header
    assert "double trust(step, community, truster, trustee) ;" in header
    assert "double participation_rate(step) ;" in header
