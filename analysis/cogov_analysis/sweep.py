"""Sweeps: runs over design points of varied parameters, with replicates.

A Sweep holds the run table (design point, replicate, seed, status and the
varied parameters' values as columns), the design's structure (what the
Sobol and Morris estimators need) and each run's summaries and, when
recorded, weekly series. It is built from a sweep file (`sweepfile`) or
from run files (`Sweep.from_runs`).
"""

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from .errors import AnalysisError
from .series import MEAN_WEEKS, effective_mean_weeks, long_summaries, trust_series
from .summary import key_series

OK = "ok"               # run status: finished
FAILED = "failed"       # the run failed (its design point refused, ...): no values
MISSING = "missing"     # not in this file (a shard's file): no values
DEFAULT_OUTCOMES = (trust_series("residents", "government"), "participation_rate", "resolution_rate")


@dataclass
class Design:
    """How the design points were chosen.

    kind: factorial, latin_hypercube, sobol (Saltelli), morris, csv, or runs
    (a set of run files without a design). For sobol, `group` is the base
    sample and `role` 0 = A, i = AB_i (1..k), k+1 = B; for morris, `group`
    is the trajectory, `role` the step within it and `changed` the
    parameter moved from the previous point (-1 at a start). `values` is the
    design matrix and `unit` the sample in [0, 1] behind it (points x k);
    `attrs` what a sweep file says of its design (n, k, levels, delta, layout).
    """

    kind: str
    params: list
    unit: np.ndarray | None = None
    group: np.ndarray | None = None
    role: np.ndarray | None = None
    values: np.ndarray | None = None
    changed: np.ndarray | None = None
    attrs: dict = field(default_factory=dict)


@dataclass
class Sweep:
    runs: pd.DataFrame          # index run: point, replicate, seed, status[, error], then one column per parameter
    design: Design
    summaries: pd.DataFrame     # run, series, summary, value
    info: dict                  # series name -> SeriesInfo
    provenance: dict = field(default_factory=dict)
    series_names: list = field(default_factory=list)    # series recorded week by week
    steps: np.ndarray | None = None                     # their week numbers
    read_series: Callable[[list], dict] | None = field(default=None, repr=False)   # names -> {name: (run, step)}
    param_info: dict = field(default_factory=dict)      # parameter key -> SeriesInfo (units, meaning)
    notes: list = field(default_factory=list)           # what a reader should know: failed runs, a shard
    events: pd.DataFrame | None = None                  # step, key, value, note of the base scenario

    @property
    def params(self) -> list:
        return self.design.params

    def outcome_names(self) -> list:
        return list(dict.fromkeys(self.summaries["series"]))

    def summaries_of(self, name: str) -> list:
        """The summaries recorded for a series (final, mean), in the file's order."""
        return list(dict.fromkeys(self.summaries.loc[self.summaries["series"] == name, "summary"]))

    def outcomes(self, names=None, summary: str | None = None) -> list:
        """(series, summary) pairs: the names asked for, else DEFAULT_OUTCOMES (or others) recorded.

        Without `summary`, each series' mean over the last weeks where
        recorded, else its final value.
        """
        names = key_series(self.outcome_names(), names, DEFAULT_OUTCOMES) if names else \
            key_series([n for n in self.outcome_names() if summary is None or summary in self.summaries_of(n)],
                       None, DEFAULT_OUTCOMES)
        if not names:
            raise AnalysisError(f"sweep has no outcome with a '{summary}' summary" if summary else
                                "sweep records no outcome")
        pairs = []
        for name in names:
            recorded = self.summaries_of(name)
            chosen = summary or ("mean" if "mean" in recorded else recorded[0])
            if chosen not in recorded:
                raise AnalysisError(f"sweep has no outcome '{name}' ({chosen}); {name} is recorded as: "
                                    f"{', '.join(recorded)}")
            pairs.append((name, chosen))
        return pairs

    def run_values(self, name: str, summary: str = "mean") -> pd.DataFrame:
        """Finished runs with their parameters and one outcome in column `value`."""
        rows = self.summaries[(self.summaries["series"] == name) & (self.summaries["summary"] == summary)]
        if rows.empty:
            raise AnalysisError(f"sweep has no outcome '{name}' ({summary}); it has: {', '.join(self.outcome_names())}")
        ok = self.runs[self.runs["status"] == OK]
        return ok.join(rows.set_index("run")["value"], how="inner")

    def summary_frame(self, parameters: bool = True) -> pd.DataFrame:
        """Summaries, tidy (run, series, summary, value), with the run table's columns in front."""
        return self._with_runs(self.summaries) if parameters else self.summaries

    def series_values(self, name: str) -> np.ndarray:
        """One recorded weekly series: (run, step), NaN for runs without values."""
        if name not in self.series_names:
            recorded = ", ".join(self.series_names) or "none"
            raise AnalysisError(f"sweep has no weekly series '{name}'; weekly series recorded: {recorded}")
        return self.read_series([name])[name]

    def series_frame(self, names=None, parameters: bool = False) -> pd.DataFrame:
        """Recorded weekly series, tidy: run, step, series, value (one row per run x step x series);
        with `parameters`, the run table's columns in front. No rows when none were recorded."""
        names = self.series_names if names is None else list(names)
        parts = []
        for name in names:
            values = self.series_values(name)
            index = pd.MultiIndex.from_product([np.arange(values.shape[0]), self.steps], names=["run", "step"])
            parts.append(pd.DataFrame({"series": name, "value": values.reshape(-1)}, index=index).reset_index())
        columns = ["run", "step", "series", "value"]
        out = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
        return self._with_runs(out) if parameters else out

    def _with_runs(self, frame: pd.DataFrame) -> pd.DataFrame:
        table = self.runs.reindex(frame["run"].to_numpy()).reset_index(drop=True)
        return pd.concat([frame[["run"]], table, frame.drop(columns="run").reset_index(drop=True)], axis=1)

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
        values = table.groupby("point")[varied].first().to_numpy(dtype=float)
        mean_weeks = effective_mean_weeks(mean_weeks, [r.steps for r in runs])
        summaries = [long_summaries(r.series_wide(), mean_weeks).assign(run=i) for i, r in enumerate(runs)]
        return cls(
            runs=table,
            design=Design(kind="runs", params=varied, values=values),
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
