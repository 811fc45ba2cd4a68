"""Names and summaries of output series, shared by runs, comparisons and sweeps.

A series is a city-wide metric (`participation_rate`) or one cell of the
trust matrix, named `trust.<truster>.<trustee>` with actor names, the same
names `cogov sweep` records. Summaries of a series are its value in the last
week (`final`) and its mean over the last `MEAN_WEEKS` weeks (`mean`).
Comparison files also record sums over the run (`total`) and ratios of sums
(`run`, e.g. `run.resolved_share`); an outcome is named `<summary>.<series>`.
"""

from dataclasses import dataclass

import pandas as pd

MEAN_WEEKS = 52
SUMMARIES = ("final", "mean")
OUTCOME_SUMMARIES = ("run", "mean", "total", "final")   # the one to show first when a series has several
TRUST_PREFIX = "trust."


@dataclass(frozen=True)
class SeriesInfo:
    """What a series measures, in the file's own words."""

    name: str
    units: str
    long_name: str


def trust_series(truster: str, trustee: str) -> str:
    return f"{TRUST_PREFIX}{truster}.{trustee}"


def split_trust_series(name: str) -> tuple[str, str] | None:
    """(truster, trustee) of a trust series name, None for any other series."""
    if not name.startswith(TRUST_PREFIX):
        return None
    parts = name[len(TRUST_PREFIX):].split(".")
    return (parts[0], parts[1]) if len(parts) == 2 else None


def outcome_name(series: str, summary: str) -> str:
    return f"{summary}.{series}"


def split_outcome(name: str) -> tuple[str, str]:
    """(series, summary) of an outcome name: `mean.trust.residents.government` -> (`trust.residents.government`, `mean`)."""
    summary, _, series = name.partition(".")
    return (series, summary) if series else (name, "")


def effective_mean_weeks(mean_weeks: int, steps) -> int:
    """The weeks `mean` really averages over runs of the given lengths."""
    shortest = min(len(s) for s in steps)
    return shortest if mean_weeks <= 0 else min(mean_weeks, shortest)


def summarise(wide: pd.DataFrame, mean_weeks: int = MEAN_WEEKS) -> pd.DataFrame:
    """Summaries of every column of a step-indexed frame: rows `final` and `mean`.

    `mean` averages the last `mean_weeks` rows (all rows if fewer).
    """
    if wide.empty:
        raise ValueError("no steps to summarise")
    tail = wide.iloc[-mean_weeks:] if mean_weeks > 0 else wide
    return pd.DataFrame({"final": wide.iloc[-1], "mean": tail.mean()}).T.rename_axis("summary")


def long_summaries(wide: pd.DataFrame, mean_weeks: int = MEAN_WEEKS) -> pd.DataFrame:
    """`summarise` as a tidy frame: series, summary, value."""
    table = summarise(wide, mean_weeks)
    out = table.T.rename_axis("series").reset_index().melt(id_vars="series", var_name="summary")
    return out[["series", "summary", "value"]]


def melt_steps(wide: pd.DataFrame, name: str = "series") -> pd.DataFrame:
    """Step-indexed wide frame -> tidy rows step, <name>, value."""
    out = wide.rename_axis("step").reset_index().melt(id_vars="step", var_name=name)
    return out[["step", name, "value"]]

