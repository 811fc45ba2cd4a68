"""Sensitivity of one outcome of a sweep, or of a table of points and outputs.

Design points without an output (failed runs, runs not in a shard's file,
an outcome that is undefined, NaN, in every run) cannot enter the
estimators. They are left out with everything they are compared with: the
whole base sample (A, B and every AB_i) of a Saltelli design, the whole
trajectory of a Morris design. The result's `notes` say which points and
how many base samples or trajectories remain.
"""

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from .morris import morris_indices
from .saltelli import infer_structure, split
from .sobol import sobol_indices

SOBOL_KINDS = ("sobol", "saltelli")
MORRIS_KINDS = ("morris",)
METHODS = {**{k: "sobol" for k in SOBOL_KINDS}, **{k: "morris" for k in MORRIS_KINDS}}
UNITS = {"sobol": ("base samples", "a base sample's A, B and AB points go together"),
         "morris": ("trajectories", "a trajectory's points go together")}
LISTED = 12     # design points named in a note
NOISE_NOTED = 0.1   # replicate noise is noted above this share of the variance of the points' means


CSV = "csv"     # a design matrix from a file: its kind is what the user says it is


def method_for(kind: str, method: str | None = None) -> str:
    """sobol or morris for a design kind; a csv design's points are what `method` says."""
    if kind == CSV and method:
        return method
    if kind not in METHODS:
        hint = " (a csv design: say which with --method sobol or --method morris)" if kind == CSV else ""
        raise AnalysisError(f"sensitivity indices need a Sobol (Saltelli) or Morris design; "
                            f"this one is '{kind}'{hint}")
    if method and method != METHODS[kind]:
        raise AnalysisError(f"a {kind} design gives {METHODS[kind]} indices, not {method}")
    return METHODS[kind]


def _structure(method: str, x: np.ndarray):
    """(group, role) of a design without a stored structure, from its points."""
    if method == "sobol":
        return infer_structure(x)
    k = x.shape[1]
    if x.shape[0] % (k + 1):
        raise ValueError(f"{x.shape[0]} points is not a whole number of trajectories of {k + 1} points")
    rows = np.arange(x.shape[0])
    return rows // (k + 1), rows % (k + 1)


def _point_list(points) -> str:
    shown = ", ".join(str(p) for p in points[:LISTED])
    return shown + (f" and {len(points) - LISTED} more" if len(points) > LISTED else "")


def _why(points, reasons) -> str:
    """How many of the points lack an output for which reason."""
    counts = pd.Series([(reasons or {}).get(int(p), "with NaN") for p in points]).value_counts()
    return ", ".join(f"{n} {why}" for why, n in counts.items())


def _complete(method: str, y: np.ndarray, group: np.ndarray, reasons=None):
    """Mask of the points in base samples (trajectories) where every point has an output; notes."""
    many, together = UNITS[method]
    missing = np.isnan(y)
    if not missing.any():
        return np.ones(len(y), dtype=bool), []
    bad = np.unique(group[missing])
    keep = ~np.isin(group, bad)
    total, left = len(np.unique(group)), len(np.unique(group[keep]))
    points = np.flatnonzero(missing)
    lacking = (f"{len(points)} design point{'s have' if len(points) > 1 else ' has'} no output "
               f"({_why(points, reasons)}): point{'s' if len(points) > 1 else ''} {_point_list(points)}")
    if left < 2:
        raise ValueError(f"{lacking}; they leave {left} of {total} {many} complete ({together}), and the "
                         f"indices need at least two")
    note = (f"Left out {len(bad)} of {total} {many} ({together}): {lacking}. The indices use the other "
            f"{left} {many}; if the points without an output share a region of the parameter space, the "
            "indices describe only the rest of it.")
    return keep, [note]


def indices(method: str, x, y, names, group=None, role=None, reasons=None, **options):
    """Sobol or Morris indices of outputs y on design points x (rows in design order).

    Points with NaN outputs are left out with their base sample (trajectory);
    `reasons` ({point: why it has no output}) words the result's note.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    try:
        if group is None or role is None:
            group, role = _structure(method, x)
        group, role = np.asarray(group), np.asarray(role)
        keep, notes = _complete(method, y, group, reasons)
        x, y, role = x[keep], y[keep], role[keep]
        group = np.unique(group[keep], return_inverse=True)[1]      # numbered 0.. again
        if method == "sobol":
            result = sobol_indices(*split(y, x, group, role), names=names, **options)
        else:
            result = morris_indices(x, y, names=names, group=group, **options)
    except ValueError as e:
        raise AnalysisError(f"{method} analysis: {e}") from None
    result.notes = notes
    return result


def _design_matrix(sweep, n_points: int) -> np.ndarray:
    """Each design point's parameter values: the stored design, else the run table's."""
    if sweep.design.values is not None:
        return np.asarray(sweep.design.values, dtype=float)
    table = sweep.runs.groupby("point")[sweep.params].first().reindex(range(n_points))
    return table.to_numpy(dtype=float)


def _reasons(sweep, points: pd.DataFrame) -> dict:
    """Why each design point without an output has none."""
    out = {}
    for point, rows in sweep.runs.groupby("point"):
        if point not in points.index:
            status = set(rows["status"])
            out[point] = ("with failed runs only" if status == {"failed"} else
                          "with no run in this file" if status == {"missing"} else "with no finished run")
        elif np.isnan(points.loc[point, "mean"]):
            out[point] = "whose outcome is undefined (NaN) in every run"
    return out


def sweep_sensitivity(sweep, name: str, summary: str = "mean", method: str | None = None, **options):
    """Indices of a sweep outcome, averaged over replicates at each design point.

    A point's output is the mean over its finished runs that have a value.
    Points without one are left out with their base sample or trajectory
    (the result's `notes` say which). Morris effects are per unit of the
    design's unit-cube sample when the sweep stores it (a move across a
    parameter's whole range), else per unit of each parameter. A csv
    design is analysed as `method` says, its structure recognised from the
    points (as for a table).
    """
    design = sweep.design
    method = method_for(design.kind, method)
    points = sweep.point_values(name, summary)
    n_points = (len(design.values) if design.values is not None else
                len(design.group) if design.group is not None else int(sweep.runs["point"].max()) + 1)
    y = points["mean"].reindex(range(n_points)).to_numpy(dtype=float)
    x = _design_matrix(sweep, n_points)
    per_unit = method == "morris" and design.unit is not None and not np.isnan(design.unit).any()
    result = indices(method, design.unit if per_unit else x, y, sweep.params, design.group, design.role,
                     _reasons(sweep, points), **options)
    replicates = sweep.runs.groupby("point").size().reindex(points.index)
    fewer = points.index[(points["n"] < replicates) & (points["n"] > 0)]
    if len(fewer):
        result.notes.append(f"{len(fewer)} design points average fewer runs than their {int(replicates.max())} "
                            f"replicates (the others failed, are not in this file or have no value): "
                            f"point{'s' if len(fewer) > 1 else ''} {_point_list(list(fewer))}.")
    noise = _replicate_noise(points)
    if noise is not None and noise > NOISE_NOTED:
        result.notes.append(f"Replicate noise: about {min(noise, 1):.0%} of the variance of the design points' "
                            "means is noise between replicates (each point's variance over its runs, divided by "
                            "their number). It enters every parameter's total index and lowers the first-order "
                            "ones; more replicates shrink it.")
    if per_unit:
        result.notes.append("Morris effects are changes of the outcome per unit of the design's unit-cube "
                            "sample: for a move across a parameter's whole range.")
    return result


def _replicate_noise(points: pd.DataFrame) -> float | None:
    """Share of the variance of the points' means that replicate noise explains, None without replicates."""
    several = points[points["n"] > 1]
    if len(several) < 2 or len(several) < len(points) / 2:
        return None
    spread = points["mean"].var()
    return float(np.mean(several["sd"] ** 2 / several["n"]) / spread) if spread > 0 else None


def table_sensitivity(table: pd.DataFrame, params: list, outcome: str, method: str, **options):
    """Indices from a table whose rows are design points in design order."""
    missing = [c for c in [*params, outcome] if c not in table.columns]
    if missing:
        raise AnalysisError(f"table has no column {', '.join(missing)}; it has {', '.join(table.columns)}")
    return indices(method, table[params].to_numpy(dtype=float), table[outcome].to_numpy(dtype=float), params,
                   **options)
