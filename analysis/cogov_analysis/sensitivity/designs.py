"""Saltelli and Morris samples, for experiments run outside cogov sweeps
(and for testing the estimators). cogov sweeps make their own designs."""

import numpy as np
from scipy.stats import qmc


def _scale(unit: np.ndarray, bounds) -> np.ndarray:
    bounds = np.asarray(bounds, dtype=float)
    return bounds[:, 0] + unit * (bounds[:, 1] - bounds[:, 0])


def saltelli_sample(n: int, bounds, seed: int = 0) -> np.ndarray:
    """n x (k + 2) points, interleaved per base sample: A, AB_1 .. AB_k, B.

    A and B come from a scrambled Sobol' sequence in 2k dimensions; n
    should be a power of two.
    """
    k = len(bounds)
    base = qmc.Sobol(d=2 * k, scramble=True, seed=seed).random(n)
    a, b = base[:, :k], base[:, k:]
    blocks = [a]
    for i in range(k):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    blocks.append(b)
    return _scale(np.stack(blocks, axis=1).reshape(n * (k + 2), k), bounds)


def morris_sample(r: int, bounds, levels: int = 4, seed: int = 0) -> np.ndarray:
    """r trajectories of k + 1 points on a `levels`-level grid, step p / (2 (p - 1))."""
    k = len(bounds)
    rng = np.random.default_rng(seed)
    delta = levels / (2 * (levels - 1))
    grid = np.arange(levels) / (levels - 1)
    lows = grid[grid <= 1 - delta + 1e-12]
    out = []
    for _ in range(r):
        low = rng.choice(lows, size=k)
        up = rng.random(k) < 0.5
        point = np.where(up, low, low + delta)
        path = [point.copy()]
        for i in rng.permutation(k):
            point[i] += delta if up[i] else -delta
            path.append(point.copy())
        out.extend(path)
    return _scale(np.array(out), bounds)
