"""PRIM, the Patient Rule Induction Method (Friedman, J. H. and Fisher, N. I. (1999). Bump hunting in
high-dimensional data. Statistics and Computing 9(2): 123-143), as used for scenario discovery by
Bryant, B. P. and Lempert, R. J. (2010). Thinking inside the box. Technological Forecasting and Social
Change 77(1): 34-49.

Peeling: from the box holding every point, repeatedly cut off a share `alpha` of the points in the
box at the low or high end of one input, the cut that leaves the highest density of cases of
interest, until the box holds less than `min_mass` of the points. Every box on the way is kept: the
peeling trajectory, the trade-off between coverage (the share of all cases of interest that are in
the box) and density (the share of the box's points that are cases of interest). Pasting then widens
the chosen box's limits again while that raises its density.

For a chosen box: each restricted input with its limits and a quasi-p-value (one-sided binomial test:
could the box's density arise by chance in the box without that restriction? Bryant and Lempert
2010, section 3.3), and resampling stability (how often PRIM on resamples of the points restricts
each input)."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import binomtest

from ..errors import AnalysisError


@dataclass
class Box:
    """Limits per input (inclusive); inputs not in `limits` are unrestricted."""
    limits: dict                    # input -> (low, high)
    coverage: float
    density: float
    mass: float                     # share of all points in the box
    points: int
    cases: int

    def contains(self, x: pd.DataFrame) -> np.ndarray:
        inside = np.ones(len(x), dtype=bool)
        for name, (low, high) in self.limits.items():
            inside &= (x[name].to_numpy() >= low) & (x[name].to_numpy() <= high)
        return inside

    def restricted(self, full: dict) -> dict:
        """The limits that cut something off the inputs' full ranges."""
        return {k: v for k, v in self.limits.items() if v[0] > full[k][0] or v[1] < full[k][1]}


@dataclass
class PrimResult:
    x: pd.DataFrame
    y: np.ndarray
    trajectory: list                # Box per peeling step, the whole space first
    chosen: int                     # index of the chosen box in the trajectory
    box: Box                        # the chosen box after pasting
    ranges: dict                    # input -> (min, max) over all points
    stability: dict = field(default_factory=dict)   # input -> share of resamples restricting it
    resamples: int = 0

    def trajectory_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"step": i, "coverage": b.coverage, "density": b.density, "mass": b.mass,
                              "restricted": len(b.restricted(self.ranges))} for i, b in enumerate(self.trajectory)])

    def limits_frame(self) -> pd.DataFrame:
        """The chosen box's restricted inputs: limits, quasi-p-value, resampling stability."""
        rows = []
        for name, (low, high) in self.box.restricted(self.ranges).items():
            full_low, full_high = self.ranges[name]
            rows.append({"input": name, "low": low, "high": high, "full_low": full_low, "full_high": full_high,
                         "quasi_p": quasi_p_value(self.x, self.y, self.box, name),
                         "stability": self.stability.get(name, np.nan)})
        return pd.DataFrame(rows, columns=["input", "low", "high", "full_low", "full_high", "quasi_p", "stability"])

    def rule(self, digits: int = 3) -> str:
        """The box in words: "power.leader_tenure <= 120 and contracts.p_late >= 0.21"."""
        parts = []
        for name, (low, high) in self.box.restricted(self.ranges).items():
            full_low, full_high = self.ranges[name]
            if low > full_low and high < full_high:
                parts.append(f"{low:.{digits}g} <= {name} <= {high:.{digits}g}")
            elif low > full_low:
                parts.append(f"{name} >= {low:.{digits}g}")
            else:
                parts.append(f"{name} <= {high:.{digits}g}")
        return " and ".join(parts) or "(no restriction)"


def _box(x: np.ndarray, y: np.ndarray, inside: np.ndarray, limits: np.ndarray, names: list) -> Box:
    n_in, cases = int(inside.sum()), int(y[inside].sum())
    total = max(1, int(y.sum()))
    return Box({n: (float(limits[j, 0]), float(limits[j, 1])) for j, n in enumerate(names)},
               coverage=cases / total, density=cases / n_in if n_in else 0.0, mass=n_in / len(y),
               points=n_in, cases=cases)


def _peel_candidates(x: np.ndarray, inside: np.ndarray, alpha: float):
    """(input, side, new limit, points kept) for every peel of a share alpha at either end of an input.
    With ties (integers, booleans) a peel that would remove nothing removes the extreme value."""
    for j in range(x.shape[1]):
        values = x[inside, j]
        if values.min() == values.max():
            continue
        low = np.quantile(values, alpha)
        keep = inside & (x[:, j] >= low)
        if keep.sum() == inside.sum():
            low = values[values > values.min()].min()
            keep = inside & (x[:, j] >= low)
        yield j, 0, x[keep, j].min(), keep        # limits at data values
        high = np.quantile(values, 1 - alpha)
        keep = inside & (x[:, j] <= high)
        if keep.sum() == inside.sum():
            high = values[values < values.max()].max()
            keep = inside & (x[:, j] <= high)
        yield j, 1, x[keep, j].max(), keep


def _peel(x, y, alpha, min_mass, names):
    n = len(y)
    inside = np.ones(n, dtype=bool)
    limits = np.column_stack([x.min(axis=0), x.max(axis=0)]).astype(float)
    trajectory = [(_box(x, y, inside, limits, names), inside.copy(), limits.copy())]
    while inside.sum() > min_mass * n:
        best = None
        for j, side, value, keep in _peel_candidates(x, inside, alpha):
            kept = keep.sum()
            if kept < min_mass * n or kept == 0:
                continue
            density = y[keep].mean()
            if best is None or density > best[0] + 1e-12 or (abs(density - best[0]) <= 1e-12 and kept > best[4]):
                best = (density, j, side, value, kept, keep)
        if best is None:
            break
        _, j, side, value, _, keep = best
        inside = keep
        limits[j, side] = value
        trajectory.append((_box(x, y, inside, limits, names), inside.copy(), limits.copy()))
    return trajectory


def _paste(x, y, inside, limits, alpha, names):
    """Widen limits, a share alpha of the box's points at a time, while that raises the density."""
    limits = limits.copy()
    while True:
        current = y[inside].mean() if inside.any() else 0.0
        best = None
        for j in range(x.shape[1]):
            others = np.ones(len(y), dtype=bool)
            for k in range(x.shape[1]):
                if k != j:
                    others &= (x[:, k] >= limits[k, 0]) & (x[:, k] <= limits[k, 1])
            for side in (0, 1):
                outside = others & ((x[:, j] < limits[j, 0]) if side == 0 else (x[:, j] > limits[j, 1]))
                if not outside.any():
                    continue
                add = max(1, int(np.ceil(alpha * inside.sum())))
                candidates = np.sort(x[outside, j])
                value = candidates[-min(add, len(candidates))] if side == 0 else candidates[min(add, len(candidates)) - 1]
                trial = limits.copy()
                trial[j, side] = value
                grown = others & (x[:, j] >= trial[j, 0]) & (x[:, j] <= trial[j, 1])
                density = y[grown].mean()
                if density > current + 1e-12 and (best is None or density > best[0]):
                    best = (density, trial, grown)
        if best is None:
            return inside, limits
        _, limits, inside = best


def _choose(trajectory, threshold: float) -> int:
    """The box with the highest coverage among those at least `threshold` dense; else the densest."""
    boxes = [t[0] for t in trajectory]
    dense = [i for i, b in enumerate(boxes) if b.density >= threshold]
    if dense:
        return max(dense, key=lambda i: (boxes[i].coverage, boxes[i].density))
    return max(range(len(boxes)), key=lambda i: (boxes[i].density, boxes[i].coverage))


def quasi_p_value(x: pd.DataFrame, y: np.ndarray, box: Box, name: str) -> float:
    """One-sided binomial test of the box's cases against the density of the box without the
    restriction on `name` (Bryant and Lempert 2010): small values mean the restriction matters."""
    relaxed = Box({k: v for k, v in box.limits.items() if k != name}, 0, 0, 0, 0, 0)
    wider = relaxed.contains(x)
    inside = box.contains(x)
    if not inside.any() or not wider.any():
        return np.nan
    return float(binomtest(int(y[inside].sum()), int(inside.sum()), float(y[wider].mean()),
                           alternative="greater").pvalue)


def _inputs(x: pd.DataFrame, y) -> tuple:
    if len(x) != len(y):
        raise AnalysisError(f"PRIM: {len(x)} points but {len(y)} outcomes")
    y = np.asarray(y, dtype=bool)
    if not y.any():
        raise AnalysisError("PRIM: no point is a case of interest (check the threshold)")
    if y.all():
        raise AnalysisError("PRIM: every point is a case of interest: nothing to discover (check the threshold)")
    numeric = x.astype(float)
    return numeric, y


def prim(x: pd.DataFrame, y, alpha: float = 0.05, min_mass: float = 0.05, threshold: float = 0.8,
         paste: bool = True, resamples: int = 0, seed: int = 0) -> PrimResult:
    """PRIM on inputs `x` (one column per input; booleans as 0/1) and cases of interest `y` (True for
    the cases, e.g. "the reform failed"). `threshold`: the density the chosen box should reach;
    `resamples` > 0 repeats PRIM on that many half-size subsamples (drawn with `seed`) for stability."""
    if not 0 < alpha < 0.5:
        raise AnalysisError(f"PRIM: alpha (the share peeled per step) must be in (0, 0.5), got {alpha}")
    x, y = _inputs(x, y)
    names = list(x.columns)
    values = x.to_numpy()
    trajectory = _peel(values, y, alpha, min_mass, names)
    chosen = _choose(trajectory, threshold)
    _, inside, limits = trajectory[chosen]
    if paste:
        inside, limits = _paste(values, y, inside, limits, alpha, names)
    ranges = {n: (float(values[:, j].min()), float(values[:, j].max())) for j, n in enumerate(names)}
    result = PrimResult(x, y, [t[0] for t in trajectory], chosen, _box(values, y, inside, limits, names), ranges)
    if resamples:
        result.stability, result.resamples = _stability(x, y, alpha, min_mass, threshold, paste, resamples, seed), resamples
    return result


def _stability(x, y, alpha, min_mass, threshold, paste, resamples, seed) -> dict:
    rng = np.random.default_rng(seed)
    counts = dict.fromkeys(x.columns, 0)
    done = 0
    for _ in range(resamples):
        pick = rng.choice(len(y), size=len(y) // 2, replace=False)
        if not y[pick].any() or y[pick].all():
            continue
        r = prim(x.iloc[pick].reset_index(drop=True), y[pick], alpha, min_mass, threshold, paste)
        for name in r.box.restricted(r.ranges):
            counts[name] += 1
        done += 1
    return {k: v / done if done else np.nan for k, v in counts.items()}
