"""Friction a new user met, each fixed: plain xarray reads the hour series as numbers, and the
citation metadata carries the project's version."""

import re

import numpy as np
import pytest
import xarray as xr

from conftest import REPO

HOUR_SERIES = ["committee_admin_hours", "committee_service_hours", "government_hours", "volunteer_hours"]


@pytest.mark.parametrize("name", HOUR_SERIES)
def test_plain_xarray_reads_hour_series_as_numbers(files, name):
    # With units "hours" xarray decoded these as timedelta64 (checked: restoring the old units in
    # metrics.def makes this fail with dtype timedelta64[ns]).
    with xr.open_dataset(files["events"], engine="h5netcdf", group="city") as ds:
        assert np.issubdtype(ds[name].dtype, np.floating), ds[name].dtype
        assert ds[name].attrs["units"] == "hours per week"


def test_comparison_hour_series_are_numbers(compare_files):
    with xr.open_dataset(compare_files["full"], engine="h5netcdf", group="arms/0/city") as ds:
        for name in HOUR_SERIES:
            assert np.issubdtype(ds[name].dtype, np.floating), (name, ds[name].dtype)


def test_citation_version_matches_the_project():
    cmake = (REPO / "CMakeLists.txt").read_text()
    project = re.search(r"project\(cogov VERSION ([0-9.]+)", cmake).group(1)
    cff = (REPO / "CITATION.cff").read_text()
    assert re.search(r"^version: (\S+)$", cff, re.M).group(1) == project
    assert re.search(r"^license: MIT$", cff, re.M)
    assert (REPO / "LICENSE").read_text().startswith("MIT License")
