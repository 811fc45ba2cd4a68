"""PRIM's peeling trajectory: the coverage/density trade-off, the chosen box marked."""

import numpy as np
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure

from ..labels import wrap


def tradeoff_figure(result, what: str) -> Figure:
    t = result.trajectory_frame()
    fig = Figure(figsize=(5.5, 4.2), layout="constrained")
    ax = fig.subplots()
    most = int(t["restricted"].max())
    norm = BoundaryNorm(np.arange(-0.5, most + 1.5), 256)
    points = ax.scatter(t["coverage"], t["density"], c=t["restricted"], cmap="viridis", norm=norm, s=18)
    chosen = t.iloc[result.chosen]
    ax.scatter([result.box.coverage], [result.box.density], marker="*", s=160, color="crimson",
               label=f"chosen box (after pasting): {result.box.coverage:.2f} coverage, {result.box.density:.2f} density")
    ax.annotate(f"step {int(chosen['step'])}", (chosen["coverage"], chosen["density"]), textcoords="offset points",
                xytext=(6, -12), fontsize=8)
    ax.set_xlabel("Coverage (share of all cases of interest in the box)")
    ax.set_ylabel("Density (share of the box that are cases)")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.grid(True, alpha=0.3)
    fig.colorbar(points, ax=ax, label="Inputs the box restricts", ticks=range(most + 1))
    ax.set_title(wrap(f"PRIM peeling trajectory. Cases of interest: {what}", 55), fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False, fontsize=8)
    return fig
