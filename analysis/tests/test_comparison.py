"""Paired comparisons: statistics, and arms built from real run files."""

import warnings

import numpy as np
import pytest
from scipy import stats as scipy_stats

from cogov_analysis import AnalysisError, open_file
from cogov_analysis.comparison import Comparison
from cogov_analysis.stats import paired_stats
from conftest import SEEDS, STEPS


def test_paired_stats_match_a_paired_t_test():
    rng = np.random.default_rng(1)
    common = rng.normal(size=20)
    a = common + rng.normal(scale=0.1, size=20)
    b = common + 0.5 + rng.normal(scale=0.1, size=20)
    st = paired_stats(a, b)
    d = b - a
    half = scipy_stats.t.ppf(0.975, 19) * d.std(ddof=1) / np.sqrt(20)
    assert st["difference"] == pytest.approx(d.mean())
    assert st["low"] == pytest.approx(d.mean() - half)
    assert st["high"] == pytest.approx(d.mean() + half)
    ttest = scipy_stats.ttest_rel(b, a)
    assert (st["low"] > 0) == (ttest.pvalue < 0.05 and ttest.statistic > 0)
    expected_reduction = 1 - d.var(ddof=1) / (a.var(ddof=1) + b.var(ddof=1))
    assert st["variance_reduction"] == pytest.approx(expected_reduction)
    assert st["variance_reduction"] > 0.9      # the shared noise cancels


def test_paired_stats_per_step_and_with_one_replicate():
    a = np.arange(12.0).reshape(3, 4)
    st = paired_stats(a, a + 2)
    np.testing.assert_allclose(st["difference"], 2)
    np.testing.assert_allclose(st["low"], 2)
    one = paired_stats(a[:1], a[:1] + 1)
    assert np.all(np.isnan(one["low"])) and np.all(np.isnan(one["variance_reduction"]))


def test_arms_are_paired_by_seed(comparison):
    assert comparison.arms == ["base", "more-needs"]
    assert comparison.base == "base" and comparison.alternatives == ["more-needs"]
    assert list(comparison.provenance["seed"]) == list(SEEDS) * 2
    cube = comparison.cube("more-needs", "issues_raised")
    assert cube.shape == (len(SEEDS), STEPS)
    assert comparison.mean_weeks == STEPS      # runs are shorter than the default 52 weeks


def test_differences_show_the_policy_effect(comparison, files):
    diffs = comparison.differences().set_index(["series", "summary"])
    raised = diffs.loc[("issues_raised", "mean")]
    assert raised["low"] > 0                  # twice the need rate: clearly more issues
    base = [open_file(files[f"base-{s}"]).city_wide(["issues_raised"])["issues_raised"].mean() for s in SEEDS]
    more = [open_file(files[f"more-needs-{s}"]).city_wide(["issues_raised"])["issues_raised"].mean() for s in SEEDS]
    assert raised["difference"] == pytest.approx(np.mean(more) - np.mean(base))
    assert raised["mean_base"] == pytest.approx(np.mean(base))
    assert set(diffs.index.get_level_values("summary")) == {"final", "mean"}
    over_time = comparison.difference_over_time("more-needs", "issues_raised")
    assert list(over_time.columns) == ["difference", "low", "high"] and len(over_time) == STEPS


def test_identical_arms_differ_by_exactly_zero(files):
    runs = [open_file(files[f"base-{s}"]) for s in SEEDS]
    cmp = Comparison.from_runs({"a": runs, "b": [open_file(r.path) for r in runs]})
    diffs = cmp.differences()
    assert np.all(diffs["difference"] == 0) and np.all(diffs["low"] == 0) and np.all(diffs["high"] == 0)


def test_arms_with_different_seeds_are_refused(files):
    base = [open_file(files[f"base-{s}"]) for s in SEEDS]
    more = [open_file(files[f"more-needs-{s}"]) for s in SEEDS[:2]]
    with pytest.raises(AnalysisError, match="arms must use the same seeds to be paired"):
        Comparison.from_runs({"base": base, "more": more})
    with pytest.raises(AnalysisError, match="at least two arms"):
        Comparison.from_runs({"base": base})


def test_paired_stats_leave_out_missing_pairs():
    """NaN (a trust row of an actor type that did not exist) drops that pair, without warnings."""
    nan = np.nan
    a = np.array([[1.0, nan, nan], [2.0, nan, nan], [3.0, 5.0, nan], [4.0, nan, nan]])
    b = a + np.array([1.0, 2.0, 0.0])
    b[0, 0] = nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        st = paired_stats(a, b)
    assert list(st["replicates"]) == [3, 1, 0]
    np.testing.assert_allclose(st["difference"][:2], [1.0, 2.0])
    assert st["mean_base"][0] == pytest.approx(3.0)          # the base of the three complete pairs
    assert st["low"][0] == pytest.approx(1.0) and np.isnan(st["low"][1])
    assert all(np.isnan(st[k][2]) for k in ("difference", "low", "high", "sd", "variance_reduction"))
