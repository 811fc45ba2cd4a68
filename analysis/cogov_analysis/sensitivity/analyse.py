"""Sensitivity of one outcome of a sweep, or of a table of points and outputs."""

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from .morris import morris_indices
from .saltelli import split
from .sobol import sobol_indices

SOBOL_KINDS = ("sobol", "saltelli")
MORRIS_KINDS = ("morris",)
METHODS = {**{k: "sobol" for k in SOBOL_KINDS}, **{k: "morris" for k in MORRIS_KINDS}}


def method_for(kind: str) -> str:
    if kind not in METHODS:
        raise AnalysisError(f"sensitivity indices need a Sobol (Saltelli) or Morris design; "
                            f"this one is '{kind}'")
    return METHODS[kind]


def indices(method: str, x, y, names, group=None, role=None, **options):
    """Sobol or Morris indices of outputs y on design points x (rows in design order)."""
    try:
        if method == "sobol":
            fa, fb, fab = split(y, x, group, role)
            return sobol_indices(fa, fb, fab, names=names, **options)
        return morris_indices(x, y, names=names, group=group, **options)
    except ValueError as e:
        raise AnalysisError(f"{method} analysis: {e}") from None


def sweep_sensitivity(sweep, name: str, summary: str = "mean", **options):
    """Indices of a sweep outcome, averaged over replicates at each design point.

    Morris effects are per unit of the design's unit-cube sample when the
    sweep stores it, else per unit of each parameter.
    """
    design = sweep.design
    method = method_for(design.kind)
    points = sweep.point_values(name, summary)
    expected = len(design.group) if design.group is not None else sweep.runs["point"].nunique()
    if len(points) != expected:
        raise AnalysisError(f"{expected - len(points)} design points have no finished run; "
                            f"{method} indices need every point")
    order = points.index.to_numpy()
    x = design.unit[order] if method == "morris" and design.unit is not None else points[sweep.params].to_numpy()
    return indices(method, x, points["mean"].to_numpy(), sweep.params, _at(design.group, order),
                   _at(design.role, order), **options)


def _at(values, order):
    """values of the given design points, or None when the design has none."""
    return None if values is None else np.asarray(values)[order]


def table_sensitivity(table: pd.DataFrame, params: list, outcome: str, method: str, **options):
    """Indices from a table whose rows are design points in design order."""
    missing = [c for c in [*params, outcome] if c not in table.columns]
    if missing:
        raise AnalysisError(f"table has no column {', '.join(missing)}; it has {', '.join(table.columns)}")
    return indices(method, table[params].to_numpy(dtype=float), table[outcome].to_numpy(dtype=float), params,
                   **options)
