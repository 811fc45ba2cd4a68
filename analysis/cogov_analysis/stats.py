"""Paired differences with t confidence intervals (common random numbers)."""

import numpy as np
from scipy import stats

LEVEL = 0.95


def t_interval(values: np.ndarray, level: float = LEVEL):
    """Mean and two-sided t interval over axis 0; NaN bounds with fewer than 2 values."""
    n = values.shape[0]
    mean = values.mean(axis=0)
    if n < 2:
        nan = np.full_like(mean, np.nan, dtype=float)
        return mean, nan, nan.copy()
    half = stats.t.ppf(0.5 + level / 2, n - 1) * values.std(axis=0, ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half


def paired_stats(a: np.ndarray, b: np.ndarray, level: float = LEVEL) -> dict:
    """Statistics of b - a over paired replicates (axis 0 of both).

    `variance_reduction` is the share of the variance of an unpaired
    difference that pairing removed: 1 - Var(b - a) / (Var(a) + Var(b)).
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"paired arrays differ in shape: {a.shape} and {b.shape}")
    d = b - a
    diff, low, high = t_interval(d, level)
    n = a.shape[0]
    if n > 1:
        with np.errstate(invalid="ignore", divide="ignore"):
            reduction = 1 - d.var(axis=0, ddof=1) / (a.var(axis=0, ddof=1) + b.var(axis=0, ddof=1))
    else:
        reduction = np.full_like(diff, np.nan, dtype=float)
    return {"mean_base": a.mean(axis=0), "mean_arm": b.mean(axis=0), "difference": diff,
            "low": low, "high": high, "replicates": np.full_like(diff, n), "variance_reduction": reduction}
