"""A model's week as an xarray Dataset in the run file's vocabulary
(cogov_analysis.datasets.run_dataset): metric names, dims, units."""

import numpy as np
import xarray as xr

from . import _cogov

TRUST_ATTRS = {"units": "trust", "long_name": "Mean trust of truster-type actors toward trustee-type actors"}


def _trust_cells(values: dict, extra: tuple) -> np.ndarray:
    """Trust cells 'trust.a.b' -> array extra + (truster, trustee)."""
    actors = _cogov.ACTORS
    out = np.empty(extra + (len(actors), len(actors)))
    for i, a in enumerate(actors):
        for j, b in enumerate(actors):
            out[..., i, j] = values[f"trust.{a}.{b}"]
    return out


def week_dataset(model, level: str = "city") -> xr.Dataset:
    """This week's metrics of `model`, dims (step[, community]) and trust (..., truster, trustee)."""
    if level not in ("city", "communities"):
        raise ValueError(f"level is 'city' or 'communities', got {level!r}")
    values = model.metrics(level)
    info = _cogov._series_info()
    dims = ("step",) if level == "city" else ("step", "community")
    variables = {}
    for name, value in values.items():
        if name.startswith("trust."):
            continue
        units, long_name = info[name]
        variables[name] = xr.DataArray(np.asarray(value, dtype=float)[np.newaxis, ...], dims=dims,
                                       attrs={"units": units, "long_name": long_name})
    extra = (1,) if level == "city" else (1, len(model.communities))
    variables["trust"] = xr.DataArray(_trust_cells(values, extra), dims=dims + ("truster", "trustee"),
                                      attrs=dict(TRUST_ATTRS))
    coords = {"step": np.array([model.week], dtype=np.int64), "truster": list(_cogov.ACTORS),
              "trustee": list(_cogov.ACTORS)}
    if level == "communities":
        coords.update(community=np.arange(len(model.communities), dtype=np.int64),
                      street=("community", model.communities.street.astype(np.int64)))
    attrs = {"scenario_name": model.scenario.name, "seed": int(model.seed), "week": int(model.week)}
    return xr.Dataset(variables, coords=coords, attrs=attrs)
