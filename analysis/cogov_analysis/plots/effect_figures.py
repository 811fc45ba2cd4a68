"""Figures of an effect sweep: each arm's paired effect against each varied parameter with 95%
interval bands, and heatmaps of the effect over pairs of parameters with the values in the cells."""

import itertools

import numpy as np
from matplotlib.figure import Figure

from ..labels import SeriesInfo, parameter_label, series_label, split_trust_series, unit_label, wrap
from . import style


def _title(sweep, summary, outcome):
    name = series_label(outcome, {}) if split_trust_series(outcome) else sweep.meanings.get(outcome, outcome)
    return f"{name}, {sweep.window[summary]}"


def _param(sweep, key):
    return parameter_label(key, {key: SeriesInfo(key, sweep.units.get(key, ""), key)})


def _effect_axis(sweep, outcome):
    units = unit_label(sweep.units.get(outcome, ""))
    return f"Paired effect (arm - base){chr(10) + units if units else ''}"


def effect_lines(sweep, summary: str, outcome: str) -> Figure:
    """Effect of each arm against each parameter (the others averaged over), with 95% bands."""
    params = sweep.parameters
    fig = Figure(figsize=(4.2 * len(params), 3.6), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(params), squeeze=False)[0])
    for ax, p in zip(axes, params):
        for arm in sweep.arms[1:]:
            e = sweep.of(arm, summary, outcome).groupby(p)[["diff_mean", "ci_low", "ci_high"]].mean().reset_index()
            line, = ax.plot(e[p], e["diff_mean"], marker="o", label=f"{arm} - {sweep.arms[0]}")
            ax.fill_between(e[p], e["ci_low"], e["ci_high"], alpha=0.2, color=line.get_color())
        ax.axhline(0, color="0.4", lw=0.8)
        ax.set_xlabel(_param(sweep, p))
        if ax is axes[0]:
            ax.set_ylabel(_effect_axis(sweep, outcome))
        ax.grid(True, alpha=0.3)
    fig.suptitle(wrap(f"Effect on {_title(sweep, summary, outcome)}; {sweep.replicates} paired replicates, "
                      "95% intervals", 40 * len(params)), fontsize=10)
    axes[-1].legend(loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False, title="Arm (band: 95% interval)")
    return fig


def effect_heatmap(sweep, arm: str, summary: str, outcome: str, x: str, y: str) -> Figure:
    """The mean effect over two parameters, the value printed in each cell."""
    e = sweep.of(arm, summary, outcome).groupby([y, x])["diff_mean"].mean().unstack(x)
    fig = Figure(figsize=(1.2 * e.shape[1] + 3, 0.7 * e.shape[0] + 2.2), layout="constrained")
    ax = fig.subplots()
    limit = np.nanmax(np.abs(e.to_numpy())) or 1.0
    im = ax.imshow(e.to_numpy(), cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto", origin="lower")
    for (i, j), v in np.ndenumerate(e.to_numpy()):
        ax.text(j, i, f"{v:.3g}", ha="center", va="center", fontsize=9,
                color="white" if abs(v) > 0.6 * limit else "black")
    ax.set_xticks(range(e.shape[1]), [f"{v:g}" for v in e.columns])
    ax.set_yticks(range(e.shape[0]), [f"{v:g}" for v in e.index])
    ax.set_xlabel(_param(sweep, x))
    ax.set_ylabel(_param(sweep, y))
    fig.colorbar(im, ax=ax, label=_effect_axis(sweep, outcome))
    ax.set_title(wrap(f"{arm} - {sweep.arms[0]}: {_title(sweep, summary, outcome)}", 50), fontsize=10)
    return fig


def effect_plots(sweep, summary: str, outcome: str):
    title = f"Effect on {_title(sweep, summary, outcome)}"
    caption = (f"Mean paired difference (arm - {sweep.arms[0]}) over {sweep.replicates} replicates on common random "
               "numbers, with 95% t intervals; each panel averages over the other parameters.")
    plots = [style.Plot(f"effect_{style.safe_stem(outcome)}_{summary}", title, caption,
                        effect_lines(sweep, summary, outcome))]
    for x, y in itertools.combinations(sweep.parameters, 2):
        for k, arm in enumerate(sweep.arms[1:], start=1):
            plots.append(style.Plot(f"effect_heatmap_{k}_{style.safe_stem(outcome)}_{summary}_{x}_{y}",
                                    f"{arm}: {title}", "Mean paired effect in each cell of the two parameters.",
                                    effect_heatmap(sweep, arm, summary, outcome, x, y)))
    return plots
