"""First-order and total Sobol indices from a Saltelli design, pure numpy.

Given model outputs on the matrices A, B and AB_i (A with column i taken
from B), for N base samples and k parameters:

- first order, Saltelli et al. (2010): S_i = mean((f_B - m) (f_ABi - f_A)) / V, m the mean
  of f_A and f_B together
  (or Jansen (1999): S_i = (V - mean((f_B - f_ABi)^2) / 2) / V);
- total, Jansen (1999): ST_i = mean((f_A - f_ABi)^2) / 2 / V;

with V the variance of f_A and f_B together. Confidence intervals are
percentile bootstraps over the base samples.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

BOOTSTRAP = 1000
LEVEL = 0.95
_BATCH = 64


def _variance(fa, fb):
    return np.var(np.concatenate([fa, fb], axis=-1), axis=-1)[..., None]


def first_order_saltelli(fa, fb, fab):
    """S_i; arrays (..., N) for fa, fb and (..., N, k) for fab.

    f_B is centred on the mean of f_A and f_B first (as SALib does): the
    expectation is the same, the variance far smaller for outputs whose mean
    is large against their spread.
    """
    centre = np.mean(np.concatenate([fa, fb], axis=-1), axis=-1)[..., None]
    return np.mean((fb - centre)[..., None] * (fab - fa[..., None]), axis=-2) / _variance(fa, fb)


def first_order_jansen(fa, fb, fab):
    v = _variance(fa, fb)
    return (v - 0.5 * np.mean((fb[..., None] - fab) ** 2, axis=-2)) / v


def total_jansen(fa, fb, fab):
    return 0.5 * np.mean((fa[..., None] - fab) ** 2, axis=-2) / _variance(fa, fb)


FIRST_ORDER = {"saltelli": first_order_saltelli, "jansen": first_order_jansen}


@dataclass
class SobolResult:
    names: list
    first: np.ndarray
    first_ci: np.ndarray      # (k, 2)
    total: np.ndarray
    total_ci: np.ndarray      # (k, 2)
    base_samples: int
    level: float
    notes: list = field(default_factory=list)   # what was left out, in what units

    def table(self) -> pd.DataFrame:
        return pd.DataFrame({
            "parameter": self.names,
            "first_order": self.first, "first_order_low": self.first_ci[:, 0], "first_order_high": self.first_ci[:, 1],
            "total": self.total, "total_low": self.total_ci[:, 0], "total_high": self.total_ci[:, 1],
        })


def _bootstrap(estimator, fa, fb, fab, n_boot, rng):
    """n_boot estimates on base samples drawn with replacement, in batches."""
    n = fa.shape[0]
    out = []
    for start in range(0, n_boot, _BATCH):
        idx = rng.integers(0, n, size=(min(_BATCH, n_boot - start), n))
        out.append(estimator(fa[idx], fb[idx], fab[idx]))
    return np.concatenate(out, axis=0)


def percentile_interval(samples: np.ndarray, level: float = LEVEL) -> np.ndarray:
    """(k, 2) lower and upper percentile bounds of bootstrap samples (n_boot, k)."""
    tail = (1 - level) / 2
    return np.quantile(samples, [tail, 1 - tail], axis=0).T


def sobol_indices(fa, fb, fab, names=None, first_order="saltelli", n_boot=BOOTSTRAP, level=LEVEL,
                  seed=0) -> SobolResult:
    """Sobol indices from outputs on A (N), B (N) and AB (N, k)."""
    fa, fb, fab = (np.asarray(v, dtype=float) for v in (fa, fb, fab))
    if fab.ndim != 2 or fa.shape != fb.shape or fab.shape[0] != fa.shape[0]:
        raise ValueError(f"expected f_A and f_B of shape (N,) and f_AB of shape (N, k); got "
                         f"{fa.shape}, {fb.shape}, {fab.shape}")
    estimate_first = FIRST_ORDER[first_order]
    rng = np.random.default_rng(seed)
    k = fab.shape[1]
    return SobolResult(
        names=list(names) if names is not None else [f"x{i + 1}" for i in range(k)],
        first=estimate_first(fa, fb, fab),
        first_ci=percentile_interval(_bootstrap(estimate_first, fa, fb, fab, n_boot, rng), level),
        total=total_jansen(fa, fb, fab),
        total_ci=percentile_interval(_bootstrap(total_jansen, fa, fb, fab, n_boot, rng), level),
        base_samples=fa.shape[0],
        level=level,
    )
