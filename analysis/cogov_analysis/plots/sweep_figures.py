"""Figures of a sweep: outcome against each parameter, pair heatmaps, replicate spread."""

import itertools

import numpy as np
import pandas as pd

from ..labels import axis_label, series_label, summary_label
from . import style

MAX_LEVELS = 8   # a parameter with more distinct values is binned for heatmaps


def outcome_title(sweep, name, summary) -> str:
    return f"{series_label(name, sweep.info)}, {summary_label(summary, sweep.provenance.get('mean_weeks'))}"


@style.styled
def parameter_figure(sweep, name, summary):
    """The outcome of every run against each varied parameter, with the mean per value."""
    runs = sweep.run_values(name, summary)
    points = sweep.point_values(name, summary)
    fig, axes = style.grid(len(sweep.params), title=outcome_title(sweep, name, summary))
    for ax, param in zip(axes, sweep.params):
        ax.scatter(runs[param], runs["value"], s=12, alpha=0.5, label="One run")
        means = points.groupby(param)["mean"].mean()
        ax.plot(means.index, means.to_numpy(), "o-", color="C1",
                label="Mean over runs at this value" if len(means) <= MAX_LEVELS * 4 else None)
        ax.set_xlabel(param)
        ax.set_ylabel(axis_label(name, sweep.info))
        ax.grid(True, alpha=0.3)
    axes[0].legend(loc="best")
    return fig


def _levels(values: pd.Series) -> pd.Series:
    """The values themselves if few, else the midpoints of quantile bins."""
    if values.nunique() <= MAX_LEVELS:
        return values
    bins = pd.qcut(values, MAX_LEVELS, duplicates="drop")
    return bins.map(lambda b: b.mid).astype(float)


@style.styled
def pair_heatmaps(sweep, name, summary):
    """Mean outcome over each pair of varied parameters."""
    pairs = list(itertools.combinations(sweep.params, 2))
    runs = sweep.run_values(name, summary)
    fig, axes = style.grid(len(pairs), panel=(4.4, 3.6), title=f"Mean of {outcome_title(sweep, name, summary)}")
    for ax, (px, py) in zip(axes, pairs):
        table = runs.assign(**{px: _levels(runs[px]), py: _levels(runs[py])}).pivot_table(
            index=py, columns=px, values="value", aggfunc="mean")
        image = ax.imshow(table.to_numpy(), origin="lower", aspect="auto", cmap="viridis")
        ax.set_xticks(range(table.shape[1]), [f"{v:.3g}" for v in table.columns], rotation=35)
        ax.set_yticks(range(table.shape[0]), [f"{v:.3g}" for v in table.index])
        ax.set_xlabel(px)
        ax.set_ylabel(py)
        fig.colorbar(image, ax=ax, label=axis_label(name, sweep.info))
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
