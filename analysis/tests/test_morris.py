"""Morris elementary effects."""

import numpy as np
import pytest

from cogov_analysis.sensitivity import elementary_effects, morris_indices, morris_sample

BOUNDS = [(0, 1), (0, 2), (-1, 1), (5, 6), (10, 20)]
COEFFICIENTS = np.array([2.0, -3.0, 0.5, 0.0, 0.25])


def test_linear_function_coefficients_are_recovered_exactly():
    x = morris_sample(12, BOUNDS, levels=4, seed=3)
    result = morris_indices(x, x @ COEFFICIENTS + 1.0, names=list("abcde"))
    np.testing.assert_allclose(result.mu, COEFFICIENTS, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(result.mu_star, np.abs(COEFFICIENTS), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(result.sigma, 0, atol=1e-12)
    np.testing.assert_allclose(result.mu_star_ci, np.c_[np.abs(COEFFICIENTS), np.abs(COEFFICIENTS)], atol=1e-12)
    assert result.trajectories == 12
    assert list(result.table()["parameter"]) == list("abcde")


def test_samples_are_one_at_a_time_on_the_grid():
    x = morris_sample(5, [(0, 1)] * 3, levels=4, seed=1)
    assert x.shape == (20, 3)
    np.testing.assert_allclose(x * 3, np.round(x * 3), atol=1e-12)   # on the grid 0, 1/3, 2/3, 1
    assert x.min() >= 0 and x.max() <= 1
    steps = np.abs(np.diff(x.reshape(5, 4, 3), axis=1))
    assert np.all((steps > 0).sum(axis=2) == 1)
    np.testing.assert_allclose(steps.max(axis=2), 2 / 3)   # delta = p / (2 (p - 1))


def test_interactions_and_curvature_show_as_sigma():
    x = morris_sample(20, [(0, 1)] * 3, levels=6, seed=4)
    y = x[:, 0] * x[:, 1]          # x3 has no effect
    result = morris_indices(x, y)
    assert result.sigma[0] > 0.05 and result.sigma[1] > 0.05
    assert result.mu_star[2] == 0 and result.sigma[2] == 0


def test_trajectories_found_by_group_in_any_row_order():
    x = morris_sample(6, BOUNDS, seed=5)
    y = x @ COEFFICIENTS
    group = np.repeat(np.arange(6), len(BOUNDS) + 1)
    shuffled = np.concatenate([np.flatnonzero(group == g) for g in range(5, -1, -1)])  # trajectories reversed
    ee = elementary_effects(x[shuffled], y[shuffled], group[shuffled])
    np.testing.assert_allclose(ee, np.tile(COEFFICIENTS, (6, 1)))


def test_a_step_changing_two_parameters_is_refused():
    x = morris_sample(2, BOUNDS, seed=6)
    x[1, :] = x[0, :] + 0.1
    with pytest.raises(ValueError, match="trajectory 0: each step must change exactly one parameter"):
        elementary_effects(x, x.sum(axis=1))


def test_rows_that_are_not_whole_trajectories_are_refused():
    x = morris_sample(2, BOUNDS, seed=6)
    with pytest.raises(ValueError, match="not a whole number of trajectories"):
        elementary_effects(x[:-1], x[:-1].sum(axis=1))
