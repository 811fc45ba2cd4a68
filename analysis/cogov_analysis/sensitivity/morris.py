"""Morris elementary effects (mu, mu*, sigma) from one-at-a-time trajectories.

A trajectory is k + 1 points in which consecutive points differ in exactly
one parameter, each parameter changing once. The elementary effect of that
parameter is the output change divided by the parameter change, in the
units the points are given in (a sweep's unit-cube sample, or the
parameters' own units).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .sobol import BOOTSTRAP, LEVEL, percentile_interval


@dataclass
class MorrisResult:
    names: list
    mu: np.ndarray
    mu_star: np.ndarray
    mu_star_ci: np.ndarray    # (k, 2)
    sigma: np.ndarray
    trajectories: int
    level: float
    notes: list = field(default_factory=list)   # what was left out, in what units

    def table(self) -> pd.DataFrame:
        return pd.DataFrame({"parameter": self.names, "mu": self.mu, "mu_star": self.mu_star,
                             "mu_star_low": self.mu_star_ci[:, 0], "mu_star_high": self.mu_star_ci[:, 1],
                             "sigma": self.sigma})


def _trajectory_effects(x: np.ndarray, y: np.ndarray, number: int) -> np.ndarray:
    """Elementary effects (k,) of one trajectory: x (k+1, k), y (k+1,)."""
    k = x.shape[1]
    dx = np.diff(x, axis=0)
    moved = np.abs(dx) > 1e-12 * np.maximum(1.0, np.abs(x[:-1]))
    if not np.all(moved.sum(axis=1) == 1):
        raise ValueError(f"trajectory {number}: each step must change exactly one parameter")
    changed = moved.argmax(axis=1)
    if sorted(changed) != list(range(k)):
        raise ValueError(f"trajectory {number}: each parameter must change exactly once")
    effects = np.empty(k)
    steps = np.arange(k)
    effects[changed] = np.diff(y) / dx[steps, changed]
    return effects


def elementary_effects(x, y, group=None) -> np.ndarray:
    """(r, k) elementary effects. Rows of x belong to trajectories: by `group`
    (in row order within each), or else consecutive blocks of k + 1 rows."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    k = x.shape[1]
    if group is None:
        if x.shape[0] % (k + 1):
            raise ValueError(f"{x.shape[0]} points is not a whole number of trajectories of {k + 1} points")
        group = np.arange(x.shape[0]) // (k + 1)
    group = np.asarray(group)
    ids = list(dict.fromkeys(group.tolist()))
    rows = [np.flatnonzero(group == g) for g in ids]
    if any(len(r) != k + 1 for r in rows):
        raise ValueError(f"every trajectory needs {k + 1} points")
    return np.array([_trajectory_effects(x[r], y[r], g) for g, r in zip(ids, rows)])


def morris_indices(x, y, names=None, group=None, n_boot=BOOTSTRAP, level=LEVEL, seed=0) -> MorrisResult:
    """mu, mu* (with a bootstrap interval over trajectories) and sigma."""
    ee = elementary_effects(x, y, group)
    r, k = ee.shape
    rng = np.random.default_rng(seed)
    boot = np.abs(ee[rng.integers(0, r, size=(n_boot, r))]).mean(axis=1)
    return MorrisResult(
        names=list(names) if names is not None else [f"x{i + 1}" for i in range(k)],
        mu=ee.mean(axis=0),
        mu_star=np.abs(ee).mean(axis=0),
        mu_star_ci=percentile_interval(boot, level),
        sigma=ee.std(axis=0, ddof=1) if r > 1 else np.full(k, np.nan),
        trajectories=r,
        level=level,
    )
