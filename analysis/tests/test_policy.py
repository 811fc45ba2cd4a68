"""End to end on real files: an effect sweep (`cogov sweep` with [[arms]]) through `effects` and
`discover`, and PRIM recovering a rule planted in cogov's own mechanism."""

import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest

from cogov_analysis.cli import main
from conftest import SWEEP_SET, cogov_bin

EFFECT_SWEEP = """name = "tiny-effects"
seed = 4
replicates = 3
common_seeds = true
base_arm = "296 items"
[design]
type = "factorial"
[parameters]
"power.leader_tenure" = [26, 156]
"contracts.p_late" = [0.0, 0.3]
[[arms]]
name = "72 items"
set = { "committee.delegated_items" = 72 }
[record]
final = ["backlog"]
mean = ["trust.residents.resident_committee", "committee_admin_hours"]
window = "3:10"
"""

# The planted rule: committee admin hours are delegated items x hours per item (while staff hours
# last), so "admin hours above their value at 150 items" holds exactly when delegated_items > 150,
# whatever the other inputs.
PLANTED = """name = "planted"
seed = 9
[design]
type = "latin_hypercube"
n = 60
[parameters]
"committee.delegated_items" = { min = 0, max = 296 }
"trust.a_gain" = { min = 0.01, max = 0.2 }
"contracts.p_late" = { min = 0, max = 0.5 }
[record]
final = ["backlog"]
mean = ["committee_admin_hours"]
last_weeks = 4
"""


def sweep(tmp_path, text: str, name: str):
    spec = tmp_path / f"{name}.toml"
    spec.write_text(text + SWEEP_SET)
    out = tmp_path / f"{name}.h5"
    subprocess.run([str(cogov_bin()), "sweep", str(spec), "-o", str(out), "--threads", "2", "-q"], check=True)
    return out


@pytest.fixture(scope="module")
def effect_file(tmp_path_factory):
    return sweep(tmp_path_factory.mktemp("effects"), EFFECT_SWEEP, "effects")


def test_effects_command_draws_and_tabulates_every_point(effect_file, tmp_path, capsys):
    out = tmp_path / "fx"
    assert main(["effects", str(effect_file), "-o", str(out), "--formats", "png",
                 "--outcome", "mean.trust.residents.resident_committee"]) == 0
    stems = sorted(p.stem for p in out.glob("*.png"))
    assert "effect_trust.residents.resident_committee_mean" in stems
    assert any(s.startswith("effect_heatmap_1_") for s in stems)
    table = pd.read_csv(out / "effects.csv")
    with h5py.File(effect_file) as f:
        stored = f["effects/1/points/mean/trust.residents.resident_committee/diff_mean"][...]
    sel = table[(table["summary"] == "mean") & (table["outcome"] == "trust.residents.resident_committee")]
    np.testing.assert_allclose(sel["diff_mean"].to_numpy(), stored, rtol=1e-12)     # through CSV text
    printed = capsys.readouterr().out
    assert "mean over weeks 3-10" in printed                  # the label says what was averaged
    assert "contracts.p_late = 0.3, power.leader_tenure = 26" in printed    # points named by their values


def test_effect_sweep_per_run_effects_are_arm_minus_base(effect_file):
    with h5py.File(effect_file) as f:
        base = f["mean/committee_admin_hours"][...]
        arm = f["arms/1/mean/committee_admin_hours"][...]
        np.testing.assert_array_equal(f["effects/1/mean/committee_admin_hours"][...], arm - base)
        assert (arm < base).all()        # fewer delegated items, fewer admin hours, at every point


def test_prim_finds_the_rule_planted_in_the_model(tmp_path, capsys):
    path = sweep(tmp_path, PLANTED, "planted")
    with h5py.File(path) as f:
        items = f["runs/parameters/committee.delegated_items"][...]
        admin = f["mean/committee_admin_hours"][...]
    threshold = np.interp(150, np.sort(items), admin[np.argsort(items)])
    out = tmp_path / "disc"
    assert main(["discover", str(path), "--outcome", "mean.committee_admin_hours", "--above", str(threshold),
                 "-o", str(out), "--formats", "png", "--resamples", "10"]) == 0
    box = pd.read_csv(out / "prim_box.csv").set_index("input")
    # Only delegated items is restricted, from within 15 items (5% of its range) of 150.
    assert list(box.index) == ["committee.delegated_items"]
    assert abs(box.loc["committee.delegated_items", "low"] - 150) <= 15
    assert box.loc["committee.delegated_items", "quasi_p"] < 1e-6
    assert "CART, densest leaf: committee.delegated_items >" in capsys.readouterr().out
    assert (out / "prim_tradeoff.png").is_file()


def test_discover_refuses_an_unknown_arm(effect_file, capsys):
    assert main(["discover", str(effect_file), "--outcome", "final.backlog", "--arm", "nope", "--below", "0"]) == 2
    assert "no arm 'nope' (arms: 72 items)" in capsys.readouterr().err


def test_regret_and_satisficing_by_hand():
    from cogov_analysis.robust import OutcomeGoal, robustness_of
    # Two futures (u = 0, 1), two choices (l = 0, 1); maximise v; threshold 2.
    runs = pd.DataFrame({"u": [0, 0, 1, 1], "l": [0, 1, 0, 1], "mean.v": [1.0, 3.0, 4.0, 2.5]})
    r = robustness_of(runs, ["u", "l"], ["l"], [OutcomeGoal.parse("mean.v:maximise:2")])
    t = r.table.set_index("l")
    assert t.loc[0, "max regret mean.v"] == 2.0 and t.loc[1, "max regret mean.v"] == 1.5
    assert t.loc[0, "satisficing"] == 0.5 and t.loc[1, "satisficing"] == 1.0
    assert list(r.ranking()["l"]) == [1, 0]
    # Minimising reverses the regrets (checked: with the direction ignored this fails).
    r = robustness_of(runs, ["u", "l"], ["l"], [OutcomeGoal.parse("mean.v:minimise")])
    t = r.table.set_index("l")
    assert t.loc[0, "max regret mean.v"] == 1.5 and t.loc[1, "max regret mean.v"] == 2.0


ROBUST_SWEEP = """name = "levers"
seed = 5
replicates = 2
[design]
type = "factorial"
[parameters]
"committee.delegated_items" = [296, 150, 72]
"contracts.p_late" = [0.0, 0.3]
"power.leader_tenure" = [26, 260]
[record]
mean = ["committee_admin_hours", "trust.residents.resident_committee"]
last_weeks = 4
"""


def test_robust_command_ranks_the_lever_that_always_wins_first(tmp_path, capsys):
    path = sweep(tmp_path, ROBUST_SWEEP, "levers")
    out = tmp_path / "robust"
    assert main(["robust", str(path), "--outcome", "mean.committee_admin_hours:minimise:150",
                 "--levers", "committee.delegated_items", "-o", str(out), "--formats", "png"]) == 0
    ranking = pd.read_csv(out / "robustness.csv")
    # Fewer delegated items, fewer admin hours in every future: 72 items has no regret and always
    # meets the threshold; 296 items never does.
    assert list(ranking["committee.delegated_items"]) == [72, 150, 296]
    assert ranking["max_regret"].iloc[0] == 0.0
    assert ranking["satisficing"].iloc[0] == 1.0 and ranking["satisficing"].iloc[-1] == 0.0
    assert "across 4 futures (uncertainties: contracts.p_late, power.leader_tenure)" in capsys.readouterr().out
    assert (out / "robustness.png").is_file()


EXPERIMENT = """name = "xlrm"
seed = 6
replicates = 2
[design]
type = "latin_hypercube"
n = 3
[uncertainties]
"contracts.p_late" = { min = 0.0, max = 0.5 }
"trust.a_gain" = { min = 0.01, max = 0.1 }
[levers]
"committee.delegated_items" = [296, 72]
[[outcomes]]
name = "mean.committee_admin_hours"
direction = "minimise"
threshold = 120
[[outcomes]]
name = "final.backlog"
direction = "minimise"
"""


def test_robust_on_an_experiment_file_takes_its_levers_and_outcomes(tmp_path, capsys):
    path = sweep(tmp_path, EXPERIMENT, "xlrm")
    info = subprocess.run([str(cogov_bin()), "info", str(path)], capture_output=True, text=True, check=True).stdout
    assert "experiment      3 futures (latin_hypercube) x 2 lever combinations" in info
    assert "committee.delegated_items (lever)" in info and "outcome         mean.committee_admin_hours (minimise" in info
    out = tmp_path / "r"
    assert main(["robust", str(path), "-o", str(out), "--formats", "png"]) == 0
    ranking = pd.read_csv(out / "robustness.csv")
    assert list(ranking["committee.delegated_items"]) == [72, 296]
    assert ranking["satisficing"].tolist() == [1.0, 0.0]
    assert "across 3 futures (uncertainties: contracts.p_late, trust.a_gain)" in capsys.readouterr().out


def test_report_of_an_effect_sweep_opens_with_the_effects(effect_file, tmp_path):
    path = tmp_path / "e.html"
    assert main(["report", str(effect_file), "-o", str(path)]) == 0
    page = path.read_text()
    first = page.index("<section")
    assert page[first:].startswith('<section id="effects-')
    assert "contracts.p_late = 0.3, power.leader_tenure = 26" in page and "mean over weeks 3-10" in page
