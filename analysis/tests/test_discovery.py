"""Scenario discovery: PRIM and CART recover a known box on synthetic data, and a rule planted in
cogov's own mechanism (committee admin hours grow with delegated items) from a real sweep file."""

import numpy as np
import pandas as pd
import pytest

from cogov_analysis.discovery import cart, prim

TOLERANCE = 0.05        # of each input's unit range: how close the recovered limits must be


def synthetic(n=2000, noise=0.0, seed=1):
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(rng.uniform(size=(n, 5)), columns=[f"x{i}" for i in range(5)])
    y = (x["x0"] < 0.3) & (x["x1"] > 0.6)
    flip = rng.uniform(size=n) < noise
    return x, np.where(flip, ~y, y)


def test_prim_recovers_a_known_box_within_tolerance():
    x, y = synthetic()
    r = prim(x, y, resamples=20)
    limits = r.limits_frame().set_index("input")
    # Only the two planted inputs are restricted; limits within 0.05 of 0.3 and 0.6.
    assert sorted(limits.index) == ["x0", "x1"], r.rule()
    assert abs(limits.loc["x0", "high"] - 0.3) < TOLERANCE
    assert abs(limits.loc["x1", "low"] - 0.6) < TOLERANCE
    assert r.box.coverage > 0.9 and r.box.density > 0.9
    assert (limits["quasi_p"] < 1e-6).all()
    assert (limits["stability"] >= 0.9).all()
    # The trajectory trades coverage for density: coverage never rises along it.
    traj = r.trajectory_frame()
    assert (np.diff(traj["coverage"]) <= 1e-12).all()
    assert traj["density"].iloc[0] == pytest.approx(np.mean(y))


def test_prim_with_noise_still_finds_the_box_and_an_irrelevant_input_is_not_significant():
    x, y = synthetic(noise=0.05, seed=2)
    r = prim(x, y, threshold=0.75)
    limits = r.limits_frame().set_index("input")
    assert {"x0", "x1"} <= set(limits.index)
    assert abs(limits.loc["x0", "high"] - 0.3) < TOLERANCE and abs(limits.loc["x1", "low"] - 0.6) < TOLERANCE
    for name in set(limits.index) - {"x0", "x1"}:   # restrictions fitted to noise
        assert limits.loc[name, "quasi_p"] > 0.01


def test_prim_fails_to_find_a_box_in_pure_noise():
    # The control: with y independent of x, no box is much denser than the whole space.
    rng = np.random.default_rng(3)
    x = pd.DataFrame(rng.uniform(size=(2000, 5)), columns=[f"x{i}" for i in range(5)])
    y = rng.uniform(size=2000) < 0.2
    r = prim(x, y)
    assert r.box.density < 0.5 and r.box.coverage < 0.2
    # Restrictions fitted to noise: most are not significant (the planted box's are below 1e-90).
    assert (r.limits_frame()["quasi_p"] > 0.01).sum() >= 3


def test_cart_recovers_the_known_box():
    x, y = synthetic()
    c = cart(x, y, max_depth=2)
    best = c.leaves.sort_values("density", ascending=False).iloc[0]
    assert best["density"] > 0.95 and best["coverage"] > 0.95
    assert "x0 <=" in best["rule"] and "x1 >" in best["rule"]
    t = c.tree.tree_
    cuts = {c.inputs[f]: v for f, v in zip(t.feature, t.threshold) if f >= 0}
    assert set(cuts) == {"x0", "x1"}
    assert abs(cuts["x0"] - 0.3) < TOLERANCE and abs(cuts["x1"] - 0.6) < TOLERANCE


def test_prim_refuses_outcomes_without_cases():
    from cogov_analysis import AnalysisError
    x, _ = synthetic(n=50)
    with pytest.raises(AnalysisError, match="no point is a case of interest"):
        prim(x, np.zeros(50, dtype=bool))
