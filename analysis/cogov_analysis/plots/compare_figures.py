"""Figures of a paired comparison: arms with replicate bands, paired differences."""

import numpy as np

from ..labels import axis_label, series_label
from ..summary import key_series
from . import style

BAND = (5, 95)
FIGURE_PANELS = 9


def _arm_markers(cmp):
    return {arm: style.event_markers(cmp.events[cmp.events["arm"] == arm]) for arm in cmp.arms}


def _mark_all(ax, markers):
    for k, m in enumerate(markers.values()):
        style.mark_events(ax, m, color=f"C{k}")


def _note(markers) -> str:
    return "  ".join(style.events_note(m, f"Events of {arm}") for arm, m in markers.items() if not m.empty)


@style.styled
def arms_figure(cmp, names):
    """Each arm's mean over replicates, with the middle 90% of replicates shaded."""
    markers = _arm_markers(cmp)
    fig, axes = style.grid(len(names), title=f"{' vs '.join(cmp.arms)}: mean of "
                                             f"{cmp.provenance['replicate'].nunique()} replicates")
    for ax, name in zip(axes, names):
        for k, arm in enumerate(cmp.arms):
            cube = cmp.cube(arm, name)
            low, high = np.percentile(cube.to_numpy(), BAND, axis=0)
            ax.fill_between(cube.columns, low, high, color=f"C{k}", alpha=0.2)
            ax.plot(cube.columns, cube.mean(axis=0), color=f"C{k}", label=arm)
        style.week_axis(ax, axis_label(name, cmp.info), series_label(name, cmp.info))
        _mark_all(ax, markers)
    axes[0].legend(title=f"Arm (band: {BAND[0]}th-{BAND[1]}th percentile of replicates)", loc="best")
    style.footnote(fig, _note(markers))
    return fig


@style.styled
def differences_figure(cmp, arm, names, level=0.95):
    """Mean paired difference arm - base per week, with its confidence interval."""
    markers = _arm_markers(cmp)
    fig, axes = style.grid(len(names), title=f"Paired difference {arm} - {cmp.base} "
                                             f"(mean, {level:.0%} confidence interval)")
    for ax, name in zip(axes, names):
        diff = cmp.difference_over_time(arm, name, level)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.fill_between(diff.index, diff["low"], diff["high"], color="C1", alpha=0.25,
                        label=f"{level:.0%} confidence interval")
        ax.plot(diff.index, diff["difference"], color="C1", label=f"{arm} - {cmp.base}")
        style.week_axis(ax, f"difference, {axis_label(name, cmp.info)}", series_label(name, cmp.info))
        _mark_all(ax, markers)
    axes[0].legend(loc="best")
    style.footnote(fig, _note(markers))
    return fig


def comparison_plots(cmp, names=None) -> list:
    names = key_series(cmp.series_names(), names)[:FIGURE_PANELS]
    arms = style.Plot("arms", "Arms over time", f"Each arm's mean over replicates; the band holds the middle "
                      f"{BAND[1] - BAND[0]}% of replicates.", arms_figure(cmp, names))
    return [arms] + [style.Plot(f"difference_{style.safe_stem(arm)}", f"Paired difference: {arm} - {cmp.base}",
                                f"Mean difference {arm} - {cmp.base} between replicates that share their random "
                                "numbers, week by week, with its 95% confidence interval.",
                                differences_figure(cmp, arm, names)) for arm in cmp.alternatives]
