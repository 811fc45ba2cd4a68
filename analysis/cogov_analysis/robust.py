"""Robust choices across futures (robust decision making: Lempert, Popper and Bankes 2003): for each
lever combination, its regret against the best choice in each future (Savage 1951) and its
satisficing share (the share of futures in which it meets every outcome's threshold).

The points of a sweep or experiment file are split into levers (what the decision maker chooses)
and uncertainties (everything else that varies): a future is one combination of the uncertainties'
values. Every lever combination must have been run in every future (a full cross, as experiment
files and factorial sweeps have); outcomes are averaged over replicates first."""

from dataclasses import dataclass

import h5py
import numpy as np
import pandas as pd

from .errors import AnalysisError
from .h5util import strings

DIRECTIONS = ("maximise", "minimise")


@dataclass
class OutcomeGoal:
    name: str                   # final.NAME or mean.NAME
    direction: str              # maximise or minimise
    threshold: float | None = None

    @classmethod
    def parse(cls, text: str) -> "OutcomeGoal":
        """"mean.trust.residents.government:maximise:0.5" (the threshold is optional)."""
        parts = text.split(":")
        if len(parts) not in (2, 3) or parts[1] not in DIRECTIONS:
            raise AnalysisError(f"outcome '{text}': expected SUMMARY.NAME:maximise|minimise[:THRESHOLD]")
        try:
            threshold = float(parts[2]) if len(parts) == 3 else None
        except ValueError:
            raise AnalysisError(f"outcome '{text}': the threshold '{parts[2]}' is not a number") from None
        return cls(parts[0], parts[1], threshold)

    def meets(self, v):
        if self.threshold is None:
            return np.ones_like(v, dtype=bool)
        return v >= self.threshold if self.direction == "maximise" else v <= self.threshold


@dataclass
class RobustResult:
    table: pd.DataFrame         # one row per lever combination: levers, per outcome max/mean regret, satisficing
    values: pd.DataFrame        # future, levers..., outcome -> mean value over replicates
    levers: list
    uncertainties: list
    goals: list
    units: dict = None          # outcome -> units, when read from a file

    def ranking(self) -> pd.DataFrame:
        return self.table.sort_values(["satisficing", "max_regret"], ascending=[False, True]).reset_index(drop=True)


def _point_values(path, goals) -> tuple:
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise AnalysisError(f"{path}: cannot open ({e})") from None
    with f:
        params = strings(f["parameter"])
        runs = pd.DataFrame({p: f[f"runs/parameters/{p}"][...] for p in params})
        for g in goals:
            summary, _, name = g.name.partition(".")
            if summary not in ("final", "mean") or f"{summary}/{name}" not in f:
                raise AnalysisError(f"{path}: outcome {g.name} was not recorded (record it as {summary} = [\"{name}\"])")
            runs[g.name] = f[f"{summary}/{name}"][...]
        units = {g.name: text(f[g.name.replace(".", "/", 1)].attrs.get("units", "")) for g in goals}
        levers = [text(v) for v in f.attrs.get("levers", [])]
    return runs, params, levers, units


def text(v) -> str:
    return v.decode() if isinstance(v, bytes) else str(v)


def file_goals(path) -> list:
    """An experiment file's outcomes with their directions and thresholds."""
    try:
        with h5py.File(path, "r") as f:
            names = [text(v) for v in f.attrs.get("outcomes", [])]
            directions = [text(v) for v in f.attrs.get("outcome_directions", [])]
            thresholds = list(f.attrs.get("outcome_thresholds", []))
    except OSError as e:
        raise AnalysisError(f"{path}: cannot open ({e})") from None
    return [OutcomeGoal(n, d, None if t != t else float(t)) for n, d, t in zip(names, directions, thresholds)]


def robustness(path, goals: list, levers=None) -> RobustResult:
    goals = list(goals or file_goals(path))
    if not goals:
        raise AnalysisError(f"{path}: give --outcome SUMMARY.NAME:maximise|minimise[:THRESHOLD] (the file has no "
                            "experiment outcomes)")
    runs, params, stored, units = _point_values(path, goals)
    levers = list(levers or stored)
    if not levers:
        raise AnalysisError(f"{path}: say which parameters are levers (--levers); the others are uncertainties")
    unknown = [l for l in levers if l not in params]
    if unknown:
        raise AnalysisError(f"{path}: {', '.join(unknown)} not varied here (varied: {', '.join(params)})")
    result = robustness_of(runs, params, levers, goals, str(path))
    result.units = units
    return result


def robustness_of(runs: pd.DataFrame, params: list, levers: list, goals: list, where: str = "runs") -> RobustResult:
    """The same from a frame of runs: one column per parameter and per goal's outcome."""
    path = where
    uncertainties = [p for p in params if p not in levers]
    names = [g.name for g in goals]
    values = runs.groupby(params, as_index=False)[names].mean()
    if uncertainties:
        values["future"] = values.groupby(uncertainties, sort=True).ngroup()
    else:
        values["future"] = 0
    combos = values.groupby(levers).size()
    futures = values["future"].nunique()
    if (combos != futures).any():
        raise AnalysisError(f"{path}: not every lever combination ran in every future ({futures} futures)")
    rows = []
    regret_cols = []
    for g in goals:
        best = values.groupby("future")[g.name].transform("max" if g.direction == "maximise" else "min")
        regret = best - values[g.name] if g.direction == "maximise" else values[g.name] - best
        values[f"regret {g.name}"] = regret
        regret_cols.append(f"regret {g.name}")
    values["satisficed"] = np.logical_and.reduce([g.meets(values[g.name].to_numpy()) for g in goals])
    for key, group in values.groupby(levers if len(levers) > 1 else levers[0]):
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(levers, key))
        for g, col in zip(goals, regret_cols):
            row[f"max regret {g.name}"] = group[col].max()
            row[f"mean regret {g.name}"] = group[col].mean()
        row["max_regret"] = max(group[c].max() for c in regret_cols) if len(goals) == 1 else np.nan
        row["satisficing"] = group["satisficed"].mean()
        rows.append(row)
    table = pd.DataFrame(rows)
    if len(goals) > 1:          # regrets of different outcomes are in different units: rank on the first
        table["max_regret"] = table[f"max regret {goals[0].name}"]
    return RobustResult(table, values, levers, uncertainties, goals)
