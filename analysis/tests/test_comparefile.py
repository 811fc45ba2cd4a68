"""Comparison files written by `cogov compare`: the reader, its statistics, Datasets, commands and reports."""

import re
import shutil
import warnings

import h5py
import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from cogov_analysis import Comparison, open_file
from cogov_analysis.cli import main
from cogov_analysis.datasets import to_dataset
from cogov_analysis.h5util import strings
from cogov_analysis.plots import compare_figures
from cogov_analysis.summary import comparison_summary
from conftest import SEEDS, STEPS
from test_report import check_self_contained, section_ids

ARMS = ["baseline", "more-needs", "events-test"]
ACTORS = ["government", "social_organization", "property_company", "resident_committee", "residents"]


@pytest.fixture(scope="module")
def full(compare_files):
    return open_file(compare_files["full"])


@pytest.fixture(scope="module")
def outcomes_only(compare_files):
    return open_file(compare_files["outcomes"])


def recompute(path, k: int) -> pd.DataFrame:
    """Paired statistics of arm k against arm 0 from the file's per-replicate outcomes, with scipy."""
    with h5py.File(path, "r") as f:
        base, alt = f["arms/0/outcomes"][...], f[f"arms/{k}/outcomes"][...]
        names = strings(f["outcome"])
    d = alt - base
    n = len(d)
    sd = d.std(axis=0, ddof=1)
    half = scipy_stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
    independent = base.var(axis=0, ddof=1) + alt.var(axis=0, ddof=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        reduction = np.where(independent > 0, 1 - d.var(axis=0, ddof=1) / independent, 0.0)
    # Outcomes that are the same in every replicate up to rounding: the ratio of two rounding errors is noise.
    reduction[independent < 1e-12 * (1 + base.mean(axis=0) ** 2)] = np.nan
    return pd.DataFrame({"mean_base": base.mean(axis=0), "mean_arm": alt.mean(axis=0), "difference": d.mean(axis=0),
                         "sd": sd, "low": d.mean(axis=0) - half, "high": d.mean(axis=0) + half,
                         "variance_reduction": reduction}, index=names)


def by_outcome(diffs: pd.DataFrame, arm: str) -> pd.DataFrame:
    rows = diffs[diffs["arm"] == arm]
    return rows.set_index(rows["summary"] + "." + rows["series"])


def test_reader_builds_a_comparison(full, compare_files):
    assert isinstance(full, Comparison)
    assert full.arms == ARMS and full.base == "baseline" and full.has_series
    assert full.mean_weeks == STEPS            # cogov compare's means are over the whole run
    with h5py.File(compare_files["full"], "r") as f:
        seeds = list(f["replicate_seed"][...])
        backlog = f["arms/1/city/backlog"][...]
        trust = f["arms/2/city/trust"][...]
        outcomes = f["arms/2/outcomes"][...]
        names = strings(f["outcome"])
    assert list(full.provenance["seed"]) == seeds * len(ARMS)
    assert list(full.provenance["arm"]) == [a for a in ARMS for _ in SEEDS]
    np.testing.assert_array_equal(full.cube("more-needs", "backlog").to_numpy(), backlog)
    cell = full.cube("events-test", "trust.residents.government").to_numpy()
    np.testing.assert_array_equal(cell, trust[:, :, 4, 0])
    assert len(full.series) == len(ARMS) * len(SEEDS) * STEPS * len(full.series_names())
    assert full.info["backlog"].units == "issues" and full.info["trust.residents.government"].units == "trust"
    assert full.info["resolved_share"].long_name == "Issues resolved per issue raised"
    summaries = full.summaries()
    mine = summaries[summaries["arm"] == "events-test"].pivot(index="replicate", columns=["summary", "series"],
                                                              values="value")
    np.testing.assert_array_equal(mine[[tuple(n.split(".", 1)) for n in names]].to_numpy(), outcomes)
    assert set(summaries["summary"]) == {"final", "mean", "total", "run"}


def test_events_come_from_each_arms_scenario(full):
    events = full.events
    assert set(events["arm"]) == {"events-test"}
    assert list(events["step"]) == [10, 10, 20]
    assert list(events["key"]) == ["committee.delegated_items", "service_centre.enabled", "grid.enabled"]
    assert list(events["value"]) == ["72", "true", "true"]
    assert "[[events]]" in full.scenarios["events-test"] and "rate = 0.04" in full.scenarios["more-needs"]


def test_recorded_differences_agree_with_a_recomputation(full, compare_files):
    diffs = full.differences()
    with h5py.File(compare_files["full"], "r") as f:
        np.testing.assert_array_equal(by_outcome(diffs, "events-test")["difference"], f["differences/2/diff_mean"][...])
        assert f["differences/1"].attrs["alternative"] == "more-needs"
    for k, arm in enumerate(ARMS[1:], start=1):
        mine, theirs = by_outcome(diffs, arm), recompute(compare_files["full"], k)
        for column in theirs.columns:
            known = theirs[column].notna()
            np.testing.assert_allclose(mine.loc[theirs.index[known], column], theirs[column][known], rtol=1e-7,
                                       atol=1e-12, err_msg=f"{arm}: {column}")
        assert (mine["replicates"] == len(SEEDS)).all()
    raised = by_outcome(diffs, "more-needs").loc["total.issues_raised"]
    assert raised["low"] > 0                    # twice the need rate: clearly more issues


def test_other_levels_are_recomputed(full):
    narrow = by_outcome(full.differences(0.5), "more-needs").loc["total.issues_raised"]
    wide = by_outcome(full.differences(), "more-needs").loc["total.issues_raised"]
    assert narrow["difference"] == pytest.approx(wide["difference"])
    assert wide["low"] < narrow["low"] < narrow["high"] < wide["high"]


def test_a_file_without_series_has_the_same_outcomes(outcomes_only, full):
    assert not outcomes_only.has_series and outcomes_only.series.empty
    assert outcomes_only.arms == ARMS[:2]
    pd.testing.assert_frame_equal(outcomes_only.summaries(),
                                  full.summaries()[full.summaries()["arm"] != "events-test"].reset_index(drop=True))
    pd.testing.assert_frame_equal(outcomes_only.differences(),
                                  full.differences()[lambda d: d["arm"] == "more-needs"].reset_index(drop=True))
    ds = to_dataset(outcomes_only)
    assert "step" not in ds.dims and ds["outcomes"].dims == ("arm", "replicate", "outcome")


def test_dataset_of_a_comparison_file(full, compare_files):
    ds = to_dataset(full)
    assert ds["backlog"].dims == ("arm", "replicate", "step")
    assert ds["trust"].dims == ("arm", "replicate", "step", "truster", "trustee")
    assert ds["outcomes"].dims == ("arm", "replicate", "outcome")
    assert ds["difference"].dims == ("arm", "outcome") and ds["difference_low"].dims == ("arm", "outcome")
    assert list(ds["arm"].values) == ARMS and list(ds["truster"].values) == ACTORS
    with h5py.File(compare_files["full"], "r") as f:
        names = strings(f["outcome"])
        assert list(ds["outcome"].values) == names
        np.testing.assert_array_equal(ds["outcomes"].sel(arm="more-needs").values, f["arms/1/outcomes"][...])
        np.testing.assert_array_equal(ds["difference_high"].sel(arm="events-test").values, f["differences/2/ci_high"][...])
        assert list(ds["seed"].values) == list(f["replicate_seed"][...])
    assert ds["difference"].sel(arm="baseline").isnull().all()
    assert ds["series"].sel(outcome="run.resolved_share").item() == "resolved_share"
    assert ds["summary"].sel(outcome="mean.trust.residents.government").item() == "mean"
    assert "Issues resolved per issue raised" in ds["meaning"].sel(outcome="run.resolved_share").item()
    assert ds.attrs["format"] == "cogov-compare" and ds.attrs["base"] == "baseline"


def test_run_file_comparisons_have_outcomes_too(comparison):
    ds = to_dataset(comparison)
    assert ds["outcomes"].dims == ("arm", "replicate", "outcome")
    assert "mean.issues_raised" in ds["outcome"].values
    assert ds["difference"].sel(arm="base").isnull().all()


def test_compare_command_on_a_comparison_file(compare_files, tmp_path, capsys):
    out = tmp_path / "cmp"
    assert main(["compare", str(compare_files["full"]), "-o", str(out), "--formats", "png",
                 "--series", "resolved_share", "backlog", "trust.residents.government"]) == 0
    stems = ["arms", "difference_more-needs", "difference_events-test", "outcomes", "outcome_differences"]
    assert sorted(p.stem for p in out.glob("*.png")) == sorted(stems)
    table = pd.read_csv(out / "differences.csv")
    assert set(table["arm"]) == {"more-needs", "events-test"}
    with h5py.File(compare_files["full"], "r") as f:
        np.testing.assert_allclose(table[table["arm"] == "more-needs"]["low"], f["differences/1/ci_low"][...])
    stdout = capsys.readouterr().out
    assert "Paired differences against baseline (3 replicates)" in stdout
    assert "Issues resolved per issue raised" in stdout and "over weeks 1-30 (the whole run)" in stdout


def test_compare_command_without_series(compare_files, tmp_path, capsys):
    out = tmp_path / "outcomes"
    assert main(["compare", str(compare_files["outcomes"]), "-o", str(out), "--formats", "svg",
                 "--series", "resolved_share", "issues_raised", "trust.residents.government"]) == 0
    assert sorted(p.stem for p in out.glob("*.svg")) == ["outcome_differences", "outcomes"]
    svg = (out / "outcome_differences.svg").read_text()
    for text in ("Paired differences from baseline", "more-needs - baseline", "summed over weeks 1-30 (the whole run)",
                 "Residents' trust in government", "95% confidence interval"):
        assert text in svg, text
    assert "Needs raised by residents" in capsys.readouterr().out
    assert main(["compare", str(compare_files["outcomes"]), "--series", "nonsense"]) == 2
    assert "no series nonsense" in capsys.readouterr().err


def test_report_of_a_comparison_file_without_series(compare_files, tmp_path):
    path = tmp_path / "r.html"
    assert main(["report", str(compare_files["outcomes"]), "-o", str(path)]) == 0
    page = path.read_text()
    # The answer first (effects, methods), provenance last.
    assert section_ids(page) == ["answer", "figure-outcomes", "figure-outcome_differences", "summary", "events",
                                 "provenance"]
    check_self_contained(page)
    for text in ("Paired replicates per arm", "not recorded (outcomes only", "cogov-compare",
                 "Scenario of more-needs, fully resolved", "No scheduled events", "variance removed by pairing"):
        assert text in page, text


def test_missing_pairs_are_left_out(compare_files, tmp_path):
    """Where cogov wrote NaN because one replicate had no value, the other pairs give the difference."""
    path = tmp_path / "gap.h5"
    shutil.copy(compare_files["outcomes"], path)
    with h5py.File(path, "r+") as f:
        o = strings(f["outcome"]).index("total.issues_raised")
        f["arms/1/outcomes"][0, o] = np.nan
        for name in ("diff_mean", "ci_low", "ci_high", "mean_alternative"):
            f[f"differences/1/{name}"][o] = np.nan
        base, alt = f["arms/0/outcomes"][1:, o], f["arms/1/outcomes"][1:, o]
    row = by_outcome(open_file(path).differences(), "more-needs").loc["total.issues_raised"]
    assert row["replicates"] == 2
    assert row["difference"] == pytest.approx(np.mean(alt - base))
    assert row["low"] < row["difference"] < row["high"]


def test_nan_trust_rows_in_a_comparison(compare_files):
    """No social organization at first: their trust row is NaN in early weeks, and NaN-safe everywhere."""
    cmp = open_file(compare_files["scarce"])
    active = cmp.cube("baseline", "socorgs_active").to_numpy()
    trust = cmp.cube("baseline", "trust.social_organization.government").to_numpy()
    np.testing.assert_array_equal(np.isnan(trust), active == 0)
    assert np.isnan(trust).all(axis=0).any() and not np.isnan(trust).all()
    over_time = cmp.difference_over_time("more-needs", "trust.social_organization.government")
    some = ~np.isnan(trust).any(axis=0)
    assert over_time["difference"][some].notna().all() and over_time["difference"][np.isnan(trust).all(axis=0)].isna().all()
    diffs = by_outcome(cmp.differences(), "more-needs")
    early = diffs.loc["mean.trust.social_organization.government"]      # NaN weeks in every replicate
    recorded = cmp.outcomes.query("arm == 'baseline' and series == 'trust.social_organization.government' "
                                  "and summary == 'mean'")["value"]
    np.testing.assert_allclose(recorded, np.nanmean(trust, axis=1))   # cogov's means skip weeks without a value
    assert not np.isnan(early["difference"]) and early["replicates"] == len(trust)
    names = ["trust.social_organization.government", "trust.residents.government"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # no all-NaN or empty-slice warnings
        table = comparison_summary(cmp, names)
        plots = compare_figures.comparison_plots(cmp, names)
    assert [p.stem for p in plots] == ["arms", "difference_more-needs", "outcomes", "outcome_differences"]
    assert table["difference"].notna().any()


def test_a_comparison_file_from_a_newer_cogov_is_refused(compare_files, tmp_path, capsys):
    path = tmp_path / "newer.h5"
    shutil.copy(compare_files["outcomes"], path)
    with h5py.File(path, "r+") as f:
        f.attrs["format_version"] = 2
    assert main(["compare", str(path)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"cogov-compare format version 2, newer than this toolkit reads \(up to version 1\)", err)
