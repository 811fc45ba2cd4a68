"""Sweeps: runs over design points of varied parameters, with replicates.

A Sweep holds the run table (design point, replicate, seed, status and the
varied parameters' values as columns), the design's structure (what the
Sobol and Morris estimators need) and each run's summaries and, when
recorded, series. It is built from run files today (`Sweep.from_runs`) and
is what a sweep-file reader produces.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import AnalysisError
from .series import MEAN_WEEKS, effective_mean_weeks, long_summaries, trust_series
from .summary import key_series

OK = "ok"
DEFAULT_OUTCOMES = (trust_series("residents", "government"), "participation_rate", "resolution_rate")


@dataclass
class Design:
    """How the design points were chosen.

    kind: factorial, latin_hypercube, sobol (Saltelli), morris, csv, or runs
    (a set of run files without a design). For sobol, `group` is the base
    sample and `role` 0 = A, i = AB_i (1..k), k+1 = B; for morris, `group`
    is the trajectory. `unit` is the sample in [0, 1] (points x k).
    """

    kind: str
    params: list
    unit: np.ndarray | None = None
    group: np.ndarray | None = None
    role: np.ndarray | None = None


@dataclass
class Sweep:
    runs: pd.DataFrame          # index run: point, replicate, seed, status, then one column per parameter
    design: Design
    summaries: pd.DataFrame     # run, series, summary, value
    info: dict                  # series name -> SeriesInfo
    series: pd.DataFrame | None = None   # run, step, series, value (when recorded)
    provenance: dict = field(default_factory=dict)

    @property
    def params(self) -> list:
        return self.design.params

    def outcome_names(self) -> list:
        return list(dict.fromkeys(self.summaries["series"]))

    def outcomes(self, names=None, summary: str = "mean") -> list:
        """(series, summary) pairs: the names asked for, else DEFAULT_OUTCOMES (or others) recorded."""
        return [(n, summary) for n in key_series(self.outcome_names(), names, DEFAULT_OUTCOMES)]

    def run_values(self, name: str, summary: str = "mean") -> pd.DataFrame:
        """Finished runs with their parameters and one outcome in column `value`."""
        rows = self.summaries[(self.summaries["series"] == name) & (self.summaries["summary"] == summary)]
        if rows.empty:
            raise AnalysisError(f"sweep has no outcome '{name}' ({summary}); it has: {', '.join(self.outcome_names())}")
        ok = self.runs[self.runs["status"] == OK]
        return ok.join(rows.set_index("run")["value"], how="inner")

    def point_values(self, name: str, summary: str = "mean") -> pd.DataFrame:
        """Per design point: parameters, then mean, sd, min, max and n over replicates."""
        runs = self.run_values(name, summary)
        stats = runs.groupby("point")["value"].agg(["mean", "std", "min", "max", "count"])
        stats = stats.rename(columns={"std": "sd", "count": "n"})
        params = runs.groupby("point")[self.params].first()
        return params.join(stats)

    @classmethod
    def from_runs(cls, runs: list, mean_weeks: int = MEAN_WEEKS) -> "Sweep":
        """A design-less sweep from run files: the parameters that differ are the varied ones."""
        if len(runs) < 2:
            raise AnalysisError("a sweep needs at least two runs")
        table = pd.DataFrame([r.parameters for r in runs])
        varied = [c for c in table.columns if table[c].nunique(dropna=False) > 1]
        if not varied:
            raise AnalysisError("these runs differ in no parameter; a sweep needs at least one varied parameter")
        table = _point_table(table[varied], [r.seed for r in runs])
        mean_weeks = effective_mean_weeks(mean_weeks, [r.steps for r in runs])
        summaries = [long_summaries(r.series_wide(), mean_weeks).assign(run=i) for i, r in enumerate(runs)]
        return cls(
            runs=table,
            design=Design(kind="runs", params=varied),
            summaries=pd.concat(summaries, ignore_index=True)[["run", "series", "summary", "value"]],
            info=runs[0].series_info(),
            provenance={"runs": len(runs), "mean_weeks": mean_weeks,
                        "scenarios": sorted({r.name for r in runs}), "paths": [str(r.path) for r in runs]},
        )


def _point_table(values: pd.DataFrame, seeds: list) -> pd.DataFrame:
    """Number design points by first appearance and replicates within each point."""
    point = values.groupby(list(values.columns), sort=False, dropna=False).ngroup()
    table = pd.DataFrame({"point": point, "replicate": point.groupby(point).cumcount(),
                          "seed": seeds, "status": OK})
    return pd.concat([table, values], axis=1).rename_axis("run")
