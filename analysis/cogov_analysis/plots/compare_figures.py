"""Figures of a paired comparison: arms with replicate bands, paired differences.

Over time (when the weekly series are known): each arm's mean with a band
over replicates, and the paired difference per week with its confidence
interval. Per outcome (always): every replicate's value in each arm, paired
replicates joined, and the mean paired difference with its interval.
"""

import warnings

import numpy as np
from matplotlib.ticker import FuncFormatter

from ..labels import MISSING, axis_label, series_label, summary_label, wrap
from ..stats import LEVEL
from ..summary import comparison_series
from . import style

BAND = (5, 95)
FIGURE_PANELS = 9
PAIR_COLOR = "0.75"
MISSING_NOTE = ("Where a replicate has no value (no actor of that type that week), means, bands and intervals are "
                "over the replicates (pairs) that have one; gaps: none has.")
PLAIN_TICKS = FuncFormatter(lambda value, _: f"{value:.3g}")   # no offset or power written beside the axis


def _arm_markers(cmp):
    return {arm: style.event_markers(cmp.events[cmp.events["arm"] == arm]) for arm in cmp.arms}


def _mark_all(ax, markers):
    for k, m in enumerate(markers.values()):
        style.mark_events(ax, m, color=f"C{k}")


def _note(markers) -> str:
    return "  ".join(style.events_note(m, f"Events of {arm}") for arm, m in markers.items() if not m.empty)


def _replicates(cmp) -> int:
    return cmp.provenance["replicate"].nunique()


def _outcome_title(cmp, name, summary) -> str:
    return f"{series_label(name, cmp.info)}, {summary_label(summary, cmp.mean_weeks, cmp.window)}"


def _legend_beside(ax, **options) -> None:
    """The legend to the right of the panels, where it cannot cover data."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0, frameon=False, **options)


@style.styled
def arms_figure(cmp, names):
    """Each arm's mean over replicates, with the middle 90% of replicates shaded."""
    markers = _arm_markers(cmp)
    fig, axes = style.grid(len(names), title=f"{' vs '.join(cmp.arms)}: mean of {_replicates(cmp)} replicates")
    missing = False
    for ax, name in zip(axes, names):
        for k, arm in enumerate(cmp.arms):
            cube = cmp.cube(arm, name)
            missing = missing or cube.isna().to_numpy().any()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)     # weeks where no replicate has a value
                low, high = np.nanpercentile(cube.to_numpy(), BAND, axis=0)
            ax.fill_between(cube.columns, low, high, color=f"C{k}", alpha=0.2)
            ax.plot(cube.columns, cube.mean(axis=0), color=f"C{k}", label=arm)
        style.week_axis(ax, axis_label(name, cmp.info), series_label(name, cmp.info))
        _mark_all(ax, markers)
    _legend_beside(axes[len(names) - 1], title=f"Arm (band: {BAND[0]}th-{BAND[1]}th\npercentile of replicates)")
    style.footnote(fig, (MISSING_NOTE + "  " if missing else "") + _note(markers))
    return fig


@style.styled
def differences_figure(cmp, arm, names, level=LEVEL):
    """Mean paired difference arm - base per week, with its confidence interval."""
    markers = _arm_markers(cmp)
    fig, axes = style.grid(len(names), title=f"Paired difference {arm} - {cmp.base} "
                                             f"(mean, {level:.0%} confidence interval)")
    missing = False
    for ax, name in zip(axes, names):
        missing = missing or any(cmp.cube(a, name).isna().to_numpy().any() for a in (cmp.base, arm))
        diff = cmp.difference_over_time(arm, name, level)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.fill_between(diff.index, diff["low"], diff["high"], color="C1", alpha=0.25,
                        label=f"{level:.0%} confidence interval")
        ax.plot(diff.index, diff["difference"], color="C1", label=f"{arm} - {cmp.base}")
        style.week_axis(ax, f"difference, {axis_label(name, cmp.info)}", series_label(name, cmp.info))
        _mark_all(ax, markers)
    _legend_beside(axes[len(names) - 1])
    style.footnote(fig, (MISSING_NOTE + "  " if missing else "") + _note(markers))
    return fig


@style.styled
def outcomes_figure(cmp, outcomes):
    """Every replicate's outcome in each arm; lines join replicates that share their random numbers."""
    summaries = cmp.summaries()
    fig, axes = style.grid(len(outcomes), title=f"Outcomes of {_replicates(cmp)} paired replicates per arm")
    x = np.arange(len(cmp.arms))
    for ax, (name, summary) in zip(axes, outcomes):
        rows = summaries[(summaries["series"] == name) & (summaries["summary"] == summary)]
        table = rows.pivot(index="replicate", columns="arm", values="value").reindex(columns=cmp.arms)
        ax.plot(x, table.to_numpy().T, color=PAIR_COLOR, linewidth=0.8, zorder=1)
        for k, arm in enumerate(cmp.arms):
            ax.scatter(np.full(len(table), k), table[arm], s=14, color=f"C{k}", zorder=2)
            if table[arm].notna().any():
                ax.hlines(table[arm].mean(), k - 0.25, k + 0.25, color=f"C{k}", linewidth=2.5, zorder=3)
        ax.set_xticks(x, [wrap(arm, 18) for arm in cmp.arms])
        ax.set_xlim(-0.5, len(cmp.arms) - 0.5)
        ax.set_ylabel(axis_label(name, cmp.info))
        ax.set_title(wrap(_outcome_title(cmp, name, summary)))
        ax.grid(True, axis="y", alpha=0.3)
    style.footnote(fig, "Dots: one replicate each; grey lines join the replicates of each arm that ran on the same "
                        "random numbers; bars: the mean over replicates.")
    return fig


@style.styled
def outcome_differences_figure(cmp, outcomes, level=LEVEL):
    """Mean paired difference of each alternative arm from the base, per outcome, with its interval."""
    diffs = cmp.differences(level)
    fig, axes = style.grid(len(outcomes), panel=(4.2, 1.0 + 0.55 * len(cmp.alternatives)),
                           title=f"Paired differences from {cmp.base} (mean, {level:.0%} confidence interval)")
    y = np.arange(len(cmp.alternatives))[::-1]
    for ax, (name, summary) in zip(axes, outcomes):
        rows = diffs[(diffs["series"] == name) & (diffs["summary"] == summary)].set_index("arm").reindex(cmp.alternatives)
        ax.axvline(0, color="black", linewidth=0.8)
        along = ax.get_yaxis_transform()            # x in axes fraction, y in data
        for k, (arm, row) in enumerate(rows.iterrows()):
            ax.text(0.01, y[k] + 0.3, f"{arm} - {cmp.base}", transform=along, va="center", fontsize=7, color=f"C{k + 1}")
            if np.isnan(row["difference"]):         # no replicate pair has a value, e.g. trust of absent actors
                ax.text(0.5, y[k], f"{MISSING}: no pair of replicates has a value", transform=along,
                        ha="center", va="center", fontsize=7, color=f"C{k + 1}")
                continue
            ax.errorbar(row["difference"], y[k], xerr=[[row["difference"] - row["low"]], [row["high"] - row["difference"]]],
                        fmt="o", color=f"C{k + 1}", capsize=3)
        ax.set_yticks([])
        ax.set_ylim(-0.5, len(cmp.alternatives) - 0.3)
        ax.xaxis.set_major_formatter(PLAIN_TICKS)
        ax.set_xlabel(f"difference, {axis_label(name, cmp.info)}")
        ax.set_title(wrap(_outcome_title(cmp, name, summary)))
        ax.grid(True, axis="x", alpha=0.3)
    style.footnote(fig, f"Dot: mean difference between replicates that share their random numbers; bar: its {level:.0%} "
                        "confidence interval. A bar that does not cross zero marks a difference the replicates resolve.")
    return fig


def comparison_plots(cmp, names=None) -> list:
    weekly, with_outcomes = comparison_series(cmp, names)
    weekly = weekly[:FIGURE_PANELS]
    outcomes = [(n, cmp.outcome_summary(n)) for n in with_outcomes[:FIGURE_PANELS]]
    plots = []
    if weekly:
        plots.append(style.Plot("arms", "Arms over time", f"Each arm's mean over replicates; the band holds the middle "
                                f"{BAND[1] - BAND[0]}% of replicates.", arms_figure(cmp, weekly)))
        plots += [style.Plot(f"difference_{style.safe_stem(arm)}", f"Paired difference over time: {arm} - {cmp.base}",
                             f"Mean difference {arm} - {cmp.base} between replicates that share their random "
                             "numbers, week by week, with its 95% confidence interval.",
                             differences_figure(cmp, arm, weekly)) for arm in cmp.alternatives]
    if outcomes:
        plots.append(style.Plot("outcomes", "Outcomes per replicate",
                                "Each replicate's outcome in every arm; lines join replicates on the same random "
                                "numbers, bars mark the means.", outcomes_figure(cmp, outcomes)))
        plots.append(style.Plot("outcome_differences", "Paired differences of outcomes",
                                f"Mean paired difference of each arm from {cmp.base} with its 95% confidence interval.",
                                outcome_differences_figure(cmp, outcomes)))
    return plots
