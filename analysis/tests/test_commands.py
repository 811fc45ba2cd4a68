"""Each command makes its files from small real runs."""

import shutil
import warnings

import h5py
import numpy as np
import pandas as pd
import pytest

from cogov_analysis import open_file
from cogov_analysis.cli import main
from cogov_analysis.commands import _print_table
from cogov_analysis.comparison import Comparison
from cogov_analysis.plots import run_figures
from cogov_analysis.plots.run_figures import community_trust
from cogov_analysis.sensitivity import morris_sample, saltelli_sample
from cogov_analysis.summary import run_summary
from conftest import SEEDS, STEPS
from testfunctions import ISHIGAMI_BOUNDS, ishigami, ishigami_indices

PNG = b"\x89PNG\r\n\x1a\n"
RUN_STEMS = ["trust_lines", "trust_heatmap", "participation", "issues", "organizations", "hours"]


def _check_figures(directory, stems):
    for stem in stems:
        assert (directory / f"{stem}.png").read_bytes().startswith(PNG), stem
        svg = (directory / f"{stem}.svg").read_text()
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg, stem


def test_plot(files, tmp_path, capsys):
    out = tmp_path / "plots"
    assert main(["plot", str(files["events"]), "-o", str(out), "--weeks", "1,10,30"]) == 0
    _check_figures(out, RUN_STEMS)
    lines = (out / "trust_lines.svg").read_text()
    for text in ("Week", "Residents'", "trust in", "government", "Range over communities",
                 "week 10: burden cut", "week 20: grid management"):
        assert text in lines, text
    heatmap = (out / "trust_heatmap.svg").read_text()
    assert all(f"Week {w}" in heatmap for w in (1, 10, 30))
    issues = (out / "issues.svg").read_text()
    assert "issues per week" in issues and "Raised" in issues and "Resolved" in issues
    stdout = capsys.readouterr().out
    assert "events-test, seed 5: key series" in stdout and "Residents' trust in government" in stdout


def test_plot_refuses_a_week_outside_the_run(files, tmp_path, capsys):
    assert main(["plot", str(files["events"]), "-o", str(tmp_path), "--weeks", "31"]) == 2
    assert "week 31 is not in the run (weeks 1 to 30)" in capsys.readouterr().err


def test_compare_with_arms_of_run_files(files, tmp_path, capsys):
    out = tmp_path / "cmp"
    base = [str(files[f"base-{s}"]) for s in SEEDS]
    more = [str(files[f"more-needs-{s}"]) for s in SEEDS]
    assert main(["compare", "--arm", "base", *base, "--arm", "more needs", *more, "-o", str(out),
                 "--series", "issues_raised", "trust.residents.government", "backlog"]) == 0
    _check_figures(out, ["arms", "difference_more_needs", "outcomes", "outcome_differences"])
    table = pd.read_csv(out / "differences.csv")
    assert set(table["arm"]) == {"more needs"}
    assert {"series", "summary", "difference", "low", "high", "variance_reduction"} <= set(table.columns)
    stdout = capsys.readouterr().out
    assert "Paired differences against base (3 replicates)" in stdout
    arms_svg = (out / "arms.svg").read_text()
    assert "base" in arms_svg and "more needs" in arms_svg and "percentile of replicates" in arms_svg


def test_sweep_of_run_files(sweep_paths, tmp_path):
    out = tmp_path / "sweep"
    assert main(["sweep", *map(str, sweep_paths), "-o", str(out), "--outcome", "issues_raised",
                 "--summary", "final"]) == 0
    _check_figures(out, ["parameters_issues_raised_final", "pairs_issues_raised_final", "spread_issues_raised_final"])
    points = pd.read_csv(out / "points_issues_raised_final.csv")
    assert len(points) == 4 and list(points["n"]) == [2] * 4
    svg = (out / "parameters_issues_raised_final.svg").read_text()
    assert "needs.rate" in svg and "trust.a_loss" in svg and "issues" in svg


def test_sensitivity_of_a_table(tmp_path, capsys):
    x = saltelli_sample(2 ** 11, ISHIGAMI_BOUNDS, seed=4)
    pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "x3": x[:, 2], "y": ishigami(x)}).to_csv(tmp_path / "p.csv",
                                                                                          index=False)
    out = tmp_path / "sens"
    assert main(["sensitivity", "--table", str(tmp_path / "p.csv"), "--params", "x1", "x2", "x3",
                 "--outcome", "y", "--bootstrap", "200", "-o", str(out)]) == 0
    _check_figures(out, ["sensitivity_y"])
    table = pd.read_csv(out / "sensitivity_y.csv")
    first, total = ishigami_indices()
    np.testing.assert_allclose(table["first_order"], first, atol=0.06)
    np.testing.assert_allclose(table["total"], total, atol=0.06)
    assert "Sensitivity of y" in capsys.readouterr().out


def test_morris_of_a_table(tmp_path):
    x = morris_sample(10, [(0, 1), (0, 4)], seed=1)
    pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "y": 3 * x[:, 0] - x[:, 1]}).to_csv(tmp_path / "m.csv", index=False)
    out = tmp_path / "morris"
    assert main(["sensitivity", "--table", str(tmp_path / "m.csv"), "--method", "morris", "--params", "a", "b",
                 "--outcome", "y", "-o", str(out), "--formats", "png"]) == 0
    table = pd.read_csv(out / "sensitivity_y.csv")
    np.testing.assert_allclose(table["mu"], [3.0, -1.0])
    assert (out / "sensitivity_y.png").exists() and not (out / "sensitivity_y.svg").exists()


def test_sensitivity_of_designless_runs_is_refused(sweep_paths, tmp_path, capsys):
    assert main(["sensitivity", *map(str, sweep_paths), "-o", str(tmp_path)]) == 2
    assert "sensitivity indices need a Sobol (Saltelli) or Morris design" in capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    (["compare", "--arm", "only"], "--arm only: give the arm's name, then its run files"),
    (["sweep"], "no input file given"),
    (["sensitivity", "--table", "missing.csv", "--params", "a", "--outcome", "y"],
     "missing.csv: cannot read the table ([Errno 2] No such file or directory"),
])
def test_usage_errors(args, message, capsys):
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_trust_of_absent_social_organizations_is_blank(files, tmp_path):
    path = tmp_path / "no-organizations.h5"
    shutil.copy(files["events"], path)
    with h5py.File(path, "r+") as f:
        f["communities/socorgs_active"][:, 1] = 0
    trust = community_trust(open_file(path))
    assert np.all(np.isnan(trust[:, 1, 1, :]))
    assert not np.isnan(trust[:, 0, 1, :]).any() and not np.isnan(trust[:, 1, 4, :]).any()


def test_unknown_series_are_named(files, sweep_paths, capsys):
    base = [str(files[f"base-{s}"]) for s in SEEDS]
    more = [str(files[f"more-needs-{s}"]) for s in SEEDS]
    assert main(["compare", "--arm", "a", *base, "--arm", "b", *more, "--series", "backlog", "nonsense"]) == 2
    assert "no series nonsense; there are: " in capsys.readouterr().err
    assert main(["sweep", *map(str, sweep_paths), "--outcome", "trust.residents.nobody"]) == 2
    assert "no series trust.residents.nobody" in capsys.readouterr().err


def test_trust_rows_of_absent_actors_are_nan_safe(files, capsys):
    """No social organization ever: cogov writes their trust row as NaN; tables and figures cope quietly."""
    run = open_file(files["no-organizations"])
    trust = run.trust()
    assert np.isnan(trust[:, 1, :]).all() and not np.isnan(np.delete(trust, 1, axis=1)).any()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        summary = run_summary(run)
        heatmap = run_figures.trust_heatmaps(run, [1, STEPS])
        run_figures.trust_lines(run)
        cmp = Comparison.from_runs({"a": [run], "b": [open_file(run.path)]})
        diffs = cmp.differences()
    row = summary[summary["measure"] == "Social organizations' trust in government"].iloc[0]
    assert np.isnan(row["mean"]) and np.isnan(row["last week"])
    assert not summary[summary["measure"] == "Residents' trust in government"].isna().any(axis=None)
    assert [t.get_text() for ax in heatmap.axes for t in ax.texts].count("none") == 2 * 5
    assert any("no actor of that type" in t.get_text() for t in heatmap.texts)
    gone = diffs[diffs["series"] == "trust.social_organization.government"]
    assert gone["difference"].isna().all() and (gone["replicates"] == 0).all()
    _print_table("key series", summary)
    line = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("Social organizations' trust in gov"))
    assert line.split()[-5:] == ["n/a"] * 5


def test_sweep_of_a_sweep_file_with_failed_runs(sweep_files, tmp_path, capsys):
    out = tmp_path / "grid"
    assert main(["sweep", str(sweep_files["grid"]), "-o", str(out)]) == 0
    stems = ["parameters_participation_rate_mean", "pairs_participation_rate_mean", "spread_participation_rate_mean"]
    _check_figures(out, stems)
    points = pd.read_csv(out / "points_participation_rate_mean.csv")
    assert list(points["point"]) == [0, 1, 2, 3] and list(points["n"]) == [2] * 4     # the other 4 points failed
    svg = (out / "parameters_participation_rate_mean.svg").read_text()
    for text in ("Run without a value", "failed: 8", "city.streets (streets)", "time.steps (weeks)"):
        assert text in svg, text
    assert "no value" in (out / "pairs_participation_rate_mean.svg").read_text()
    captured = capsys.readouterr()
    warning, = captured.err.strip().splitlines()
    assert warning.startswith("cogov-analysis: warning: ") and "8 of 16 runs failed" in warning
    assert "mean over the last 4 weeks" in captured.out


def test_sensitivity_of_a_saltelli_sweep_file(sweep_files, tmp_path, capsys):
    from cogov_analysis.sensitivity.analyse import sweep_sensitivity
    out = tmp_path / "sens"
    outcome = "trust.residents.government"
    assert main(["sensitivity", str(sweep_files["sobol"]), "--outcome", outcome, "--summary", "final",
                 "--bootstrap", "100", "--bootstrap-seed", "4", "-o", str(out)]) == 0
    _check_figures(out, [f"sensitivity_{outcome}_final"])
    table = pd.read_csv(out / f"sensitivity_{outcome}_final.csv")
    want = sweep_sensitivity(open_file(sweep_files["sobol"]), outcome, "final", n_boot=100, seed=4).table()
    pd.testing.assert_frame_equal(table, want, check_exact=False, rtol=1e-12)
    assert "Sensitivity of Residents' trust in government, in the last week" in capsys.readouterr().out


def test_sensitivity_says_what_it_left_out(sweep_files, tmp_path, capsys):
    assert main(["sensitivity", str(sweep_files["failing-sobol"]), "-o", str(tmp_path), "--formats", "png"]) == 0
    captured = capsys.readouterr()
    assert "Note: Left out " in captured.out and "(20 with failed runs only)" in captured.out
    assert "20 of 64 runs failed" in captured.err


def test_sensitivity_of_a_morris_sweep_file(sweep_files, tmp_path, capsys):
    assert main(["sensitivity", str(sweep_files["morris"]), "--outcome", "backlog", "-o", str(tmp_path),
                 "--formats", "png"]) == 0
    table = pd.read_csv(tmp_path / "sensitivity_backlog_final.csv")
    assert list(table["parameter"]) == ["committee.delegated_items", "grid.enabled", "trust.a_gain"]
    assert {"mu", "mu_star", "mu_star_low", "mu_star_high", "sigma"} <= set(table.columns)
    assert "Note: Morris effects are changes of the outcome per unit" in capsys.readouterr().out


def test_a_shard_warns_once(sweep_files, tmp_path, capsys):
    assert main(["sweep", str(sweep_files["shard"]), "-o", str(tmp_path), "--formats", "png",
                 "--outcome", "socorgs_active"]) == 0
    err = capsys.readouterr().err
    assert err.count("cogov-analysis: warning: ") == 1 and "incomplete sweep file (shard 1/2" in err


def test_sensitivity_of_a_csv_design_needs_the_method(sweep_files, tmp_path, capsys):
    path = str(sweep_files["csv-saltelli"])
    assert main(["sensitivity", path, "-o", str(tmp_path)]) == 2
    assert "a csv design: say which with --method sobol or --method morris" in capsys.readouterr().err
    assert main(["sensitivity", path, "--method", "sobol", "-o", str(tmp_path), "--formats", "png"]) == 0
    assert (tmp_path / "sensitivity_participation_rate_final.csv").exists()
    assert main(["sensitivity", str(sweep_files["morris"]), "--method", "sobol", "-o", str(tmp_path)]) == 2
    assert "a morris design gives morris indices, not sobol" in capsys.readouterr().err
