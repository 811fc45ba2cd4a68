"""The Saltelli design's structure: which point is A, B or AB_i of which base sample.

A sweep file stores it (`group`, `role`); for a bare design matrix (a CSV
table from SALib, scipy.stats.qmc or R) it is recognised from the points
themselves, for the common orders:

- interleaved (SALib, cogov): per base sample, A, AB_1 .. AB_k, B;
- blocked: all A, then all AB_1, ..., all AB_k, then all B;
- blocked, B second: all A, all B, then all AB_1, ..., all AB_k.
"""

import numpy as np


def _interleaved(n: int, k: int):
    rows = np.arange(n * (k + 2))
    return rows // (k + 2), rows % (k + 2)


def _blocked(n: int, k: int):
    rows = np.arange(n * (k + 2))
    return rows % n, rows // n


def _blocked_b_second(n: int, k: int):
    group, block = _blocked(n, k)
    role = np.where(block == 0, 0, np.where(block == 1, k + 1, block - 1))
    return group, role


LAYOUTS = {"interleaved": _interleaved, "blocked": _blocked, "blocked, B second": _blocked_b_second}


def _matrices(values: np.ndarray, group: np.ndarray, role: np.ndarray, k: int) -> np.ndarray:
    """values arranged as (N, k + 2[, ...]) by base sample and role; NaN where missing."""
    n = int(group.max()) + 1
    out = np.full((n, k + 2) + values.shape[1:], np.nan)
    out[group, role] = values
    return out


def is_saltelli(x: np.ndarray, group: np.ndarray, role: np.ndarray) -> bool:
    """True if every AB_i equals A except column i, which equals B's."""
    k = x.shape[1]
    m = _matrices(x, group, role, k)
    a, b, ab = m[:, 0], m[:, k + 1], m[:, 1:k + 1]
    expected = np.repeat(a[:, None, :], k, axis=1)
    cols = np.arange(k)
    expected[:, cols, cols] = b[:, cols]
    return bool(np.allclose(ab, expected, equal_nan=False))


def infer_structure(x: np.ndarray):
    """(group, role) of a Saltelli design matrix whose order is one of LAYOUTS."""
    x = np.asarray(x, dtype=float)
    rows, k = x.shape
    if rows % (k + 2):
        raise ValueError(f"a Saltelli design of {k} parameters has N x {k + 2} points; this one has {rows}")
    for layout in LAYOUTS.values():
        group, role = layout(rows // (k + 2), k)
        if is_saltelli(x, group, role):
            return group, role
    raise ValueError("the points are not a Saltelli design in any known order "
                     f"({', '.join(LAYOUTS)}): each AB_i must equal A except parameter i, taken from B")


def split(y, x, group=None, role=None):
    """Outputs on A (N,), B (N,) and AB (N, k) from outputs y in design order."""
    x = np.asarray(x, dtype=float)
    k = x.shape[1]
    if group is None or role is None:
        group, role = infer_structure(x)
    group, role = np.asarray(group), np.asarray(role)
    f = _matrices(np.asarray(y, dtype=float), group, role, k)
    if np.isnan(f).any():
        missing = int(np.isnan(f).sum())
        raise ValueError(f"{missing} points of the Saltelli design have no output; Sobol indices need all of them")
    return f[:, 0], f[:, k + 1], f[:, 1:k + 1]
