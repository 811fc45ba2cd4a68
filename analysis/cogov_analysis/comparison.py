"""Paired comparisons: arms of replicates that share their random numbers.

A Comparison holds every arm's series per replicate; replicate r of each
arm ran with the same seed, so arm - base differences are the policy's
effect, not the dice's. It is built from run files (`Comparison.from_runs`)
or read from a `cogov compare` file (`comparefile`), which also records
each replicate's outcomes and cogov's own paired statistics; a file written
with `--no-series` has outcomes but no weekly series.
"""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from .errors import AnalysisError
from .series import MEAN_WEEKS, OUTCOME_SUMMARIES, effective_mean_weeks, long_summaries
from .stats import LEVEL, paired_stats

DIFFERENCE_COLUMNS = ["arm", "series", "summary", "mean_base", "mean_arm", "difference", "sd", "low", "high",
                      "replicates", "variance_reduction"]


@dataclass
class Comparison:
    arms: list                  # arm names; the first is the base the others are compared with
    series: pd.DataFrame        # arm, replicate, step, series, value (no rows for a file without series)
    info: dict                  # series name -> SeriesInfo
    events: pd.DataFrame        # arm, step, key, value, note
    provenance: pd.DataFrame    # one row per arm x replicate: arm, replicate, seed, scenario, ...
    mean_weeks: int = MEAN_WEEKS
    outcomes: pd.DataFrame | None = None    # arm, replicate, series, summary, value as a comparison file records them
    recorded: pd.DataFrame | None = None    # that file's own paired statistics (95% intervals), as differences()
    outcome_meanings: dict = field(default_factory=dict)   # outcome name -> what it measures (comparison files)
    attrs: dict = field(default_factory=dict)       # root attributes of a comparison file
    scenarios: dict = field(default_factory=dict)   # arm -> fully resolved scenario (TOML), when known
    window: str = ""            # comparison files: the weeks means, totals and shares cover ("weeks 53-312 ...")

    @property
    def base(self) -> str:
        return self.arms[0]

    @property
    def alternatives(self) -> list:
        return self.arms[1:]

    @property
    def has_series(self) -> bool:
        return not self.series.empty

    def series_names(self) -> list:
        """Series with weekly values."""
        return list(dict.fromkeys(self.series["series"]))

    def outcome_series(self) -> list:
        """Series with per-replicate outcomes (summaries), in the file's or the series' order."""
        return list(dict.fromkeys(self.summaries()["series"]))

    def outcome_summary(self, name: str) -> str:
        """The summary shown first for a series: a ratio over the run, else the mean, the total, the last week."""
        kinds = set(self.summaries().loc[lambda s: s["series"] == name, "summary"])
        return next(k for k in OUTCOME_SUMMARIES + tuple(sorted(kinds)) if k in kinds)

    def cube(self, arm: str, name: str) -> pd.DataFrame:
        """One series of one arm: rows replicate, columns step."""
        rows = self.series[(self.series["arm"] == arm) & (self.series["series"] == name)]
        if rows.empty:
            raise AnalysisError(f"comparison has no series '{name}' for arm '{arm}'")
        return rows.pivot(index="replicate", columns="step", values="value")

    def summaries(self) -> pd.DataFrame:
        """arm, replicate, series, summary, value: recorded outcomes, else final and mean of every series."""
        return self.outcomes if self.outcomes is not None else self._computed_summaries

    @cached_property
    def _computed_summaries(self) -> pd.DataFrame:
        parts = []
        for (arm, rep), rows in self.series.groupby(["arm", "replicate"], sort=False):
            wide = rows.pivot(index="step", columns="series", values="value")
            parts.append(long_summaries(wide, self.mean_weeks).assign(arm=arm, replicate=rep))
        out = pd.concat(parts, ignore_index=True)
        return out[["arm", "replicate", "series", "summary", "value"]]

    def differences(self, level: float = LEVEL) -> pd.DataFrame:
        """Per alternative arm, series and summary: arm - base with its confidence interval.

        A comparison file's own statistics are used as recorded (95% level).
        Where it recorded NaN because some replicates had no value (e.g. the
        trust of social organizations in a replicate that had none), the
        difference is computed over the pairs that have values; `replicates`
        counts the pairs used. Without any pair, every statistic is NaN.
        """
        computed = paired_differences(self.summaries(), self.arms, level)
        if self.recorded is None or level != LEVEL:
            return computed
        keys = ["arm", "series", "summary"]
        recorded = self.recorded.set_index(keys)
        computed = computed.set_index(keys).reindex(recorded.index)
        recorded["replicates"] = computed["replicates"]
        fill = recorded["difference"].isna() & computed["difference"].notna()
        recorded.loc[fill] = computed.loc[fill]
        recorded.loc[recorded["difference"].isna(), "variance_reduction"] = np.nan    # cogov writes 0 there
        return recorded.reset_index()[DIFFERENCE_COLUMNS]

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
            scenarios={arm: runs[0].provenance.get("scenario", "") for arm, runs in arms.items()},
        )


def paired_differences(summaries: pd.DataFrame, arms: list, level: float = LEVEL) -> pd.DataFrame:
    """Paired statistics of each arm after the first against the first, per series and summary.

    summaries: arm, replicate, series, summary, value; replicates are matched by number.
    """
    keys = ["series", "summary"]
    order = pd.MultiIndex.from_frame(summaries[keys].drop_duplicates())
    cubes = {arm: rows.pivot(index="replicate", columns=keys, values="value").reindex(columns=order)
             for arm, rows in summaries.groupby("arm", sort=False)}
    base = cubes[arms[0]]
    parts = []
    for arm in arms[1:]:
        st = paired_stats(base.to_numpy(), cubes[arm].reindex(index=base.index).to_numpy(), level)
        parts.append(order.to_frame(index=False).assign(arm=arm, **st))
    return pd.concat(parts, ignore_index=True)[DIFFERENCE_COLUMNS]


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
