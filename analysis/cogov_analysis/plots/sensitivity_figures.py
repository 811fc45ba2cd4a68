"""Bar charts of Sobol indices and Morris elementary effects."""

import numpy as np

from ..sensitivity import MorrisResult, SobolResult
from . import style


def _errors(values, ci):
    return np.vstack([values - ci[:, 0], ci[:, 1] - values]).clip(min=0)


@style.styled
def sobol_figure(result: SobolResult, outcome: str):
    fig, axes = style.grid(1, panel=(max(5.0, 1.1 * len(result.names) + 2), 3.6),
                           title=f"Sobol indices of {outcome}")
    ax = axes[0]
    x = np.arange(len(result.names))
    width = 0.38
    ax.bar(x - width / 2, result.first, width, yerr=_errors(result.first, result.first_ci), capsize=3,
           label="First order (this parameter alone)")
    ax.bar(x + width / 2, result.total, width, yerr=_errors(result.total, result.total_ci), capsize=3,
           label="Total (with all its interactions)")
    ax.set_xticks(x, result.names, rotation=20, ha="right")
    ax.set_ylabel("share of the outcome's variance")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(title=f"Bars: {result.level:.0%} bootstrap interval, {result.base_samples} base samples", loc="best")
    return fig


@style.styled
def morris_figure(result: MorrisResult, outcome: str):
    fig, axes = style.grid(2, columns=2, title=f"Morris elementary effects on {outcome}")
    x = np.arange(len(result.names))
    bars, scatter = axes
    bars.bar(x, result.mu_star, yerr=_errors(result.mu_star, result.mu_star_ci), capsize=3)
    bars.set_xticks(x, result.names, rotation=20, ha="right")
    bars.set_ylabel("mu* (mean absolute effect)")
    bars.set_title(f"Importance ({result.level:.0%} bootstrap interval, {result.trajectories} trajectories)")
    bars.grid(True, axis="y", alpha=0.3)
    scatter.scatter(result.mu_star, result.sigma)
    for name, mx, sy in zip(result.names, result.mu_star, result.sigma):
        scatter.annotate(name, (mx, sy), xytext=(3, 3), textcoords="offset points", fontsize=7)
    scatter.set_xlabel("mu* (mean absolute effect)")
    scatter.set_ylabel("sigma (spread: non-linearity, interactions)")
    scatter.set_title("Linear and additive effects lie near sigma = 0")
    scatter.grid(True, alpha=0.3)
    return fig


def sensitivity_figure(result, outcome: str):
    return sobol_figure(result, outcome) if isinstance(result, SobolResult) else morris_figure(result, outcome)
