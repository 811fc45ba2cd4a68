"""Sweep files from `cogov sweep`: the reader against the file read with h5py, the derived summaries
against cogov's own, sensitivity indices against the estimators on the same numbers, failed runs,
shards and files without weekly series."""

import warnings

import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

from cogov_analysis import AnalysisError, AnalysisWarning, Sweep, open_file
from cogov_analysis.datasets import to_dataset
from cogov_analysis.h5util import strings
from cogov_analysis.sensitivity import morris_indices, sobol_indices
from cogov_analysis.sensitivity.analyse import sweep_sensitivity
from cogov_analysis.sweepfile import summarise_series

TRUST = "trust.residents.government"
BOOT = {"n_boot": 200, "seed": 3}


def read(path, warn=None) -> Sweep:
    """open_file, checking the warnings it gives (none unless `warn` matches one)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sweep = open_file(path)
    messages = [str(w.message) for w in caught if issubclass(w.category, AnalysisWarning)]
    assert (messages == []) if warn is None else any(warn in m for m in messages), messages
    return sweep


@pytest.fixture(scope="module")
def sobol(sweep_files):
    return read(sweep_files["sobol"])


def point_means(f, dataset: str) -> np.ndarray:
    """Per design point, the mean over its replicates (rows r = point x replicates + replicate)."""
    return f[dataset][...].reshape(int(f.attrs["points"]), int(f.attrs["replicates"])).mean(axis=1)


def test_run_table_and_design(sobol, sweep_files):
    with h5py.File(sweep_files["sobol"]) as f:
        params = strings(f["parameter"])
        assert sobol.params == params == sorted(params)
        runs = sobol.runs
        assert list(runs.columns) == ["point", "replicate", "seed", "status", "error", *params]
        np.testing.assert_array_equal(runs["point"], np.arange(160) // 2)
        np.testing.assert_array_equal(runs["replicate"], np.arange(160) % 2)
        np.testing.assert_array_equal(runs["seed"], f["runs/seed"][...])
        assert set(runs["status"]) == {"ok"} and set(runs["error"]) == {""}
        for p in params:
            np.testing.assert_array_equal(runs[p], f[f"runs/parameters/{p}"][...])
        d = sobol.design
        assert d.kind == "sobol" and d.attrs["n"] == 16 and d.attrs["k"] == 3
        for name in ("values", "unit", "group", "role"):
            np.testing.assert_array_equal(getattr(d, name), f[f"design/{name}"][...])
    np.testing.assert_array_equal(d.group, np.arange(80) // 5)      # SALib's order, as documented
    np.testing.assert_array_equal(d.role, np.arange(80) % 5)
    assert sobol.provenance["sweep_name"] == "tiny-sobol" and sobol.provenance["mean_weeks"] == 4
    assert sobol.param_info["power.leader_tenure"].units == "weeks"
    assert sobol.notes == []


def test_summaries_are_the_recorded_values(sobol, sweep_files):
    s = sobol.summaries
    assert list(s.columns) == ["run", "series", "summary", "value"]
    with h5py.File(sweep_files["sobol"]) as f:
        for group in ("final", "mean"):
            for name in strings(f[f"record/{group}"]):
                rows = s[(s["series"] == name) & (s["summary"] == group)]
                np.testing.assert_array_equal(rows["run"], np.arange(160))
                np.testing.assert_array_equal(rows["value"], f[f"{group}/{name}"][...])
    frame = sobol.summary_frame()
    assert list(frame.columns[:6]) == ["run", "point", "replicate", "seed", "status", "error"]
    assert {"trust.a_gain", "series", "summary", "value"} <= set(frame.columns) and len(frame) == len(s)
    assert sobol.summaries_of(TRUST) == ["final", "mean"]


def test_series_one_row_per_run_step_and_metric(sobol, sweep_files):
    frame = sobol.series_frame()
    assert list(frame.columns) == ["run", "step", "series", "value"]
    assert len(frame) == 160 * 10 * 2
    with h5py.File(sweep_files["sobol"]) as f:
        cube = f[f"series/{TRUST}"][...]
    rows = frame[frame["series"] == TRUST].pivot(index="run", columns="step", values="value")
    np.testing.assert_array_equal(rows.to_numpy(), cube)
    with_params = sobol.series_frame(["participation_rate"], parameters=True)
    assert len(with_params) == 1600 and "trust.a_loss" in with_params.columns
    with pytest.raises(AnalysisError, match="sweep has no weekly series 'backlog'; weekly series recorded: "
                                            "participation_rate, trust.residents.government"):
        sobol.series_values("backlog")


def test_summaries_of_weekly_series_match_cogovs(sweep_files):
    """final and mean computed here from a weekly series equal cogov's, also for runs of different lengths."""
    for name, series, runs_ok in (("sobol", TRUST, slice(None)), ("grid", "participation_rate", slice(None))):
        with h5py.File(sweep_files[name]) as f:
            steps = (f["runs/parameters/time.steps"][...] if "time.steps" in f["runs/parameters"]
                     else np.full(int(f.attrs["runs"]), int(f.attrs["steps"])))
            got = summarise_series(f[f"series/{series}"][...], steps, int(f["mean"].attrs["weeks"]))
            np.testing.assert_allclose(got["final"][runs_ok], f[f"final/{series}"][...][runs_ok], rtol=1e-12)
            np.testing.assert_allclose(got["mean"][runs_ok], f[f"mean/{series}"][...][runs_ok], rtol=1e-12)
    grid = read(sweep_files["grid"], warn="runs failed")
    assert set(grid.runs["time.steps"]) == {8, 10}
    assert grid.provenance["summaries_from_series"] == ["trust.residents.resident_committee"]
    assert grid.summaries_of("trust.residents.resident_committee") == ["final", "mean"]


def test_dataset_has_run_point_parameter_and_step(sobol, sweep_files):
    ds = to_dataset(sobol)
    assert {"run", "point", "parameter", "step", "summary", "truster", "trustee"} <= set(ds.dims)
    assert ds.sizes["run"] == 160 and ds.sizes["point"] == 80 and ds.sizes["step"] == 10
    assert ds["design_values"].dims == ("point", "parameter")
    assert list(ds["parameter"].values) == sobol.params
    assert ds["trust"].dims == ("run", "summary", "truster", "trustee")
    assert ds["weekly_participation_rate"].dims == ("run", "step")
    assert ds["weekly_participation_rate"].attrs["units"] == "share"
    with h5py.File(sweep_files["sobol"]) as f:
        np.testing.assert_array_equal(ds["design_values"].values, f["design/values"][...])
        np.testing.assert_array_equal(ds["weekly_trust"].sel(truster="residents", trustee="government").values,
                                      f[f"series/{TRUST}"][...])
        np.testing.assert_array_equal(ds["trust"].sel(summary="mean").values[:, 0, 0], f[f"mean/{TRUST}"][...])
    np.testing.assert_array_equal(ds["run_point"].values, np.arange(160) // 2)
    by_run = ds["design_values"].sel(point=ds["run_point"])      # each run's values, from the design
    np.testing.assert_array_equal(by_run.sel(parameter="trust.a_gain").values, ds["trust.a_gain"].values)


def test_sweep_file_opens_as_netcdf(sweep_files):
    series = xr.open_dataset(sweep_files["sobol"], engine="h5netcdf", group="series")
    assert series["participation_rate"].dims == ("run", "step")
    design = xr.open_dataset(sweep_files["sobol"], engine="h5netcdf", group="design")
    assert design["values"].dims == ("point", "parameter")


def test_sobol_indices_match_the_estimators_on_the_files_numbers(sobol, sweep_files):
    """The file read with h5py, rows in SALib's order (k + 2 points per base sample), through the
    estimators: the same indices and intervals as the sweep reader's."""
    got = sweep_sensitivity(sobol, TRUST, "mean", **BOOT)
    with h5py.File(sweep_files["sobol"]) as f:
        k = int(f["design"].attrs["k"])
        y = point_means(f, f"mean/{TRUST}").reshape(-1, k + 2)
    fa, fab, fb = y[:, 0], y[:, 1:k + 1], y[:, k + 1]
    want = sobol_indices(fa, fb, fab, names=sobol.params, **BOOT)
    for field in ("first", "first_ci", "total", "total_ci"):
        np.testing.assert_allclose(getattr(got, field), getattr(want, field), rtol=1e-12, atol=1e-15)
    variance = np.var(np.concatenate([fa, fb]))
    np.testing.assert_allclose(got.total, 0.5 * np.mean((fa[:, None] - fab) ** 2, axis=0) / variance)
    assert got.base_samples == 16 and not any(n.startswith("Left out") for n in got.notes)
    # (the replicate-noise note itself is tested on synthetic sweeps, test_sweep.py)


def test_morris_effects_match_the_files_trajectories(sweep_files):
    """Elementary effects from /design/unit, /design/group and /design/changed, computed here."""
    sweep = read(sweep_files["morris"])
    got = sweep_sensitivity(sweep, "backlog", "final", **BOOT)
    with h5py.File(sweep_files["morris"]) as f:
        unit, group, changed = f["design/unit"][...], f["design/group"][...], f["design/changed"][...]
        y = f["final/backlog"][...]                     # one replicate: run = point
    k = unit.shape[1]
    effects = np.zeros((group.max() + 1, k))
    for p in np.flatnonzero(changed >= 0):
        i = changed[p]
        effects[group[p], i] = (y[p] - y[p - 1]) / (unit[p, i] - unit[p - 1, i])
    np.testing.assert_allclose(got.mu, effects.mean(axis=0))
    np.testing.assert_allclose(got.mu_star, np.abs(effects).mean(axis=0))
    np.testing.assert_allclose(got.sigma, effects.std(axis=0, ddof=1))
    assert got.trajectories == 6
    assert "per unit of the design's unit-cube sample" in got.notes[-1]


def test_failed_points_leave_their_base_samples_out(sweep_files):
    sweep = read(sweep_files["failing-sobol"], warn="20 of 64 runs failed, at 20 design points")
    got = sweep_sensitivity(sweep, "participation_rate", "final", **BOOT)
    with h5py.File(sweep_files["failing-sobol"]) as f:
        y = f["final/participation_rate"][...].reshape(16, 4)
        failed = (f["runs/status"][...] == 2).reshape(16, 4)
        streets = f["runs/parameters/city.streets"][...].reshape(16, 4)
    np.testing.assert_array_equal(failed, streets == 3)
    complete = ~failed.any(axis=1)
    want = sobol_indices(y[complete, 0], y[complete, 3], y[complete, 1:3], **BOOT)
    np.testing.assert_allclose(got.first, want.first, rtol=1e-12)
    np.testing.assert_allclose(got.total_ci, want.total_ci, rtol=1e-12)
    assert got.base_samples == complete.sum()
    assert got.notes[0].startswith(f"Left out {16 - complete.sum()} of 16 base samples (a base sample's A, B and "
                                   f"AB points go together): 20 design points have no output (20 with failed runs "
                                   f"only): points ")


def test_failed_runs_in_a_factorial(sweep_files):
    grid = read(sweep_files["grid"], warn="8 of 16 runs failed, at 4 design points, and have no values; e.g. run")
    assert (grid.runs["status"] == "failed").sum() == 8
    assert grid.runs.loc[grid.runs["status"] == "failed", "error"].str.contains("city.streets = 3 exceeds").all()
    points = grid.point_values("backlog", "final")
    assert list(points.index) == [0, 1, 2, 3] and (points["city.streets"] == 1).all()
    with pytest.raises(AnalysisError, match="sensitivity indices need a Sobol \\(Saltelli\\) or Morris design; "
                                            "this one is 'factorial'"):
        sweep_sensitivity(grid, "backlog", "final")


def test_a_shard_is_read_with_a_warning(sweep_files):
    shard = read(sweep_files["shard"], warn="incomplete sweep file (shard 1/2 of sweep 'tiny-sobol'): 80 of 160 "
                                            "runs are in it, the other 80 have no values; join every shard's file "
                                            "with `cogov merge`")
    assert (shard.runs["status"] == "missing").sum() == 80
    missing = shard.runs.index[shard.runs["status"] == "missing"]
    assert shard.summaries[shard.summaries["run"].isin(missing)]["value"].isna().all()
    assert shard.point_values(TRUST)["n"].max() <= 2


def test_a_file_without_weekly_series(sweep_files):
    sweep = read(sweep_files["summaries-only"])
    assert sweep.series_names == [] and sweep.series_frame().empty
    assert set(sweep.summaries["summary"]) == {"final"}
    assert sweep.outcomes() == [("participation_rate", "final"), ("resolution_rate", "final")]   # metrics only
    ds = to_dataset(sweep)
    assert "step" not in ds.dims and ds["backlog"].dims == ("run", "summary")
    assert sweep.design.group is None and sweep.design.kind == "latin_hypercube"


def test_outcomes_take_the_recorded_summary(sweep_files):
    sweep = read(sweep_files["morris"])
    assert sweep.outcomes() == [(TRUST, "final"), ("participation_rate", "mean"), ("resolution_rate", "mean")]
    assert sweep.outcomes(["backlog"]) == [("backlog", "final")]
    with pytest.raises(AnalysisError, match="sweep has no outcome 'backlog' \\(mean\\); backlog is recorded as: final"):
        sweep.outcomes(["backlog"], "mean")
    assert sweep.outcomes(summary="mean") == [("participation_rate", "mean"), ("resolution_rate", "mean")]


def test_points_in_tidy_form_average_replicates(sobol):
    points = sobol.point_values(TRUST)
    runs = sobol.summary_frame().query("series == @TRUST and summary == 'mean'")
    np.testing.assert_allclose(points["mean"], runs.groupby("point")["value"].mean())
    assert isinstance(points, pd.DataFrame) and (points["n"] == 2).all()


def test_a_csv_design_is_analysed_as_the_user_says(sweep_files):
    sweep = read(sweep_files["csv-saltelli"])
    assert sweep.design.kind == "csv" and sweep.design.group is None
    with pytest.raises(AnalysisError, match="this one is 'csv' \\(a csv design: say which with --method sobol"):
        sweep_sensitivity(sweep, "participation_rate", "final")
    got = sweep_sensitivity(sweep, "participation_rate", "final", method="sobol", **BOOT)
    with h5py.File(sweep_files["csv-saltelli"]) as f:
        y = f["final/participation_rate"][...].reshape(8, 4)        # one replicate; k + 2 = 4 per base sample
    want = sobol_indices(y[:, 0], y[:, 3], y[:, 1:3], **BOOT)
    np.testing.assert_allclose(got.total, want.total, rtol=1e-12)
    assert got.base_samples == 8
