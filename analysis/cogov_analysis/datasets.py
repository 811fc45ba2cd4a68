"""The same data as xarray Datasets with named dimensions.

Runs: (step[, community], truster, trustee). Comparisons: (arm, replicate,
step, ...) for series, (arm, replicate, outcome) for outcomes and (arm,
outcome) for paired differences from the base. Sweeps: (run, summary) for
summaries, (run, step) for weekly series, (point, parameter) for the
design, with the run's design point (`run_point`), replicate, seed, status
and parameters as coordinates along `run`. Trust series
(`trust.<truster>.<trustee>`) become one variable `trust` with truster and
trustee dimensions.
"""

import numpy as np
import pandas as pd
import xarray as xr

from .series import outcome_name, split_trust_series

ATTR_TYPES = (str, int, float)


def _attrs(provenance: dict) -> dict:
    """Provenance as netCDF-safe attributes (strings, numbers, lists of strings)."""
    out = {}
    for k, v in provenance.items():
        if isinstance(v, ATTR_TYPES) and not isinstance(v, bool):
            out[k] = v
        elif isinstance(v, (list, tuple)) and v:
            out[k] = [str(x) for x in v]
    return out


def _with_info(array: xr.DataArray, info) -> xr.DataArray:
    if info is not None:
        array.attrs.update(units=info.units, long_name=info.long_name)
    return array


def run_dataset(run, level: str = "city") -> xr.Dataset:
    """A run's city (`level="city"`) or per-community series as a Dataset."""
    if level not in ("city", "communities"):
        raise ValueError("level is 'city' or 'communities'")
    dims = ("step",) if level == "city" else ("step", "community")
    data = run.read_group(level, list(run.metrics))
    variables = {m: _with_info(xr.DataArray(v, dims=dims), run.metrics[m]) for m, v in data.items()}
    variables["trust"] = xr.DataArray(run.trust(level), dims=dims + ("truster", "trustee"),
                                      attrs={"units": "trust", "long_name": "Mean trust of truster-type actors "
                                                                            "toward trustee-type actors"})
    coords = {"step": run.steps, "truster": list(run.actors), "trustee": list(run.actors)}
    if level == "communities":
        coords.update(community=run.communities, street=("community", run.community_street))
    return xr.Dataset(variables, coords=coords, attrs=_attrs(run.provenance))


def long_to_dataset(frame: pd.DataFrame, dims: list, info: dict, attrs: dict | None = None) -> xr.Dataset:
    """Tidy rows (dims..., series, value) -> one variable per series over `dims`.

    Trust series are gathered into `trust` over dims + (truster, trustee).
    """
    variables, trust = {}, {}
    for name, rows in frame.groupby("series", sort=False):
        array = rows.set_index(dims)["value"].to_xarray()
        pair = split_trust_series(name)
        if pair:
            trust[pair] = array
        else:
            variables[name] = _with_info(array, info.get(name))
    if trust:
        variables["trust"] = _trust_variable(trust)
    return xr.Dataset(variables, attrs=_attrs(attrs or {}))


def _trust_variable(cells: dict) -> xr.DataArray:
    truster = list(dict.fromkeys(a for a, _ in cells))
    trustee = list(dict.fromkeys(b for _, b in cells))
    rows = [xr.concat([cells[(a, b)] for b in trustee], dim=pd.Index(trustee, name="trustee")) for a in truster]
    out = xr.concat(rows, dim=pd.Index(truster, name="truster"))
    order = [d for d in out.dims if d not in ("truster", "trustee")] + ["truster", "trustee"]
    return out.transpose(*order).assign_attrs(units="trust", long_name="Mean trust of truster-type actors "
                                                                      "toward trustee-type actors")


DIFFERENCE_VARIABLES = {      # column of Comparison.differences() -> (variable, long name)
    "difference": ("difference", "Mean paired difference, arm - base"),
    "sd": ("difference_sd", "Standard deviation of the paired differences"),
    "low": ("difference_low", "Lower end of the 95% confidence interval of the mean difference"),
    "high": ("difference_high", "Upper end of the 95% confidence interval of the mean difference"),
    "variance_reduction": ("variance_reduction", "Share of the variance of an unpaired difference removed by pairing"),
}


def _by_outcome(frame: pd.DataFrame, dims: list, column: str) -> xr.DataArray:
    names = [outcome_name(s, k) for s, k in zip(frame["series"], frame["summary"])]
    return frame.assign(outcome=names).set_index(dims)[column].to_xarray()


def comparison_dataset(cmp) -> xr.Dataset:
    """Series: dims (arm, replicate, step[, truster, trustee]), when known; outcomes: (arm, replicate,
    outcome); paired differences from the base: (arm, outcome), NaN for the base arm."""
    parts = [long_to_dataset(cmp.series, ["arm", "replicate", "step"], cmp.info)] if cmp.has_series else []
    summaries = cmp.summaries()
    keys = summaries[["series", "summary"]].drop_duplicates()
    order = [outcome_name(s, k) for s, k in zip(keys["series"], keys["summary"])]
    outcomes = {"outcomes": _by_outcome(summaries, ["arm", "replicate", "outcome"], "value")
                .assign_attrs(long_name="Each replicate's outcome (a summary of a series over the run)")}
    diffs = cmp.differences()
    for column, (variable, long_name) in DIFFERENCE_VARIABLES.items():
        outcomes[variable] = _by_outcome(diffs, ["arm", "outcome"], column).assign_attrs(long_name=long_name)
    parts.append(xr.Dataset(outcomes))
    ds = xr.merge(parts).reindex(arm=cmp.arms, outcome=order)
    seeds = cmp.provenance[cmp.provenance["arm"] == cmp.base].set_index("replicate")["seed"]
    coords = {"series": ("outcome", list(keys["series"])), "summary": ("outcome", list(keys["summary"])),
              "seed": ("replicate", seeds.reindex(ds["replicate"].to_numpy()).to_numpy())}
    if cmp.outcome_meanings:
        coords["meaning"] = ("outcome", [cmp.outcome_meanings.get(n, "") for n in order])
    return ds.assign_coords(coords).assign_attrs(_attrs({**cmp.attrs, "base": cmp.base}))


RUN_POINT = "run_point"     # coordinate along run: the run's design point (an index along `point`)
WEEKLY = "weekly_"          # prefix of weekly series variables (summaries carry the series' own name)
DESIGN_VARIABLES = {        # Design attribute -> (variable, dims, long name)
    "values": ("design_values", ("point", "parameter"), "Design matrix: each design point's parameter values"),
    "unit": ("design_unit", ("point", "parameter"), "The sample in [0, 1] behind each value"),
    "group": ("design_group", ("point",), "Saltelli: base sample; Morris: trajectory"),
    "role": ("design_role", ("point",), "Saltelli: 0 = A, i = AB_i, k+1 = B; Morris: step within the trajectory"),
    "changed": ("design_changed", ("point",), "Morris: parameter moved from the previous point (-1 at a start)"),
}


def _with_run_table(ds: xr.Dataset, runs: pd.DataFrame) -> xr.Dataset:
    table = runs.reindex(ds["run"].to_numpy()).rename(columns={"point": RUN_POINT})
    return ds.assign_coords({c: ("run", table[c].to_numpy()) for c in table.columns})


def _design_dataset(sweep) -> xr.Dataset:
    """The design: dims point, parameter."""
    design = sweep.design
    variables = {name: xr.DataArray(getattr(design, attr), dims=dims, attrs={"long_name": long_name})
                 for attr, (name, dims, long_name) in DESIGN_VARIABLES.items() if getattr(design, attr) is not None}
    coords = {"parameter": list(design.params)}
    if variables:
        coords["point"] = np.arange(next(iter(variables.values())).shape[0])
    return xr.Dataset(variables, coords=coords, attrs={"design": design.kind})


def _weekly_dataset(sweep) -> xr.Dataset:
    """Recorded weekly series as `weekly_<name>`, dims run, step (trust cells: `weekly_trust`)."""
    variables, trust = {}, {}
    for name, values in sweep.read_series(sweep.series_names).items():
        array = xr.DataArray(values, dims=("run", "step"), coords={"run": np.arange(values.shape[0]),
                                                                  "step": sweep.steps})
        pair = split_trust_series(name)
        if pair:
            trust[pair] = array
        else:
            variables[f"{WEEKLY}{name}"] = _with_info(array, sweep.info.get(name))
    if trust:
        variables[f"{WEEKLY}trust"] = _trust_variable(trust)
    return xr.Dataset(variables)


def sweep_dataset(sweep) -> xr.Dataset:
    """A sweep: run summaries as one variable per series, dims (run, summary[, truster, trustee]); recorded
    weekly series as `weekly_<series>`, dims (run, step[, truster, trustee]); the design as `design_values`,
    `design_unit` (point, parameter), `design_group`, `design_role`, `design_changed` (point). The run
    table (run_point, replicate, seed, status, ..., one coordinate per parameter) is along `run`."""
    parts = [long_to_dataset(sweep.summaries, ["run", "summary"], sweep.info), _design_dataset(sweep)]
    if sweep.series_names:
        parts.append(_weekly_dataset(sweep))
    ds = xr.merge(parts, combine_attrs="override").reindex(run=sweep.runs.index.to_numpy())
    return _with_run_table(ds, sweep.runs).assign_attrs(_attrs(sweep.provenance))


def to_dataset(obj, **options) -> xr.Dataset:
    """Any loaded cogov object as a Dataset."""
    from .comparison import Comparison
    from .run import Run
    from .sweep import Sweep
    converters = {Run: run_dataset, Comparison: comparison_dataset, Sweep: sweep_dataset}
    for kind, convert in converters.items():
        if isinstance(obj, kind):
            return convert(obj, **options)
    raise TypeError(f"cannot make a Dataset of {type(obj).__name__}")

