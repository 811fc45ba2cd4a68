"""Self-contained HTML reports of a run, a comparison and a sweep."""

import base64
import re

import pytest

from cogov_analysis import open_file
from cogov_analysis.cli import main
from cogov_analysis.report import build_report
from cogov_analysis.sweep import Sweep

PNG = b"\x89PNG\r\n\x1a\n"
RUN_SECTIONS = ["provenance", "events", "summary", "figure-trust_lines", "figure-trust_heatmap",
                "figure-participation", "figure-issues", "figure-organizations", "figure-hours"]


def section_ids(page: str) -> list:
    return re.findall(r'<section id="([^"]+)">', page)


def check_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r'(src|href)="(https?:|//|file:)', page)       # nothing fetched from elsewhere
    assert "<script" not in page
    assert "@media print" in page
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)"', page)
    assert images
    assert all(base64.b64decode(i).startswith(PNG) for i in images)


@pytest.fixture(scope="module")
def run_report(files, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "run.html"
    assert main(["report", str(files["events"]), "-o", str(path)]) == 0
    return path.read_text()


def test_run_report_has_every_section(run_report):
    assert section_ids(run_report) == RUN_SECTIONS
    check_self_contained(run_report)
    assert len(re.findall(r"<img ", run_report)) == 6
    assert run_report.count('<a href="#') == len(RUN_SECTIONS)


def test_run_report_provenance_events_and_summary(run_report, events_run):
    p = events_run.provenance
    for text in ("events-test", "Random seed", "<td class=\"num\">5</td>", p["cogov_version"], p["git_commit"],
                 p["created"], "[trust]", "a_gain = 0.09576", "burden cut", "grid management",
                 "committee.delegated_items", "Residents&#x27; trust in government", "first week", "last week"):
        assert text in run_report, text


def test_comparison_report(comparison):
    page = build_report(comparison, names=["issues_raised", "trust.residents.government"])
    assert section_ids(page) == ["answer", "figure-arms", "figure-difference_more-needs", "figure-outcomes",
                                 "figure-outcome_differences", "summary", "events", "provenance"]
    check_self_contained(page)
    assert "Answer: effects of each alternative" in page and "variance removed by pairing" in page
    assert "cogov comparison: base vs more-needs" in page


def test_sweep_report(sweep_paths):
    sweep = Sweep.from_runs([open_file(p) for p in sweep_paths])
    page = build_report(sweep, outcomes=sweep.outcomes(["issues_raised"]))
    assert section_ids(page) == ["provenance", "summary", "figure-parameters_issues_raised_mean",
                                 "figure-pairs_issues_raised_mean", "figure-spread_issues_raised_mean", "sensitivity"]
    check_self_contained(page)
    assert "No sensitivity indices: the design is &#x27;runs&#x27;" in page
    assert "needs.rate" in page and "trust.a_loss" in page


def test_sweep_outcomes_default_to_key_series(sweep_paths):
    sweep = Sweep.from_runs([open_file(p) for p in sweep_paths])
    assert sweep.outcomes() == [("trust.residents.government", "mean"), ("participation_rate", "mean"),
                                ("resolution_rate", "mean")]
    assert sweep.outcomes(["backlog"], "final") == [("backlog", "final")]


def test_sweep_file_report(sweep_files, tmp_path):
    path = tmp_path / "sobol.html"
    assert main(["report", str(sweep_files["sobol"]), "-o", str(path), "--outcome", "trust.residents.government"]) == 0
    page = path.read_text()
    stem = "trust.residents.government_mean"
    assert section_ids(page) == ["provenance", "events", "summary", f"figure-parameters_{stem}", f"figure-pairs_{stem}",
                                 f"figure-spread_{stem}", "sensitivity"]
    check_self_contained(page)
    for text in ("cogov sweep: tiny-sobol", "Sweep fingerprint", "Runs finished", "Replicates per design point",
                 "[trust]", "last_weeks = 4", "first_order", "total_high", "Sensitivity of Residents&#x27; trust", "No scheduled events"):
        assert text in page, text


def test_report_of_a_shard_and_of_failures(sweep_files, tmp_path):
    shard = tmp_path / "shard.html"
    assert main(["report", str(sweep_files["shard"]), "-o", str(shard), "--outcome", "resolution_rate"]) == 0
    page = shard.read_text()
    assert "Note: " in page and "incomplete sweep file (shard 1/2" in page and "Runs not in this file" in page
    assert "Left out 10 of 16 base samples" in page
    failing = tmp_path / "failing.html"
    assert main(["report", str(sweep_files["failing-sobol"]), "-o", str(failing), "--outcome", "participation_rate"]) == 0
    page = failing.read_text()
    assert "Runs failed" in page and "exceeds city.communities = 2" in page and "with failed runs only" in page
