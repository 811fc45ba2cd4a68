"""Figures of a sweep: outcome against each parameter, pair heatmaps, replicate spread."""

import itertools

import numpy as np
import pandas as pd

from ..labels import axis_label, parameter_label, series_label, summary_label
from ..sweep import FAILED, MISSING, OK
from . import style

MAX_LEVELS = 8   # a parameter with more distinct values is binned for heatmaps
NO_VALUE = "no value"
MAX_POINT_LABELS = 40   # design points numbered on the spread figure's axis up to this many


def outcome_title(sweep, name, summary) -> str:
    return f"{series_label(name, sweep.info)}, {summary_label(summary, sweep.provenance.get('mean_weeks'))}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _without_value(sweep, runs) -> pd.DataFrame:
    """Runs without this outcome, with column `why`: failed, not in this file, or undefined (NaN)."""
    lost = sweep.runs.loc[sweep.runs["status"] != OK].assign(why=lambda t: t["status"].map(WHY))
    undefined = sweep.runs.loc[runs.index[runs["value"].isna()]].assign(why="outcome undefined (NaN)")
    return pd.concat([lost, undefined])


WHY = {FAILED: "failed", MISSING: "not in this file"}


def _include(ax, values) -> None:
    """Widen the x axis to show these values too (marks drawn in axes coordinates do not)."""
    low, high = ax.get_xlim()
    low, high = min(low, np.nanmin(values)), max(high, np.nanmax(values))
    pad = 0.05 * (high - low or 1.0)
    ax.set_xlim(low - pad if low < ax.get_xlim()[0] else low, high + pad if high > ax.get_xlim()[1] else high)


@style.styled
def parameter_figure(sweep, name, summary):
    """The outcome of every run against each varied parameter, with the mean per value; runs without a
    value (failed, not in the file, undefined outcome) as crosses along the bottom."""
    runs = sweep.run_values(name, summary)
    points = sweep.point_values(name, summary)
    lost = _without_value(sweep, runs)
    fig, axes = style.grid(len(sweep.params), title=outcome_title(sweep, name, summary))
    for ax, param in zip(axes, sweep.params):
        ax.scatter(runs[param], runs["value"], s=12, alpha=0.5, label="One run")
        means = points.groupby(param)["mean"].mean()
        ax.plot(means.index, means.to_numpy(), "o-", color="C1",
                label="Mean over runs at this value" if len(means) <= MAX_LEVELS * 4 else None)
        if len(lost):
            ax.scatter(lost[param], np.full(len(lost), 0.03), transform=ax.get_xaxis_transform(), marker="x",
                       color="C3", s=18, clip_on=False, label="Run without a value")
            _include(ax, lost[param])
        ax.set_xlabel(parameter_label(param, sweep.param_info))
        ax.set_ylabel(axis_label(name, sweep.info))
        ax.grid(True, alpha=0.3)
    axes[0].legend(loc="best")
    if len(lost):
        counts = lost["why"].value_counts()
        style.footnote(fig, "Crosses along the bottom: runs without a value (" +
                       ", ".join(f"{why}: {n}" for why, n in counts.items()) + ").")
    return fig


def _levels(values: pd.Series) -> pd.Series:
    """The values themselves if few, else the midpoints of quantile bins."""
    if values.nunique() <= MAX_LEVELS:
        return values
    bins = pd.qcut(values, MAX_LEVELS, duplicates="drop")
    return bins.map(lambda b: b.mid).astype(float)


def _all_levels(sweep, param: str, shown: pd.Index) -> pd.Index:
    """Every value a parameter takes in the design when it has few (so a cell without runs shows)."""
    design = sweep.runs[param]
    if design.nunique() > MAX_LEVELS:
        return shown
    return pd.Index(sorted(set(design.dropna()) | set(shown)))


@style.styled
def pair_heatmaps(sweep, name, summary):
    """Mean outcome over each pair of varied parameters; cells of the design without a value marked."""
    pairs = list(itertools.combinations(sweep.params, 2))
    runs = sweep.run_values(name, summary)
    fig, axes = style.grid(len(pairs), panel=(4.4, 3.6),
                           title=f"Mean of {_lower_first(outcome_title(sweep, name, summary))}")
    empty = False
    for ax, (px, py) in zip(axes, pairs):
        table = runs.assign(**{px: _levels(runs[px]), py: _levels(runs[py])}).pivot_table(
            index=py, columns=px, values="value", aggfunc="mean", dropna=False)
        table = table.reindex(index=_all_levels(sweep, py, table.index), columns=_all_levels(sweep, px, table.columns))
        values = table.to_numpy(dtype=float)
        image = ax.imshow(values, origin="lower", aspect="auto", cmap="viridis")
        for i, j in zip(*np.nonzero(np.isnan(values))):
            ax.text(j, i, NO_VALUE, ha="center", va="center", fontsize=7, color="0.3")
            empty = True
        ax.set_xticks(range(table.shape[1]), [f"{v:.3g}" for v in table.columns], rotation=35)
        ax.set_yticks(range(table.shape[0]), [f"{v:.3g}" for v in table.index])
        ax.set_xlabel(parameter_label(px, sweep.param_info))
        ax.set_ylabel(parameter_label(py, sweep.param_info))
        fig.colorbar(image, ax=ax, label=axis_label(name, sweep.info))
    if empty:
        style.footnote(fig, f"{NO_VALUE}: no run at these values has this outcome (the runs failed, are not in "
                            "this file, or the outcome is undefined there).")
    return fig


@style.styled
def spread_figure(sweep, name, summary):
    """Each design point's mean, with the range of its replicates, ordered by mean."""
    points = sweep.point_values(name, summary).sort_values("mean")
    fig, axes = style.grid(1, panel=(8, 3.4), title=f"Replicate spread: {outcome_title(sweep, name, summary)}")
    ax = axes[0]
    x = np.arange(len(points))
    ax.errorbar(x, points["mean"], yerr=[points["mean"] - points["min"], points["max"] - points["mean"]],
                fmt="o", markersize=3, capsize=2, label="Mean (bars: lowest to highest replicate)")
    if len(points) <= MAX_POINT_LABELS:
        ax.set_xticks(x, [str(p) for p in points.index], rotation=90 if len(points) > 20 else 0)
        ax.set_xlabel("Design point (its number), ordered by mean outcome")
    else:
        ax.set_xlabel("Design point, ordered by mean outcome")
    ax.set_ylabel(axis_label(name, sweep.info))
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best")
    return fig


def sweep_plots(sweep, outcomes) -> list:
    """Figures per outcome, given as (series, summary) pairs."""
    plots = []
    for name, summary in outcomes:
        stem = style.safe_stem(f"{name}_{summary}")
        what = outcome_title(sweep, name, summary)
        plots.append(style.Plot(f"parameters_{stem}", f"Outcome against each parameter: {what}",
                                "Each dot is one run; the line joins the means at each value.",
                                parameter_figure(sweep, name, summary)))
        if len(sweep.params) > 1:
            plots.append(style.Plot(f"pairs_{stem}", f"Pairs of parameters: {what}",
                                    f"Mean outcome over each pair of parameters (more than {MAX_LEVELS} distinct "
                                    "values are grouped into bins).", pair_heatmaps(sweep, name, summary)))
        plots.append(style.Plot(f"spread_{stem}", f"Replicate spread: {what}",
                                "Each design point's mean with its lowest and highest replicate.",
                                spread_figure(sweep, name, summary)))
    return plots
