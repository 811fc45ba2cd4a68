"""Paired comparisons: arms of replicates that share their random numbers.

A Comparison holds every arm's series per replicate; replicate r of each
arm ran with the same seed, so arm - base differences are the policy's
effect, not the dice's. It is built from run files today
(`Comparison.from_runs`) and is what a comparison-file reader produces.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import AnalysisError
from .series import MEAN_WEEKS, effective_mean_weeks, long_summaries
from .stats import LEVEL, paired_stats


@dataclass
class Comparison:
    arms: list                  # arm names; the first is the base the others are compared with
    series: pd.DataFrame        # arm, replicate, step, series, value
    info: dict                  # series name -> SeriesInfo
    events: pd.DataFrame        # arm, step, key, value, note
    provenance: pd.DataFrame    # one row per arm x replicate: arm, replicate, seed, scenario, ...
    mean_weeks: int = MEAN_WEEKS
    settings: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return self.arms[0]

    @property
    def alternatives(self) -> list:
        return self.arms[1:]

    def series_names(self) -> list:
        return list(dict.fromkeys(self.series["series"]))

    def cube(self, arm: str, name: str) -> pd.DataFrame:
        """One series of one arm: rows replicate, columns step."""
        rows = self.series[(self.series["arm"] == arm) & (self.series["series"] == name)]
        if rows.empty:
            raise AnalysisError(f"comparison has no series '{name}' for arm '{arm}'")
        return rows.pivot(index="replicate", columns="step", values="value")

    def summaries(self) -> pd.DataFrame:
        """arm, replicate, series, summary (final, mean), value."""
        parts = []
        for (arm, rep), rows in self.series.groupby(["arm", "replicate"], sort=False):
            wide = rows.pivot(index="step", columns="series", values="value")
            parts.append(long_summaries(wide, self.mean_weeks).assign(arm=arm, replicate=rep))
        out = pd.concat(parts, ignore_index=True)
        return out[["arm", "replicate", "series", "summary", "value"]]

    def differences(self, level: float = LEVEL) -> pd.DataFrame:
        """Per alternative arm, series and summary: arm - base with its confidence interval."""
        table = self.summaries().pivot_table(index=["series", "summary", "replicate"], columns="arm",
                                             values="value", sort=False)
        rows = []
        for arm in self.alternatives:
            for (name, summary), block in table.groupby(level=["series", "summary"], sort=False):
                st = paired_stats(block[self.base].to_numpy(), block[arm].to_numpy(), level)
                rows.append({"arm": arm, "series": name, "summary": summary, **{k: float(v) for k, v in st.items()}})
        return pd.DataFrame(rows)

    def difference_over_time(self, arm: str, name: str, level: float = LEVEL) -> pd.DataFrame:
        """Per step: mean of arm - base over replicates, with its confidence interval."""
        base, alt = self.cube(self.base, name), self.cube(arm, name)
        st = paired_stats(base.to_numpy(), alt.to_numpy(), level)
        return pd.DataFrame({k: st[k] for k in ("difference", "low", "high")}, index=base.columns)

    @classmethod
    def from_runs(cls, arms: dict, mean_weeks: int = MEAN_WEEKS) -> "Comparison":
        """Arms from run files: {arm name: [Run, ...]}, replicates paired by seed."""
        if len(arms) < 2:
            raise AnalysisError("a comparison needs at least two arms")
        seeds = _paired_seeds(arms)
        _check_same_steps(arms)
        series, events, provenance = [], [], []
        for arm, runs in arms.items():
            for run in runs:
                rep = seeds.index(run.seed)
                tidy = run.series_wide().rename_axis(columns="series").stack().rename("value").reset_index()
                series.append(tidy.assign(arm=arm, replicate=rep))
                provenance.append(_provenance_row(arm, rep, run))
            events.append(runs[0].events.assign(arm=arm))
        first = next(iter(arms.values()))[0]
        return cls(
            arms=list(arms),
            series=pd.concat(series, ignore_index=True)[["arm", "replicate", "step", "series", "value"]],
            info=first.series_info(),
            events=pd.concat(events, ignore_index=True)[["arm", "step", "key", "value", "note"]],
            provenance=pd.DataFrame(provenance).sort_values(["arm", "replicate"], kind="stable"),
            mean_weeks=effective_mean_weeks(mean_weeks, [r.steps for rs in arms.values() for r in rs]),
        )


def _paired_seeds(arms: dict) -> list:
    """The shared, sorted seeds; every arm must have run each seed once."""
    sets = {arm: sorted(r.seed for r in runs) for arm, runs in arms.items()}
    reference = next(iter(sets.values()))
    for arm, seeds in sets.items():
        if len(set(seeds)) != len(seeds):
            raise AnalysisError(f"arm '{arm}' has two runs with the same seed; replicates need distinct seeds")
        if seeds != reference:
            raise AnalysisError(f"arms must use the same seeds to be paired: '{arm}' has {seeds}, "
                                f"'{next(iter(sets))}' has {reference}")
    return reference


def _check_same_steps(arms: dict) -> None:
    runs = [r for rs in arms.values() for r in rs]
    for run in runs[1:]:
        if not np.array_equal(run.steps, runs[0].steps):
            raise AnalysisError(f"{run.path} has {len(run.steps)} weeks, {runs[0].path} has "
                                f"{len(runs[0].steps)}; compared runs must cover the same weeks")


def _provenance_row(arm: str, replicate: int, run) -> dict:
    p = run.provenance
    return {"arm": arm, "replicate": replicate, "seed": run.seed, "scenario": p.get("scenario_name", ""),
            "source": p.get("scenario_source", ""), "cogov_version": p.get("cogov_version", ""),
            "git_commit": p.get("git_commit", ""), "path": str(run.path)}
