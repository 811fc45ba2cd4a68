"""Sweeps from run files, and sensitivity of a sweep with a Saltelli or Morris design."""

import numpy as np
import pandas as pd
import pytest

from cogov_analysis import AnalysisError, open_file
from cogov_analysis.sensitivity import morris_indices, morris_sample, saltelli_sample, sobol_indices, split
from cogov_analysis.sensitivity.analyse import sweep_sensitivity, table_sensitivity
from cogov_analysis.sensitivity.saltelli import infer_structure
from cogov_analysis.series import SeriesInfo
from cogov_analysis.sweep import Design, Sweep
from conftest import SWEEP


@pytest.fixture(scope="module")
def runs(sweep_paths):
    return [open_file(p) for p in sweep_paths]


def test_varied_parameters_points_and_replicates(runs):
    sweep = Sweep.from_runs(runs)
    assert sorted(sweep.params) == sorted(SWEEP)
    assert list(sweep.runs["point"]) == [0, 0, 1, 1, 2, 2, 3, 3]
    assert list(sweep.runs["replicate"]) == [0, 1] * 4
    assert list(sweep.runs["seed"]) == [1, 2] * 4
    assert sweep.design.kind == "runs"


def test_point_values_average_the_replicates(runs):
    sweep = Sweep.from_runs(runs)
    points = sweep.point_values("issues_raised", "final")
    finals = [r.city_wide(["issues_raised"])["issues_raised"].iloc[-1] for r in runs]
    assert points.loc[2, "mean"] == pytest.approx(np.mean(finals[4:6]))
    assert points.loc[2, "min"] == min(finals[4:6]) and points.loc[2, "n"] == 2
    assert points.loc[2, "needs.rate"] == runs[4].parameters["needs.rate"]
    assert set(points.columns) >= {"trust.a_loss", "needs.rate", "mean", "sd", "min", "max", "n"}


def test_unknown_outcome_and_designless_sensitivity_are_refused(runs):
    sweep = Sweep.from_runs(runs)
    with pytest.raises(AnalysisError, match="sweep has no outcome 'nonsense'"):
        sweep.point_values("nonsense")
    with pytest.raises(AnalysisError, match="need a Sobol \\(Saltelli\\) or Morris design; this one is 'runs'"):
        sweep_sensitivity(sweep, "issues_raised")


def synthetic_sweep(x, y, kind, group=None, role=None, replicates=2, unit=None):
    """A sweep as a sweep-file reader would give it: y per point, replicates around it (mean y)."""
    points = np.repeat(np.arange(len(x)), replicates)
    offsets = np.tile(np.linspace(-1, 1, replicates), len(x))
    runs = pd.DataFrame({"point": points, "replicate": np.tile(np.arange(replicates), len(x)),
                         "seed": np.arange(len(points)), "status": "ok", "p": x[points, 0], "q": x[points, 1],
                         "r": x[points, 2]}).rename_axis("run")
    summaries = pd.DataFrame({"run": runs.index, "series": "y", "summary": "mean", "value": y[points] + offsets})
    return Sweep(runs=runs, design=Design(kind, ["p", "q", "r"], unit=unit, group=group, role=role),
                 summaries=summaries, info={"y": SeriesInfo("y", "units", "An outcome")})


def test_sobol_of_a_saltelli_sweep_uses_the_stored_structure():
    x = saltelli_sample(256, [(0, 1), (0, 2), (0, 3)], seed=5)
    y = x[:, 0] + x[:, 1] ** 2 + x[:, 0] * x[:, 2]
    group, role = infer_structure(x)
    sweep = synthetic_sweep(x, y, "sobol", group, role)
    got = sweep_sensitivity(sweep, "y", n_boot=100)
    want = sobol_indices(*split(y, x), names=["p", "q", "r"], n_boot=100)
    np.testing.assert_allclose(got.first, want.first, atol=1e-12)
    np.testing.assert_allclose(got.total_ci, want.total_ci, atol=1e-12)


def test_sobol_leaves_out_base_samples_without_an_output():
    """A failed point (7, base sample 1) and a point whose outcome is NaN in every run (12, base sample 2):
    both base samples are left out whole, the note says so, and the indices are the other 14's."""
    x = saltelli_sample(16, [(0, 1)] * 3, seed=5)
    y = x[:, 0] + 2 * x[:, 1] * x[:, 2]
    group, role = infer_structure(x)
    sweep = synthetic_sweep(x, y, "sobol", group, role)
    sweep.runs.loc[sweep.runs["point"] == 7, "status"] = "failed"
    undefined = sweep.runs.index[sweep.runs["point"] == 12]
    sweep.summaries.loc[sweep.summaries["run"].isin(undefined), "value"] = np.nan
    got = sweep_sensitivity(sweep, "y", n_boot=50)
    keep = ~np.isin(group, [1, 2])
    want = sobol_indices(*split(y[keep], x[keep]), n_boot=50)
    np.testing.assert_allclose(got.first, want.first, atol=1e-12)
    np.testing.assert_allclose(got.total_ci, want.total_ci, atol=1e-12)
    assert got.base_samples == 14
    assert got.notes[:1] == ["Left out 2 of 16 base samples (a base sample's A, B and AB points go together): 2 design "
                         "points have no output (1 with failed runs only, 1 whose outcome is undefined (NaN) in every "
                         "run): points 7, 12. The indices use the other 14 base samples; if the points without an "
                         "output share a region of the parameter space, the indices describe only the rest of it."]


def test_sensitivity_refuses_when_too_little_is_left():
    x = saltelli_sample(2, [(0, 1)] * 3, seed=5)
    sweep = synthetic_sweep(x, x.sum(axis=1), "sobol", *infer_structure(x))
    sweep.runs.loc[sweep.runs["point"] == 0, "status"] = "failed"
    with pytest.raises(AnalysisError, match=r"sobol analysis: 1 design point has no output \(1 with failed runs "
                                            r"only\): point 0; they leave 1 of 2 base samples complete"):
        sweep_sensitivity(sweep, "y")


def test_a_point_with_fewer_replicates_is_noted():
    x = saltelli_sample(8, [(0, 1)] * 3, seed=5)
    sweep = synthetic_sweep(x, x.sum(axis=1), "sobol", *infer_structure(x))
    sweep.runs.loc[(sweep.runs["point"] == 3) & (sweep.runs["replicate"] == 1), "status"] = "failed"
    notes = sweep_sensitivity(sweep, "y", n_boot=10).notes
    assert notes[0] == ("1 design points average fewer runs than their 2 replicates (the others failed, are not in "
                        "this file or have no value): point 3.")


def test_replicate_noise_is_noted():
    """Replicates at -1 and +1 around y: each point's mean has noise variance 2 / 2 = 1."""
    x = saltelli_sample(64, [(0, 1)] * 3, seed=5)
    group, role = infer_structure(x)
    for scale, noted in ((1.0, False), (0.5, True)):
        sweep = synthetic_sweep(x, 10 * x.sum(axis=1) * scale, "sobol", group, role)
        notes = sweep_sensitivity(sweep, "y", n_boot=10).notes
        assert any(n.startswith("Replicate noise: about ") for n in notes) == noted, notes


def test_morris_leaves_out_trajectories_without_an_output():
    unit = morris_sample(6, [(0, 1)] * 3, seed=2)
    y = unit @ np.array([1.0, 2.0, -4.0])
    group = np.repeat(np.arange(6), 4)
    sweep = synthetic_sweep(unit, y, "morris", group, unit=unit)
    sweep.runs.loc[sweep.runs["point"] == 9, "status"] = "missing"
    result = sweep_sensitivity(sweep, "y", n_boot=10)
    assert result.trajectories == 5
    np.testing.assert_allclose(result.mu, [1.0, 2.0, -4.0])
    assert result.notes[0].startswith("Left out 1 of 6 trajectories (a trajectory's points go together): 1 design "
                                      "point has no output (1 with no run in this file): point 9.")


def test_morris_of_a_sweep_is_per_unit_of_the_unit_cube():
    bounds = [(0, 1), (0, 10), (5, 6)]
    unit = morris_sample(8, [(0, 1)] * 3, seed=2)
    x = np.array(bounds)[:, 0] + unit * np.ptp(bounds, axis=1)
    y = x @ np.array([1.0, 2.0, -4.0])
    group = np.repeat(np.arange(8), 4)
    result = sweep_sensitivity(synthetic_sweep(x, y, "morris", group, unit=unit), "y", n_boot=50)
    np.testing.assert_allclose(result.mu, [1.0, 20.0, -4.0])     # coefficient x parameter range
    direct = morris_indices(x, y, n_boot=50)
    np.testing.assert_allclose(direct.mu, [1.0, 2.0, -4.0])


def test_table_sensitivity_names_missing_columns():
    table = pd.DataFrame({"a": [0.0, 1.0], "y": [1.0, 2.0]})
    with pytest.raises(AnalysisError, match="table has no column b"):
        table_sensitivity(table, ["a", "b"], "y", "sobol")
    with pytest.raises(AnalysisError, match="sobol analysis: a Saltelli design of 1 parameters"):
        table_sensitivity(table, ["a"], "y", "sobol")
