"""Paired differences with t confidence intervals (common random numbers).

Missing values (NaN: a trust row of an actor type that did not exist) are
left out: a pair counts only where both replicates have a value, and the
interval uses that many pairs.
"""

import warnings

import numpy as np
from scipy import stats

LEVEL = 0.95


def _quietly(function, *args, **kwargs):
    """A nan-aware numpy reduction without warnings for all-NaN or one-value columns."""
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return function(*args, **kwargs)


def t_interval(values: np.ndarray, level: float = LEVEL):
    """Mean and two-sided t interval over axis 0, ignoring NaN; NaN bounds with fewer than 2 values."""
    values = np.asarray(values, dtype=float)
    n = np.sum(~np.isnan(values), axis=0)
    mean = _quietly(np.nanmean, values, axis=0)
    sd = _quietly(np.nanstd, values, axis=0, ddof=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = stats.t.ppf(0.5 + level / 2, np.where(n > 1, n - 1, np.nan))
        half = t * sd / np.sqrt(n)
    return mean, mean - half, mean + half


def paired_stats(a: np.ndarray, b: np.ndarray, level: float = LEVEL) -> dict:
    """Statistics of b - a over paired replicates (axis 0 of both), over pairs where both have a value.

    `variance_reduction` is the share of the variance of an unpaired
    difference that pairing removed: 1 - Var(b - a) / (Var(a) + Var(b)).
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"paired arrays differ in shape: {a.shape} and {b.shape}")
    d = b - a
    a, b = np.where(np.isnan(d), np.nan, a), np.where(np.isnan(d), np.nan, b)
    diff, low, high = t_interval(d, level)
    n = np.sum(~np.isnan(d), axis=0)
    var_d, var_a, var_b = (_quietly(np.nanvar, x, axis=0, ddof=1) for x in (d, a, b))
    with np.errstate(invalid="ignore", divide="ignore"):
        reduction = 1 - var_d / (var_a + var_b)
    return {"mean_base": _quietly(np.nanmean, a, axis=0), "mean_arm": _quietly(np.nanmean, b, axis=0),
            "difference": diff, "sd": np.sqrt(var_d), "low": low, "high": high, "replicates": n,
            "variance_reduction": reduction}
