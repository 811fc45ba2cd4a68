"""Sobol estimators on functions with known indices."""

import numpy as np
import pytest

from cogov_analysis.sensitivity import infer_structure, saltelli_sample, sobol_indices, split
from testfunctions import ISHIGAMI_BOUNDS, ishigami, ishigami_indices


def test_analytic_ishigami_values_are_the_published_ones():
    first, total = ishigami_indices()
    np.testing.assert_allclose(first, [0.314, 0.442, 0.000], atol=5e-4)
    np.testing.assert_allclose(total, [0.558, 0.442, 0.244], atol=5e-4)


@pytest.fixture(scope="module")
def ishigami_design():
    x = saltelli_sample(2 ** 13, ISHIGAMI_BOUNDS, seed=11)
    return x, ishigami(x)


@pytest.mark.parametrize("first_order", ["saltelli", "jansen"])
def test_ishigami_indices_within_their_confidence_intervals(ishigami_design, first_order):
    x, y = ishigami_design
    result = sobol_indices(*split(y, x), names=["x1", "x2", "x3"], first_order=first_order, n_boot=500, seed=3)
    first, total = ishigami_indices()
    assert np.all(result.first_ci[:, 0] <= first) and np.all(first <= result.first_ci[:, 1])
    assert np.all(result.total_ci[:, 0] <= total) and np.all(total <= result.total_ci[:, 1])
    np.testing.assert_allclose(result.first, first, atol=0.03)
    np.testing.assert_allclose(result.total, total, atol=0.03)
    assert np.all(result.first_ci[:, 1] - result.first_ci[:, 0] < 0.1)
    assert list(result.table()["parameter"]) == ["x1", "x2", "x3"]


def test_too_few_samples_give_wide_intervals(ishigami_design):
    x, y = ishigami_design
    small = sobol_indices(*split(y[:64 * 5], x[:64 * 5]), n_boot=300, seed=3)
    large = sobol_indices(*split(y, x), n_boot=300, seed=3)
    assert np.all(small.total_ci[:, 1] - small.total_ci[:, 0] > 3 * (large.total_ci[:, 1] - large.total_ci[:, 0]))


def test_additive_function_has_equal_first_and_total_indices():
    coefficients = np.array([1.0, 2.0, 0.0, 3.0])
    x = saltelli_sample(2 ** 10, [(0, 1)] * 4, seed=2)
    result = sobol_indices(*split(x @ coefficients, x), n_boot=200)
    expected = coefficients ** 2 / np.sum(coefficients ** 2)   # uniform inputs share one variance
    np.testing.assert_allclose(result.first, expected, atol=0.02)
    np.testing.assert_allclose(result.total, expected, atol=0.02)
    assert result.total[2] == 0.0


def _reorder(x, k, order):
    n = len(x) // (k + 2)
    blocks = x.reshape(n, k + 2, k)   # interleaved: per base sample A, AB_1..AB_k, B
    return blocks[:, order].transpose(1, 0, 2).reshape(-1, k)


def test_blocked_layouts_are_recognised(ishigami_design):
    x, _ = ishigami_design
    reference = split(ishigami(x), x)
    for order in ([0, 1, 2, 3, 4], [0, 4, 1, 2, 3]):   # A AB1 AB2 AB3 B; A B AB1 AB2 AB3
        xb = _reorder(x, 3, order)
        for got, want in zip(split(ishigami(xb), xb), reference):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_a_matrix_that_is_no_saltelli_design_is_refused(ishigami_design):
    x, _ = ishigami_design
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="not a Saltelli design"):
        infer_structure(x[rng.permutation(len(x))])
    with pytest.raises(ValueError, match="has N x 5 points"):
        infer_structure(x[:-1])


def test_explicit_structure_and_missing_points():
    x = saltelli_sample(8, [(0, 1)] * 2, seed=1)
    group, role = infer_structure(x)
    assert list(role[:4]) == [0, 1, 2, 3] and list(group[:4]) == [0, 0, 0, 0]
    y = x.sum(axis=1)
    with pytest.raises(ValueError, match="1 points of the Saltelli design have no output"):
        split(y[1:], x[1:], group[1:], role[1:])
